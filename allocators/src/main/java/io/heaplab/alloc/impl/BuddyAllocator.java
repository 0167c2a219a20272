package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.HeapSegment;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;

/**
 * A binary buddy allocator (Knowlton 1965; the Linux page allocator's scheme), headerless, with out-of-band
 * per-order bitmaps.
 *
 * <h2>Notation</h2>
 * {@code m} = minimum block in bytes (a power of two), order {@code k} = a block of {@code m << k} bytes aligned to
 * its size, {@code K} = the maximum order. The buddy of the order-{@code k} block at offset {@code b} is
 * {@code b ^ (m << k)}; the two merge into the order-{@code k+1} block at {@code min(b, buddy)}.
 * <pre>
 *   heap, initially:  |<------- order K ------->|<------- order K ------->|<- K-1 ->|<K-3>|   (greedy, aligned)
 *   after allocate(m):|m|m|2m |  4m   |     8m     | ... order K-1 ... |            free
 *                      ^ granted, the rest split off as free buddies
 * </pre>
 *
 * <h2>Metadata</h2>
 * One {@link HierarchicalBitmap} per order, outside the heap: bit {@code i} of order {@code k} is set iff the block
 * at offset {@code i * (m << k)} is free <em>as a whole order-k block</em>. Allocated blocks have no header: the
 * order is recomputed from the layout passed to {@code deallocate} (Rust's sized deallocation). The bitmaps grow
 * with the highest block that has ever been free at their order, not with the heap: taking the lowest free block
 * keeps splits, and so the low orders' bits, near the start of the heap, and total metadata is about 2 bits per
 * minimum block of the footprint. The initial free blocks are the maximum-order blocks covering the heap (a few
 * bits) and, if the heap is not a multiple of the maximum block, one smaller block per order at its end; so that
 * those cannot make a low order's bitmap span a huge heap, the heap is used only up to a multiple of the largest
 * power of two at most {@code heapBytes / }{@value #MAX_TAIL_BLOCKS} (and at least {@code m}): a heap of at most
 * {@value #MAX_TAIL_BLOCKS} minimum blocks is used whole, a larger one loses less than a
 * 1/{@value #MAX_TAIL_BLOCKS} share at its end (none if it is a multiple of that power of two, as 64g or 1t are).
 *
 * <h2>Operations, each O(K · log<sub>64</sub> n)</h2>
 * <ol>
 *   <li>allocate(s, a): order {@code k} = smallest with {@code m << k >= max(s, a, m)}. Take the lowest-address
 *       free block of the smallest order {@code j >= k} that has one; split it down to order {@code k}, marking each
 *       upper half free. Fail if no order has a free block, or {@code k > K}.</li>
 *   <li>deallocate(b, s, a): while the buddy at the current order is free, clear it and merge; mark the result
 *       free.</li>
 *   <li>reallocate: same order: in place. Smaller order: split in place, freeing upper halves. Larger order: in
 *       place if the block is the lower buddy at every order up to the new one and each upper buddy is free;
 *       otherwise allocate, copy, free.</li>
 * </ol>
 * Choosing the lowest address makes the allocator deterministic: a fully freed heap is exactly the initial heap.
 *
 * <h2>Misuse</h2>
 * {@code deallocate} and {@code reallocate} first check that the block lies in the heap, is aligned to its order's
 * size and is not itself free at that order; otherwise they throw {@link IllegalArgumentException} before changing
 * anything. A block freed twice after merging, or with a layout of another order that passes these checks, is
 * freed as given (overlapping blocks may follow). Every loop is bounded by the number of orders or by the bitmaps,
 * which live outside the heap where no user write reaches them: no misuse makes the allocator loop forever.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Free blocks are disjoint, lie inside the heap, and no two free buddies of the same order coexist
 *       (they would have merged).</li>
 *   <li>Every offset handed out is a multiple of its block size, hence of the requested alignment.</li>
 *   <li>The footprint is the highest end of any block ever handed out.</li>
 * </ul>
 *
 * @implSpec Not thread-safe. Nothing on the allocate/deallocate/reallocate paths allocates on the Java heap, except
 * that the out-of-band metadata grows (geometrically, so amortised O(1)) when the footprint reaches past it.
 */
public final class BuddyAllocator implements Allocator {

    /** The default minimum block in bytes. */
    public static final long DEFAULT_MIN_BLOCK_BYTES = 16;
    /** The default maximum order: with 16-byte minimum blocks, 2<sup>26</sup> = 1 GiB maximum blocks. */
    public static final int DEFAULT_MAX_ORDER = 26;

    /** Bounds the index of a block at the end of the heap in its order's bitmap (see "Metadata"). */
    private static final long MAX_TAIL_BLOCKS = 1L << 20;

    private final String name;
    private final HeapSegment heap;
    private final MemorySegment memory;
    private final long heapBytes;
    /** The part of the heap blocks are placed in: {@code heapBytes} rounded down (see "Metadata"). */
    private final long usableBytes;
    private final int minShift;
    private final int maxOrder;
    private final HierarchicalBitmap[] free;
    private final StatsCounter stats = new StatsCounter();

    /**
     * @param name          the registered name
     * @param heapBytes     heap capacity in bytes, at least {@code minBlockBytes}
     * @param minBlockBytes the order-0 block size in bytes, a power of two
     * @param maxOrder      the largest order, {@code 0..40}; lowered to what the heap can hold
     * @throws IllegalArgumentException if a parameter is out of range, or the heap has more than
     *                                  {@link HierarchicalBitmap#MAX_BITS} minimum blocks (2 TiB at 16 bytes)
     * @throws IllegalStateException    if the operating system refuses a heap of {@code heapBytes} bytes
     */
    public BuddyAllocator(String name, long heapBytes, long minBlockBytes, int maxOrder) {
        if (minBlockBytes <= 0 || Long.bitCount(minBlockBytes) != 1) {
            throw new IllegalArgumentException("minimum block must be a power of two: " + minBlockBytes);
        }
        if (heapBytes < minBlockBytes) {
            throw new IllegalArgumentException("heap of " + heapBytes + " bytes is smaller than one minimum block");
        }
        if (maxOrder < 0 || maxOrder > 40) {
            throw new IllegalArgumentException("maximum order must be in 0..40: " + maxOrder);
        }
        if (heapBytes / minBlockBytes > HierarchicalBitmap.MAX_BITS) {
            throw new IllegalArgumentException("heap of " + heapBytes + " bytes is larger than the "
                + HierarchicalBitmap.MAX_BITS * minBlockBytes + " bytes a buddy allocator of " + minBlockBytes
                + "-byte minimum blocks can index");
        }
        this.name = name;
        this.heapBytes = heapBytes;
        this.minShift = Long.numberOfTrailingZeros(minBlockBytes);
        long tailQuantum = Math.max(minBlockBytes, Long.highestOneBit(Math.max(1, heapBytes / MAX_TAIL_BLOCKS)));
        this.usableBytes = heapBytes & -tailQuantum;
        this.maxOrder = Math.min(maxOrder, 63 - Long.numberOfLeadingZeros(heapBytes >>> minShift));
        this.free = new HierarchicalBitmap[this.maxOrder + 1];
        for (int k = 0; k <= this.maxOrder; k++) {
            free[k] = new HierarchicalBitmap(heapBytes >>> (minShift + k));
        }
        this.heap = HeapSegment.allocate(heapBytes);
        this.memory = heap.segment();
        markInitialBlocksFree();
    }

    /** Covers the heap with the largest aligned blocks that fit, lowest address first. */
    private void markInitialBlocksFree() {
        long offset = 0;
        while (usableBytes - offset >= (1L << minShift)) {
            int k = maxOrder;
            while (k > 0 && ((offset & (blockBytes(k) - 1)) != 0 || usableBytes - offset < blockBytes(k))) {
                k--;
            }
            free[k].set(offset >>> (minShift + k));
            offset += blockBytes(k);
        }
    }

    private long blockBytes(int order) {
        return 1L << (minShift + order);
    }

    /** {@return the order serving {@code byteSize} at {@code byteAlignment}, or -1 if larger than the maximum} */
    private int orderOf(long byteSize, long byteAlignment) {
        long bytes = Math.max(Math.max(byteSize, byteAlignment), 1L << minShift);
        int shift = 64 - Long.numberOfLeadingZeros(bytes - 1);
        int order = shift - minShift;
        return order > maxOrder ? -1 : order;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MemorySegment memory() {
        return memory;
    }

    @Override
    public long heapBytes() {
        return heapBytes;
    }

    /** {@return the minimum block size in bytes} */
    public long minBlockBytes() {
        return 1L << minShift;
    }

    /** {@return the maximum order in effect} */
    public int maxOrder() {
        return maxOrder;
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        int order = orderOf(byteSize, byteAlignment);
        long block = order < 0 ? FAILED : take(order);
        if (block == FAILED) {
            stats.failed();
            return FAILED;
        }
        stats.allocated(byteSize, blockBytes(order));
        return block;
    }

    /** Removes the lowest free block of the smallest order {@code >= order} and splits it; {@return it, or FAILED} */
    private long take(int order) {
        int j = order;
        while (j <= maxOrder && free[j].isEmpty()) {
            j++;
        }
        if (j > maxOrder) {
            return FAILED;
        }
        long index = free[j].nextSetBit(0);
        free[j].clear(index);
        long block = index << (minShift + j);
        while (j > order) {
            j--;
            free[j].set((block + blockBytes(j)) >>> (minShift + j));
        }
        stats.reached(block + blockBytes(order));
        return block;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return;
        }
        int order = orderOf(byteSize, byteAlignment);
        checkLiveBlock(address, order);
        give(address, order);
        stats.deallocated(byteSize, blockBytes(order));
    }

    /**
     * Checks that an order-{@code order} block at {@code block} can be live: inside the heap, aligned to its size,
     * and not free at that order.
     *
     * @throws IllegalArgumentException if it cannot; nothing has changed then
     */
    private void checkLiveBlock(long block, int order) {
        long bytes = order < 0 ? -1 : blockBytes(order);
        if (order < 0 || block < 0 || (block & (bytes - 1)) != 0 || block > usableBytes - bytes) {
            throw new IllegalArgumentException("not a live block of " + name + ": " + block + " is not a block of "
                + bytes + " bytes aligned to its size inside the heap [0, " + usableBytes + ")");
        }
        if (free[order].get(block >>> (minShift + order))) {
            throw new IllegalArgumentException("not a live block of " + name + ": the " + bytes + "-byte block at "
                + block + " is free (freed twice?)");
        }
    }

    /** Marks the order-{@code order} block at {@code block} free, merging with free buddies. */
    private void give(long block, int order) {
        while (order < maxOrder) {
            long buddy = block ^ blockBytes(order);
            long buddyIndex = buddy >>> (minShift + order);
            if (buddyIndex >= free[order].size() || !free[order].get(buddyIndex)) {
                break;
            }
            free[order].clear(buddyIndex);
            block = Math.min(block, buddy);
            order++;
        }
        free[order].set(block >>> (minShift + order));
    }

    @Override
    public long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize) {
        Layout.check(oldByteSize, byteAlignment);
        Layout.check(newByteSize, byteAlignment);
        if (oldByteSize == 0) {
            return allocate(newByteSize, byteAlignment);
        }
        if (newByteSize == 0) {
            deallocate(address, oldByteSize, byteAlignment);
            return byteAlignment;
        }
        int oldOrder = orderOf(oldByteSize, byteAlignment);
        int newOrder = orderOf(newByteSize, byteAlignment);
        checkLiveBlock(address, oldOrder);
        if (newOrder >= 0 && (newOrder <= oldOrder ? splitInPlace(address, oldOrder, newOrder)
                                                   : growInPlace(address, oldOrder, newOrder))) {
            stats.reallocated(true, oldByteSize, blockBytes(oldOrder), newByteSize, blockBytes(newOrder));
            return address;
        }
        long moved = newOrder < 0 ? FAILED : take(newOrder);
        if (moved == FAILED) {
            stats.failed();
            return FAILED;
        }
        MemorySegment.copy(memory, address, memory, moved, Math.min(oldByteSize, newByteSize));
        give(address, oldOrder);
        stats.reallocated(false, oldByteSize, blockBytes(oldOrder), newByteSize, blockBytes(newOrder));
        return moved;
    }

    private boolean splitInPlace(long block, int oldOrder, int newOrder) {
        for (int j = oldOrder - 1; j >= newOrder; j--) {
            free[j].set((block + blockBytes(j)) >>> (minShift + j));
        }
        return true;
    }

    private boolean growInPlace(long block, int oldOrder, int newOrder) {
        for (int j = oldOrder; j < newOrder; j++) {
            long upper = block + blockBytes(j);
            long upperIndex = upper >>> (minShift + j);
            if ((block & (blockBytes(j + 1) - 1)) != 0 || upperIndex >= free[j].size() || !free[j].get(upperIndex)) {
                return false;
            }
        }
        for (int j = oldOrder; j < newOrder; j++) {
            free[j].clear((block + blockBytes(j)) >>> (minShift + j));
        }
        stats.reached(block + blockBytes(newOrder));
        return true;
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        return byteSize == 0 ? 0 : blockBytes(orderOf(byteSize, byteAlignment));
    }

    @Override
    public AllocatorStats stats() {
        long footprint = stats.footprintBytes();
        // A request of order k takes the lowest free block of the smallest order >= k that has one, split down to
        // order k at that block's start: it fits the footprint iff that start + blockBytes(k) does.
        long largest = 0;
        long candidateStart = -1;
        for (int k = maxOrder; k >= 0; k--) {
            long lowest = free[k].nextSetBit(0);
            if (lowest >= 0) {
                candidateStart = lowest << (minShift + k);
            }
            if (candidateStart >= 0 && candidateStart + blockBytes(k) <= footprint) {
                largest = blockBytes(k);
                break;
            }
        }
        long metadata = 0;
        for (HierarchicalBitmap bitmap : free) {
            metadata += bitmap.byteSize();
        }
        return stats.snapshot(footprint - stats.liveGrantedBytes(), largest, heapBytes, metadata);
    }

    @Override
    public void reset() {
        for (HierarchicalBitmap bitmap : free) {
            bitmap.clearAll();
        }
        markInitialBlocksFree();
        stats.clear();
    }

    @Override
    public void close() {
        heap.close();
    }

    @Override
    public String toString() {
        return name + "[minBlock=" + minBlockBytes() + ", maxOrder=" + maxOrder + ", heapBytes=" + heapBytes + "]";
    }
}
