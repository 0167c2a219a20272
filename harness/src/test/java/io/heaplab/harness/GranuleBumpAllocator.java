package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.spi.HeapSegment;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A test allocator whose every figure is easy to compute by hand: a bump allocator granting sizes rounded up to
 * 16-byte granules. Freeing the top block rolls {@code top} back; any other freed block becomes a hole that is never
 * reused. freeBytes = footprint − live granted; largestFreeBlock = max(largest hole, footprint − top).
 * Reallocation is in place for the top block when it fits, else moves (copy) leaving a hole.
 *
 * <p>Deliberate faults for verification tests: {@code overlapSecond} makes the second allocation start 8 bytes
 * into the first; {@code forgetCopy} makes moving reallocations skip the copy.
 */
final class GranuleBumpAllocator implements Allocator {

    static final long GRANULE = 16;

    private final HeapSegment heap;
    private final long heapBytes;
    private final StatsCounter stats = new StatsCounter();
    private final List<Long> holes = new ArrayList<>();
    private final boolean overlapSecond;
    private final boolean forgetCopy;
    private long top;
    private long allocations;

    GranuleBumpAllocator(long heapBytes) {
        this(heapBytes, false, false);
    }

    GranuleBumpAllocator(long heapBytes, boolean overlapSecond, boolean forgetCopy) {
        this.heap = HeapSegment.allocate(heapBytes);
        this.heapBytes = heapBytes;
        this.overlapSecond = overlapSecond;
        this.forgetCopy = forgetCopy;
    }

    static long granted(long size) {
        return (size + GRANULE - 1) & -GRANULE;
    }

    @Override
    public String name() {
        return "granule-bump";
    }

    @Override
    public MemorySegment memory() {
        return heap.segment();
    }

    @Override
    public long heapBytes() {
        return heapBytes;
    }

    @Override
    public long allocate(long size, long align) {
        if (size == 0) {
            return align;
        }
        allocations++;
        if (overlapSecond && allocations == 2) {
            stats.allocated(size, granted(size));
            return 8;
        }
        long start = (top + align - 1) & -align;
        if (start + granted(size) > heapBytes) {
            stats.failed();
            return FAILED;
        }
        top = start + granted(size);
        stats.reached(top);
        stats.allocated(size, granted(size));
        return start;
    }

    @Override
    public void deallocate(long address, long size, long align) {
        if (size == 0) {
            return;
        }
        if (address + granted(size) == top) {
            top = address;
        } else {
            holes.add(granted(size));
        }
        stats.deallocated(size, granted(size));
    }

    @Override
    public long reallocate(long address, long oldSize, long align, long newSize) {
        if (address + granted(oldSize) == top && address + granted(newSize) <= heapBytes) {
            top = address + granted(newSize);
            stats.reached(top);
            stats.reallocated(true, oldSize, granted(oldSize), newSize, granted(newSize));
            return address;
        }
        long start = (top + align - 1) & -align;
        if (start + granted(newSize) > heapBytes) {
            stats.failed();
            return FAILED;
        }
        top = start + granted(newSize);
        stats.reached(top);
        if (!forgetCopy) {
            MemorySegment.copy(memory(), address, memory(), start, Math.min(oldSize, newSize));
        }
        holes.add(granted(oldSize));
        stats.reallocated(false, oldSize, granted(oldSize), newSize, granted(newSize));
        return start;
    }

    @Override
    public long usableSize(long address, long size, long align) {
        return size == 0 ? 0 : granted(size);
    }

    @Override
    public AllocatorStats stats() {
        long footprint = stats.footprintBytes();
        long largest = Math.max(holes.stream().mapToLong(Long::longValue).max().orElse(0), footprint - top);
        return stats.snapshot(footprint - stats.liveGrantedBytes(), largest, heapBytes, 0);
    }

    @Override
    public void reset() {
        top = 0;
        allocations = 0;
        holes.clear();
        stats.clear();
    }

    @Override
    public void close() {
        heap.close();
    }
}
