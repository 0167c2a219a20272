package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A two-ended heap: small blocks live in exact-size slabs carved <em>down</em> from the end of the heap, everything
 * else in a {@link FreeListAllocator} growing <em>up</em> from offset 0. This layer adds exactly the segregation
 * of small blocks: {@code SmallBlockSlabs over FreeList} in Heap Layers terms.
 *
 * <h2>Why</h2>
 * A small long-lived block placed between large ones acts as a fence: the large neighbours' space can no longer
 * coalesce into one block (malloc-lab's {@code coalescing-bal}), a growing block can no longer grow in place
 * ({@code realloc-bal}), and freed small blocks leave holes no later large request fits ({@code binary-bal}). No
 * fit policy avoids this, because the damage is done when a block is placed, not when a hole is chosen. Keeping
 * small blocks in their own region, packed by exact size, removes the fences; putting that region at the other end
 * of the heap means neither region ever has to be moved or bounded in advance.
 *
 * <h2>Notation</h2>
 * {@code G} = the free list's granule (16 bytes by default), {@code S = 64 G} the slab size (1 KiB), {@code E} =
 * the heap size rounded down to {@code G}. Class {@code c} holds blocks of exactly {@code (c + 1) G} bytes, up to
 * {@code maxSmallBytes}; a slab of class {@code c} has {@code cap(c) = S / ((c + 1) G) <= 64} slots.
 * <pre>
 *   0                      top                                floor = E - n S                       E
 *   |## free list ##|-free-|##|....... shared wilderness .......| slab n-1 | ... | slab 1 | slab 0 |
 *                                                                 slab i = [E - (i + 1) S, E - i S)
 * </pre>
 *
 * <h2>Metadata (out of band, in primitive arrays indexed by slab number)</h2>
 * <ul>
 *   <li>{@code freeSlots[i]}: bit {@code k} set iff slot {@code k} of slab {@code i} is free; one word per slab,
 *       since no slab has more than 64 slots.</li>
 *   <li>{@code slabClass[i]}; {@code next[i]}/{@code prev[i]} link the slabs of a class that have a free slot
 *       ({@code partialHead[c]} first).</li>
 *   <li>{@code emptySlabs}: slabs inside the region that serve no class.</li>
 * </ul>
 * Blocks are headerless. A block belongs to the slab region iff its address is at or above {@code floor}: the
 * free list never places anything above its limit, which this layer keeps at {@code floor}.
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>allocate(s, a): if {@code roundUp(s, G) <= maxSmallBytes} and {@code a <= G}, take the lowest free slot of
 *       the first slab of the class; with none, make a slab of the class from the empty slab nearest {@code E}, or
 *       else by lowering {@code floor} by {@code S} (and the free list's limit with it). If the region cannot grow
 *       (the free list's {@code top} is in the way), or the request is not small, the free list serves it.</li>
 *   <li>deallocate(p, s, a): below {@code floor}, the free list's deallocate. Otherwise set the slot's bit; a slab
 *       that was full rejoins its class's list; a slab that becomes empty leaves it at once, and if it is the
 *       innermost slab the region shrinks past it and every empty slab next to it, raising the free list's limit.</li>
 *   <li>reallocate: a slab block keeps its address if the new size has the same class, and otherwise moves
 *       (allocate, copy, free); a free-list block is the free list's to reallocate (it may stay in the free list
 *       even when it shrinks to a small size).</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The free list's limit is {@code floor = E - n S}; its {@code top <= floor}.</li>
 *   <li>A slab is on its class's list iff it has a free slot and a live one; a slab with no live slot is in
 *       {@code emptySlabs}, and slab {@code n - 1} is never empty.</li>
 *   <li>After every block is freed, {@code n == 0} and the free list is pristine: the pristine state.</li>
 *   <li>The footprint is the high-water mark of {@code top} plus, while {@code n > 0}, the bytes from {@code floor}
 *       to the heap's end: both ends of the heap are memory the program obtained.</li>
 * </ul>
 *
 * @implSpec Not thread-safe. Nothing on the allocate/deallocate/reallocate paths allocates on the Java heap.
 */
public final class SmallBlockSlabAllocator implements Allocator {

    /** Slots per slab: one 64-bit word of free bits. */
    private static final int SLOTS_PER_SMALLEST_CLASS = 64;
    private static final int NO_SLAB = -1;

    private final String name;
    private final FreeListAllocator freeList;
    private final MemorySegment memory;
    private final int granuleShift;
    private final long granuleBytes;
    private final long maxSmallBytes;
    private final long slabBytes;
    private final int slabShift;
    /** {@code E}: the end of slab 0. */
    private final long regionEnd;
    private final int maxSlabs;
    private final long heapBytes;
    /** Per class: the free bits of an empty slab (the low {@code cap(c)} bits). */
    private final long[] emptyMask;

    /** Per class: the lowest-numbered slab with a free and a live slot, or NO_SLAB. */
    private final int[] partialHead;
    /** Per class: bit {@code i} set iff slab {@code i} serves the class and has a free and a live slot. */
    private final HierarchicalBitmap[] partial;
    private final long[] freeSlots;
    private final byte[] slabClass;
    private final HierarchicalBitmap emptySlabs;
    private final StatsCounter stats = new StatsCounter();
    /** {@code n}: slabs in the region, empty or not. */
    private int slabCount;
    /** {@code E - n S}: the lowest address of the region, and the free list's limit. */
    private long floor;

    /**
     * @param name          the registered name
     * @param maxSmallBytes the largest small block in bytes: a multiple of the granule, at most 64 granules
     * @param freeList      serves every other request and owns the heap; closed with this allocator
     * @throws IllegalArgumentException if {@code maxSmallBytes} is not a positive multiple of the free list's granule
     *                                  of at most 64 granules, or the heap is smaller than one slab (64 granules)
     */
    public SmallBlockSlabAllocator(String name, long maxSmallBytes, FreeListAllocator freeList) {
        long granule = freeList.granuleBytes();
        if (maxSmallBytes <= 0 || maxSmallBytes % granule != 0 || maxSmallBytes > SLOTS_PER_SMALLEST_CLASS * granule) {
            throw new IllegalArgumentException("small blocks must end at a multiple of the " + granule
                + "-byte granule, at most " + SLOTS_PER_SMALLEST_CLASS * granule + " bytes: " + maxSmallBytes);
        }
        this.name = name;
        this.freeList = freeList;
        this.memory = freeList.memory();
        this.granuleBytes = granule;
        this.granuleShift = Long.numberOfTrailingZeros(granule);
        this.maxSmallBytes = maxSmallBytes;
        this.slabBytes = SLOTS_PER_SMALLEST_CLASS * granule;
        this.slabShift = Long.numberOfTrailingZeros(slabBytes);
        this.regionEnd = freeList.heapBytes() & -granule;
        if (regionEnd < slabBytes) {
            throw new IllegalArgumentException("heap of " + freeList.heapBytes() + " bytes is smaller than one "
                + slabBytes + "-byte slab");
        }
        this.heapBytes = freeList.heapBytes();
        this.maxSlabs = (int) Math.min(Integer.MAX_VALUE - 8, regionEnd >>> slabShift);
        int classes = (int) (maxSmallBytes >>> granuleShift);
        this.emptyMask = new long[classes];
        for (int c = 0; c < classes; c++) {
            int capacity = SLOTS_PER_SMALLEST_CLASS / (c + 1);
            emptyMask[c] = capacity == 64 ? -1L : (1L << capacity) - 1;
        }
        this.partialHead = new int[classes];
        Arrays.fill(partialHead, NO_SLAB);
        this.partial = new HierarchicalBitmap[classes];
        for (int c = 0; c < classes; c++) {
            partial[c] = new HierarchicalBitmap(maxSlabs);
        }
        this.freeSlots = new long[maxSlabs];
        this.slabClass = new byte[maxSlabs];
        this.emptySlabs = new HierarchicalBitmap(Math.max(1, maxSlabs));
        this.floor = regionEnd;
        freeList.setLimitOffset(regionEnd);
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
        if (address < floor) {
            result = freeList.reallocate(address, oldByteSize, byteAlignment, newByteSize);
            if (result != FAILED) {
                stats.reached(freeList.topOffset() + regionBytes());
            }
        } else if (newNeed == oldNeed) {
            result = address;
        } else {
            result = place(newByteSize, byteAlignment);
            if (result != FAILED) {
                MemorySegment.copy(memory, address, memory, result, Math.min(oldByteSize, newByteSize));
                releaseSlot(address);
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

    /** {@return {@code byteSize} rounded up to whole granules (a negative value if that overflows)} */
    private long need(long byteSize) {
        return (byteSize + granuleBytes - 1) & -granuleBytes;
    }

    // ---------------------------------------------------------------- placement

    /** {@return a block of {@code byteSize > 0} bytes aligned to {@code align}, from a slab or the free list, or FAILED} */
    private long place(long byteSize, long align) {
        if (byteSize <= maxSmallBytes && align <= granuleBytes) {
            int c = (int) ((byteSize - 1) >>> granuleShift);
            int slab = partialHead[c];
            if (slab == NO_SLAB) {
                slab = newSlab(c);
            }
            if (slab != NO_SLAB) {
                long slots = freeSlots[slab];
                int slot = Long.numberOfTrailingZeros(slots);
                slots &= slots - 1;
                freeSlots[slab] = slots;
                if (slots == 0) {
                    unlink(c, slab);
                }
                return slabStart(slab) + ((long) slot * (c + 1) << granuleShift);
            }
        }
        long start = freeList.allocate(byteSize, align);
        if (start != FAILED) {
            stats.reached(freeList.topOffset() + regionBytes());
        }
        return start;
    }

    /** Gives class {@code c} a slab with every slot free; {@return the slab, or NO_SLAB if the region cannot grow} */
    private int newSlab(int c) {
        long empty = emptySlabs.nextSetBit(0);
        int slab;
        if (empty >= 0) {
            slab = (int) empty;
            emptySlabs.clear(slab);
        } else {
            if (slabCount == maxSlabs || !freeList.setLimitOffset(floor - slabBytes)) {
                return NO_SLAB;
            }
            slab = slabCount++;
            floor -= slabBytes;
            stats.reached(freeList.topOffset() + regionBytes());
        }
        slabClass[slab] = (byte) c;
        freeSlots[slab] = emptyMask[c];
        link(c, slab);
        return slab;
    }

    /** {@return the heap bytes the slab region spans: up to the heap's end, when it holds a slab} */
    private long regionBytes() {
        return slabCount == 0 ? 0 : heapBytes - floor;
    }

    private long slabStart(int slab) {
        return regionEnd - ((long) (slab + 1) << slabShift);
    }

    // ---------------------------------------------------------------- freeing

    private void release(long address, long byteSize, long align) {
        if (address < floor) {
            freeList.deallocate(address, byteSize, align);
        } else {
            releaseSlot(address);
        }
    }

    private void releaseSlot(long address) {
        int slab = (int) ((regionEnd - 1 - address) >>> slabShift);
        int c = slabClass[slab];
        int slot = (int) (((address - slabStart(slab)) >>> granuleShift) / (c + 1));
        long slots = freeSlots[slab];
        if (slots == 0) {
            link(c, slab);
        }
        slots |= 1L << slot;
        freeSlots[slab] = slots;
        if (slots == emptyMask[c]) {
            unlink(c, slab);
            retire(slab);
        }
    }

    /** Returns an empty slab to the region; the innermost empty slabs leave the region, raising the floor. */
    private void retire(int slab) {
        if (slab != slabCount - 1) {
            emptySlabs.set(slab);
            return;
        }
        int count = slab;
        while (count > 0 && emptySlabs.get(count - 1)) {
            emptySlabs.clear(--count);
        }
        slabCount = count;
        floor = regionEnd - ((long) count << slabShift);
        freeList.setLimitOffset(floor);
    }

    private void link(int c, int slab) {
        partial[c].set(slab);
        int head = partialHead[c];
        if (head == NO_SLAB || slab < head) {
            partialHead[c] = slab;
        }
    }

    private void unlink(int c, int slab) {
        partial[c].clear(slab);
        if (partialHead[c] == slab) {
            partialHead[c] = (int) partial[c].nextSetBit(slab + 1);
        }
    }

    // ---------------------------------------------------------------- statistics and lifecycle

    /**
     * {@inheritDoc}
     *
     * <p>The largest free block is the largest request served without raising the footprint: a free-list block or
     * the footprint's unused share of the wilderness for requests above {@code maxSmallBytes}; a slot of a class
     * with room (any class, if an empty slab or a whole slab's worth of unused footprint is there) for small ones.
     */
    @Override
    public AllocatorStats stats() {
        long footprint = stats.footprintBytes();
        long regionBytes = regionBytes();
        long unusedWilderness = footprint - freeList.topOffset() - regionBytes;
        long largeRoom = Math.max(freeList.largestFreeListedBytes(), unusedWilderness);
        long largest = largeRoom > maxSmallBytes ? largeRoom : 0;
        if (!emptySlabs.isEmpty() || unusedWilderness >= slabBytes + (heapBytes - regionEnd)) {
            largest = Math.max(largest, maxSmallBytes);
        } else {
            for (int c = partialHead.length - 1; c >= 0; c--) {
                if (partialHead[c] != NO_SLAB) {
                    largest = Math.max(largest, (long) (c + 1) << granuleShift);
                    break;
                }
            }
        }
        long metadata = freeList.stats().metadataBytes() + 8L * freeSlots.length + slabClass.length
            + emptySlabs.byteSize();
        for (HierarchicalBitmap classSlabs : partial) {
            metadata += classSlabs.byteSize();
        }
        return stats.snapshot(footprint - stats.liveGrantedBytes(), largest, freeList.heapBytes(), metadata);
    }

    @Override
    public void reset() {
        freeList.reset();
        freeList.setLimitOffset(regionEnd);
        Arrays.fill(partialHead, NO_SLAB);
        for (HierarchicalBitmap classSlabs : partial) {
            classSlabs.clearAll();
        }
        emptySlabs.clearAll();
        slabCount = 0;
        floor = regionEnd;
        stats.clear();
    }

    @Override
    public void close() {
        freeList.close();
    }

    @Override
    public String toString() {
        return name + "[maxSmallBytes=" + maxSmallBytes + ", slabs=" + slabCount + ", " + freeList + "]";
    }
}
