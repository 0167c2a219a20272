package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.HeapSegment;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;

/**
 * A bump (arena, region) allocator: the fastest possible allocation and no reuse.
 *
 * <h2>Algorithm</h2>
 * <pre>
 *   0                  top                                  heapBytes
 *   |##|pad|###|##|####|................ never used ..........|
 *    blocks, in allocation order
 * </pre>
 * <ol>
 *   <li>allocate(s, a): {@code start = roundUp(top, a)}; if {@code start + s > heapBytes} fail; else
 *       {@code top = start + s}, return {@code start}. Exactly {@code s} bytes are granted.</li>
 *   <li>deallocate(p, s): if {@code p + s == top} (the last block) roll back {@code top}: to its value before that
 *       allocation (padding included) if it was the most recent allocation, else to {@code p} (the padding before
 *       it stays as waste); otherwise nothing is reclaimed. When the last live block is freed, in any order,
 *       {@code top = 0}: an empty bump heap is a fresh one. Freeing in LIFO order is a stack.</li>
 *   <li>reallocate(p, s, n): the most recent block grows or shrinks in place if it fits; any other block moves
 *       (allocate, copy, and the old block stays as waste).</li>
 *   <li>reset(): {@code top = 0}.</li>
 * </ol>
 *
 * <h2>Metadata</h2> One {@code long}: {@code top}. Blocks have no headers.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code 0 <= top <= heapBytes}; every live block lies below {@code top}. The footprint is the largest
 *       {@code top} ever; to keep the allocation path to one comparison it is recorded when {@code top} falls
 *       (rollback, shrink, reset) and when statistics are read.</li>
 *   <li>Waste is reported honestly: {@code freeBytes} = footprint − live granted bytes counts alignment padding and
 *       freed-but-unreclaimed blocks; {@code largestFreeBlockBytes} is only what lies between {@code top} and the
 *       footprint, since holes below {@code top} are never reused.</li>
 * </ul>
 *
 * <h2>Misuse</h2>
 * {@code deallocate} and {@code reallocate} refuse, with {@link IllegalArgumentException} and before any change, a
 * block that does not lie below {@code top}; a second free only miscounts (nothing loops).
 */
public final class BumpAllocator implements Allocator {

    private final String name;
    private final HeapSegment heap;
    private final MemorySegment memory;
    private final long heapBytes;
    private final StatsCounter stats = new StatsCounter();
    private long top;
    /**
     * {@code top} before the most recent allocation, alignment padding included, while that block is live; -1 once it
     * was rolled back. The block ending at {@code top} is the most recent one exactly when this is not -1 (blocks do
     * not overlap and the most recent block ends at {@code top}).
     */
    private long topBeforeNewest = -1;

    /**
     * @param name      the registered name
     * @param heapBytes heap capacity in bytes
     * @throws IllegalArgumentException if {@code heapBytes} is not positive
     * @throws IllegalStateException    if the operating system refuses a heap of {@code heapBytes} bytes
     */
    public BumpAllocator(String name, long heapBytes) {
        this.name = name;
        this.heap = HeapSegment.allocate(heapBytes);
        this.memory = heap.segment();
        this.heapBytes = heapBytes;
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

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        long start = bump(byteSize, byteAlignment);
        if (start == FAILED) {
            stats.failed();
            return FAILED;
        }
        stats.allocated(byteSize, byteSize);
        return start;
    }

    /** Moves {@code top} past a new block; {@return its start, or FAILED leaving {@code top} unchanged} */
    private long bump(long byteSize, long byteAlignment) {
        long start = (top + byteAlignment - 1) & -byteAlignment;
        if (start < 0 || start > heapBytes - byteSize) {
            return FAILED;
        }
        topBeforeNewest = top;
        top = start + byteSize;
        return start;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return;
        }
        checkInUse(address, byteSize);
        if (address + byteSize == top) {
            stats.reached(top); // the footprint is max(top); top only falls here, so record it now
            top = topBeforeNewest >= 0 ? topBeforeNewest : address;
            topBeforeNewest = -1;
        }
        stats.deallocated(byteSize, byteSize);
        if (stats.liveBlocks() == 0) {
            stats.reached(top);
            top = 0; // nothing is live: the whole heap is free again, whatever the order of the frees
            topBeforeNewest = -1;
        }
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
        checkInUse(address, oldByteSize);
        if (address + oldByteSize == top && address <= heapBytes - newByteSize) {
            stats.reached(top);
            top = address + newByteSize;
            stats.reallocated(true, oldByteSize, oldByteSize, newByteSize, newByteSize);
            return address;
        }
        long moved = bump(newByteSize, byteAlignment);
        if (moved == FAILED) {
            stats.failed();
            return FAILED;
        }
        MemorySegment.copy(memory, address, memory, moved, Math.min(oldByteSize, newByteSize));
        stats.reallocated(false, oldByteSize, oldByteSize, newByteSize, newByteSize);
        return moved;
    }

    /**
     * Checks that {@code [address, address + byteSize)} lies below {@code top}, where every live block lies.
     *
     * @throws IllegalArgumentException if it does not; nothing has changed then
     */
    private void checkInUse(long address, long byteSize) {
        if (address < 0 || address > top - byteSize) {
            throw new IllegalArgumentException("not a live block of " + name + ": [" + address + ", " + address + " + "
                + byteSize + ") is not inside the used heap [0, " + top + ")");
        }
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        return byteSize;
    }

    @Override
    public AllocatorStats stats() {
        stats.reached(top);
        long footprint = stats.footprintBytes();
        return stats.snapshot(footprint - stats.liveGrantedBytes(), footprint - top, heapBytes, 0);
    }

    /** {@return the bump pointer: the offset of the first byte never handed out since the last rollback or reset} */
    public long topOffset() {
        return top;
    }

    @Override
    public void reset() {
        top = 0;
        topBeforeNewest = -1;
        stats.clear();
    }

    @Override
    public void close() {
        heap.close();
    }

    @Override
    public String toString() {
        return name + "[top=" + top + ", heapBytes=" + heapBytes + "]";
    }
}
