package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;

/**
 * A two-ended heap: small blocks are placed by one free list growing <em>down</em> from the end of the heap, every
 * other block by a second free list growing <em>up</em> from offset 0. Both share the wilderness between them. This
 * layer adds exactly the segregation of small blocks from large ones; each end keeps its own fit policy, splitting
 * and coalescing ({@link FreeListAllocator}).
 *
 * <h2>Why</h2>
 * A small long-lived block placed between large ones acts as a fence: the large neighbours' space can no longer
 * coalesce into one block (malloc-lab's {@code coalescing-bal}), a growing block can no longer grow in place
 * ({@code realloc-bal}), and freed small blocks leave holes that no later large request fits ({@code binary-bal}).
 * No fit policy avoids this, because the damage is done when a block is placed, not when a hole is chosen. Placing
 * small and large blocks at opposite ends keeps each kind next to its own kind, and neither region has to be sized
 * in advance: each grows into the wilderness until they meet.
 *
 * <h2>Notation and layout</h2>
 * {@code G} = the granule of both free lists (16 bytes by default); {@code E} = the heap size rounded down to
 * {@code G}; {@code need(s) = roundUp(s, G)}. A request is <em>small</em> if {@code 1 <= s <= maxSmallBytes} and its
 * alignment is at most {@code G}. {@code lowTop} and {@code highTop} are the two free lists' wilderness starts.
 * <pre>
 *   0                     lowTop                             E - highTop                     E   heapBytes
 *   |## large blocks ##|-free-|##|....... shared wilderness .......|##|-free-|## small blocks ##|..|
 *   low free list: offsets as they are                     high free list: mirrored, see below
 * </pre>
 * The high free list is a {@link FreeListAllocator} over a <em>shadow</em> heap of the same size in which offset
 * {@code v} of a block of {@code need} bytes stands for the real bytes {@code [E - v - need, E - v)}: it grows up in
 * its own offsets, which is down in the real heap. It is used for its placement decisions only; its free-block
 * records (two or three words per free block) therefore live in the shadow heap, out of band, and are reported as
 * metadata.
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>allocate(s, a): a small request goes to the high free list, limited to {@code E - lowTop}; if that fails
 *       (and for every other request) the low free list, limited to {@code E - highTop}, places it.</li>
 *   <li>deallocate(p, s, a): {@code p >= E - highTop}: the high free list frees {@code v = E - p - need(s)};
 *       otherwise the low free list frees {@code p}.</li>
 *   <li>reallocate(p, s, a, t): a low block is the low free list's to resize, in place when it can (it stays low even
 *       when it shrinks to a small size); a high block keeps its address if {@code need(t) == need(s)} and otherwise
 *       moves (allocate as in 1, copy, free).</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code lowTop + highTop <= E}: the regions never overlap; every low block lies below {@code E - highTop}
 *       and every high block at or above it.</li>
 *   <li>After every block is freed, both free lists are pristine (both tops 0): the pristine state.</li>
 *   <li>The footprint is the high-water mark of {@code lowTop + highTop}: both ends of the heap are memory the
 *       program obtained.</li>
 * </ul>
 *
 * <h2>Misuse</h2>
 * Each free list checks the blocks it is asked to free or resize before changing anything (see
 * {@link FreeListAllocator}, "Misuse"): a misaligned, foreign or already free block throws
 * {@link IllegalArgumentException}; a corrupted free-block record throws {@link IllegalStateException}; nothing
 * loops forever.
 *
 * @implSpec Not thread-safe. Nothing on the allocate/deallocate/reallocate paths allocates on the Java heap, except
 * that the out-of-band metadata grows (geometrically, so amortised O(1)) when the footprint reaches past it.
 */
public final class TwoEndedAllocator implements Allocator {

    private final String name;
    private final FreeListAllocator low;
    private final FreeListAllocator high;
    private final MemorySegment memory;
    private final long heapBytes;
    /** {@code E}: the end of the high region. */
    private final long end;
    private final long granuleBytes;
    private final long maxSmallBytes;
    private final StatsCounter stats = new StatsCounter();

    /**
     * @param name          the registered name
     * @param maxSmallBytes the largest small request in bytes, a positive multiple of the granule
     * @param low           places large blocks; its heap is this allocator's heap; closed with this allocator
     * @param high          places small blocks in mirrored offsets over a shadow heap; a fresh free list of the same
     *                      heap size and granule as {@code low}, used by nothing else; closed with this allocator
     * @throws IllegalArgumentException if {@code maxSmallBytes} is not a positive multiple of the granule, or the two
     *                                  free lists differ in heap size or granule, or are the same object
     */
    public TwoEndedAllocator(String name, long maxSmallBytes, FreeListAllocator low, FreeListAllocator high) {
        if (low == high || low.heapBytes() != high.heapBytes() || low.granuleBytes() != high.granuleBytes()) {
            throw new IllegalArgumentException("the two free lists must be distinct, with the same heap size and"
                + " granule");
        }
        if (maxSmallBytes <= 0 || maxSmallBytes % low.granuleBytes() != 0) {
            throw new IllegalArgumentException("small requests must end at a positive multiple of the "
                + low.granuleBytes() + "-byte granule: " + maxSmallBytes);
        }
        this.name = name;
        this.low = low;
        this.high = high;
        this.memory = low.memory();
        this.heapBytes = low.heapBytes();
        this.granuleBytes = low.granuleBytes();
        this.end = heapBytes & -granuleBytes;
        this.maxSmallBytes = maxSmallBytes;
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

    /** {@return the largest request placed at the top of the heap, in bytes} */
    public long maxSmallBytes() {
        return maxSmallBytes;
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        long start = place(byteSize, byteAlignment);
        if (start == FAILED) {
            stats.failed();
            return FAILED;
        }
        stats.allocated(byteSize, need(byteSize));
        return start;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return;
        }
        release(address, byteSize, byteAlignment);
        stats.deallocated(byteSize, need(byteSize));
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
        long oldNeed = need(oldByteSize);
        long newNeed = need(newByteSize);
        long result;
        if (!isHigh(address)) {
            low.setLimitOffset(end - high.topOffset());
            result = low.reallocate(address, oldByteSize, byteAlignment, newByteSize);
            if (result != FAILED) {
                stats.reached(low.topOffset() + high.topOffset());
            }
        } else if (newNeed == oldNeed) {
            result = address;
        } else {
            high.checkLiveRegion(end - address - oldNeed, oldNeed); // before anything changes
            result = place(newByteSize, byteAlignment);
            if (result != FAILED) {
                MemorySegment.copy(memory, address, memory, result, Math.min(oldByteSize, newByteSize));
                release(address, oldByteSize, byteAlignment);
            }
        }
        if (result == FAILED) {
            stats.failed();
            return FAILED;
        }
        stats.reallocated(result == address, oldByteSize, oldNeed, newByteSize, newNeed);
        return result;
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        return byteSize == 0 ? 0 : need(byteSize);
    }

    /** {@return {@code byteSize} rounded up to whole granules (negative if that overflows)} */
    private long need(long byteSize) {
        return (byteSize + granuleBytes - 1) & -granuleBytes;
    }

    /** {@return a block of {@code byteSize > 0} bytes aligned to {@code align}, high if small and room, or FAILED} */
    private long place(long byteSize, long align) {
        if (byteSize <= maxSmallBytes && align <= granuleBytes) {
            high.setLimitOffset(end - low.topOffset());
            long mirrored = high.allocate(byteSize, 1);
            if (mirrored != FAILED) {
                stats.reached(low.topOffset() + high.topOffset());
                return end - mirrored - need(byteSize);
            }
        }
        low.setLimitOffset(end - high.topOffset());
        long start = low.allocate(byteSize, align);
        if (start != FAILED) {
            stats.reached(low.topOffset() + high.topOffset());
        }
        return start;
    }

    private boolean isHigh(long address) {
        return address >= end - high.topOffset();
    }

    private void release(long address, long byteSize, long align) {
        if (isHigh(address)) {
            high.deallocate(end - address - need(byteSize), byteSize, 1);
        } else {
            low.deallocate(address, byteSize, align);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The largest free block is the largest request served without raising the footprint: the footprint's unused
     * share of the wilderness (either end can grow into it), a low free block if it is larger than
     * {@code maxSmallBytes} (smaller requests go to the high end first), or a high free block up to
     * {@code maxSmallBytes}.
     */
    @Override
    public AllocatorStats stats() {
        long footprint = stats.footprintBytes();
        long unusedWilderness = footprint - low.topOffset() - high.topOffset();
        long lowLargest = low.largestFreeListedBytes();
        long largest = Math.max(unusedWilderness, Math.min(high.largestFreeListedBytes(), maxSmallBytes));
        if (lowLargest > maxSmallBytes) {
            largest = Math.max(largest, lowLargest);
        }
        long metadata = low.metadataBytes() + high.metadataBytes() + high.footprintBytes();
        return stats.snapshot(footprint - stats.liveGrantedBytes(), largest, heapBytes, metadata);
    }

    @Override
    public void reset() {
        low.reset();
        high.reset();
        stats.clear();
    }

    @Override
    public void close() {
        try {
            high.close();
        } finally {
            low.close();
        }
    }

    @Override
    public String toString() {
        return name + "[maxSmallBytes=" + maxSmallBytes + ", low=" + low + ", high=" + high + "]";
    }
}
