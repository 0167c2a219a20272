package io.heaplab.alloc;

import io.heaplab.alloc.impl.BuddyAllocator;
import io.heaplab.alloc.impl.BumpAllocator;
import io.heaplab.alloc.impl.FreeListAllocator;
import io.heaplab.alloc.impl.SizeClassAllocator;
import io.heaplab.alloc.impl.TlsfTwoEndedAllocator;
import io.heaplab.alloc.impl.TwoEndedAllocator;

/**
 * Factories for heaplab's research allocators, each over a new heap of its own (or, for layers, over the heap of
 * the allocator they wrap). The registered names in {@code heaplab list} are one-line compositions of these.
 */
public final class Allocators {

    /** Slab size and backing page size of the registered size-class allocators, in bytes. */
    public static final long PAGE_BYTES = 4096;

    private Allocators() {
    }

    /**
     * {@return a bump allocator over a new heap}
     *
     * @param heapBytes heap capacity in bytes
     * @throws IllegalArgumentException if {@code heapBytes} is not positive
     */
    public static Allocator bump(long heapBytes) {
        return new BumpAllocator("bump", heapBytes);
    }

    /**
     * {@return a free-list allocator with 16-byte granules over a new heap}
     *
     * @param heapBytes heap capacity in bytes, at least 16
     * @param fit       the fit policy
     * @param order     the free-list order
     * @throws IllegalArgumentException if {@code heapBytes < 16}
     */
    public static Allocator freeList(long heapBytes, FitPolicy fit, FreeListOrder order) {
        return new FreeListAllocator(freeListName(fit, order), heapBytes, fit, order,
            FreeListAllocator.DEFAULT_GRANULE_BYTES);
    }

    /**
     * {@return a two-ended heap of two free lists with 16-byte granules and the same fit policy and order}
     * Requests of at most {@code maxSmallBytes} (alignment at most 16) are placed by one free list growing down from
     * the end of the heap, every other request by one growing up from its start.
     *
     * @param name          the registered name
     * @param heapBytes     heap capacity in bytes, at least 16
     * @param fit           both free lists' fit policy
     * @param order         both free lists' order
     * @param maxSmallBytes the largest small request: a positive multiple of 16 bytes
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static Allocator freeListTwoEnded(String name, long heapBytes, FitPolicy fit, FreeListOrder order,
                                             long maxSmallBytes) {
        FreeListAllocator low = new FreeListAllocator(name + "-low", heapBytes, fit, order,
            FreeListAllocator.DEFAULT_GRANULE_BYTES);
        FreeListAllocator high = null;
        try {
            high = new FreeListAllocator(name + "-high", heapBytes, fit, order,
                FreeListAllocator.DEFAULT_GRANULE_BYTES);
            return new TwoEndedAllocator(name, maxSmallBytes, low, high);
        } catch (RuntimeException e) {
            if (high != null) {
                high.close();
            }
            low.close();
            throw e;
        }
    }

    /**
     * {@return a two-ended two-level segregated fit allocator with 16-byte granules over a new heap}
     * Requests of at most {@code maxSmallBytes} (alignment at most 16) are placed down from the end of the heap,
     * every other request up from its start; see {@link TlsfTwoEndedAllocator}.
     *
     * @param name          the registered name
     * @param heapBytes     heap capacity in bytes, at least 16
     * @param maxSmallBytes the largest small request: a positive multiple of 16 bytes
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static Allocator tlsfTwoEnded(String name, long heapBytes, long maxSmallBytes) {
        return new TlsfTwoEndedAllocator(name, heapBytes, maxSmallBytes);
    }

    /**
     * {@return the registered name of a free-list variant} e.g. {@code freelist-best} (address order) or
     * {@code freelist-best-lifo}.
     *
     * @param fit   the fit policy
     * @param order the free-list order
     */
    public static String freeListName(FitPolicy fit, FreeListOrder order) {
        String base = "freelist-" + fit.name().toLowerCase(java.util.Locale.ROOT);
        return order == FreeListOrder.LIFO ? base + "-lifo" : base;
    }

    /**
     * {@return a binary buddy allocator over a new heap}
     *
     * @param heapBytes     heap capacity in bytes
     * @param minBlockBytes order-0 block size in bytes, a power of two
     * @param maxOrder      largest order, {@code 0..40}
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static Allocator buddy(long heapBytes, long minBlockBytes, int maxOrder) {
        return new BuddyAllocator("buddy", heapBytes, minBlockBytes, maxOrder);
    }

    /**
     * {@return size classes over buddy pages: small requests from 64 KiB slabs, the rest from a buddy allocator
     * with {@value #PAGE_BYTES}-byte minimum blocks}
     *
     * @param name      the registered name
     * @param heapBytes heap capacity in bytes, at least 64 KiB
     * @param spacing   the size classes (largest at most 64 KiB)
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static Allocator sizeClassOverBuddy(String name, long heapBytes, SizeClassSpacing spacing) {
        Allocator pages = new BuddyAllocator("buddy-pages", heapBytes, PAGE_BYTES, BuddyAllocator.DEFAULT_MAX_ORDER);
        return new SizeClassAllocator(name, spacing, SizeClassAllocator.DEFAULT_SLAB_BYTES, pages);
    }
}
