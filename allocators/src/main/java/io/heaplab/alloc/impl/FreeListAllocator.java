package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.FitPolicy;
import io.heaplab.alloc.FreeListOrder;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.HeapSegment;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A free-list allocator with first, next or best fit, address-ordered or LIFO free blocks, splitting, immediate
 * coalescing, and <em>headerless</em> allocated blocks.
 *
 * <h2>Notation</h2>
 * {@code G} = granule, 16 bytes by default (a power of two &ge; 16). Every block starts and ends on a granule
 * boundary; a request of {@code s} bytes takes {@code need(s) = roundUp(s, G)} bytes. {@code top} is the start of
 * the <em>wilderness</em>, the never-split tail of the heap.
 * <pre>
 *   0                                             top                  footprint        heapBytes
 *   |##alloc##|-free-|##alloc##|###|---free---|###|...... wilderness .......|..............|
 *   free blocks never touch each other (coalesced) nor the wilderness (merged into it)
 * </pre>
 *
 * <h2>Metadata design: headerless blocks, tagged free blocks, out-of-band boundary bitmaps</h2>
 * Allocated blocks carry no header or footer: Rust's contract passes the block's layout to {@code deallocate}, so
 * the extent {@code [p, p + need(size))} is known without one. This removes the 8–16 bytes per block that
 * malloc-lab's textbook designs spend, which is most of their utilization loss on small blocks.
 * Free blocks describe themselves in the segment:
 * <pre>
 *   free block of G bytes:    [ next | prev ]                         size implied (head bit == tail bit)
 *   free block of &ge; 2G:       [ next | prev | size | ... | size ]     size at +16 and in the last word
 *   next/prev: offsets of the neighbours in LIFO order (-1 = none); unused in ADDRESS order
 * </pre>
 * Two {@link HierarchicalBitmap}s outside the heap, one bit per granule, mark where free blocks start
 * ({@code heads}) and end ({@code tails}). They give O(1) neighbour checks for coalescing and, in ADDRESS order,
 * are the free list itself: iterating set head bits visits free blocks by address in O(log<sub>64</sub> n) per
 * step, with no pointer maintenance. In ADDRESS order a {@link MaxTree} over the bitmap's 64-granule words holds the
 * largest free block starting in each, so a search skips, in O(log n), every region where nothing is big enough:
 * first and next fit cost O(log n) plus the blocks of the words they look into. Cost: 2 bits per granule plus
 * 16 bytes per 64 granules of the <em>footprint</em> (together 1/32 of it at G = 16, at most twice that just after a
 * growth), reported as {@link AllocatorStats#metadataBytes()}: the bitmaps and the tree grow geometrically when a free
 * block is recorded past their end (free blocks lie below {@code top}), so a 1 TiB heap costs what its used part
 * costs.
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>allocate(s, a): search the free blocks in list order by the fit policy for a block {@code [b, b+n)} with
 *       {@code roundUp(b, a) + need(s) <= b + n}; if found, remove it and give back the leading alignment padding
 *       and the trailing remainder as free blocks (every remainder is split: it is a whole number of granules and
 *       any granule can be a free block). Otherwise take the block from the wilderness, raising {@code top}
 *       (and the footprint); padding before it becomes a free block. Fail if the heap end is reached.</li>
 *   <li>deallocate(p, s, a): the region {@code [p, p+need(s))} merges with a free left neighbour (tail bit at the
 *       granule before), then with the wilderness if it ends at {@code top} (lowering {@code top}), else with a free
 *       right neighbour (head bit at its end); the result becomes one free block.</li>
 *   <li>reallocate(p, s, a, t): same granule count: in place. Shrink: the tail is freed as in 2, in place. Grow:
 *       in place by extending into the wilderness or a large enough free right neighbour; otherwise allocate, copy,
 *       free.</li>
 * </ol>
 * NEXT fit keeps a rover: in ADDRESS order the offset where the last search ended; in LIFO order a free block.
 * BEST fit in LIFO order keeps the free blocks in segregated LIFO lists (one per size up to 64 granules, then four
 * per doubling) instead of one list: the same choice as scanning one LIFO list for the smallest fitting block
 * (most recently freed among equals), found without visiting smaller blocks.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>No two free blocks are adjacent, and no free block ends at {@code top}.</li>
 *   <li>A head bit is set iff a free block starts at that granule; a tail bit iff one ends there.</li>
 *   <li>The sum of free block sizes equals {@code freeListedBytes}; {@code top <= footprint <= heapBytes}.</li>
 *   <li>After every block is freed, {@code top == 0} and there are no free blocks: the pristine state.</li>
 * </ul>
 *
 * <h2>Misuse</h2>
 * The allocator trusts the layout it is given (see {@link Allocator}), but no misuse makes it loop forever or leave
 * the heap segment:
 * <ul>
 *   <li>{@code deallocate} and {@code reallocate} first check, in O(1) and before changing anything, that
 *       {@code [p, p + need(s))} is granule-aligned, lies below {@code top}, and that neither its first nor its last
 *       granule starts or ends a free block; otherwise they throw {@link IllegalArgumentException}. This refuses a
 *       misaligned, foreign or out-of-range address and a second free of a block that is still free on its own. A
 *       second free after the block coalesced or was handed out again, an interior free or a wrong size is not
 *       seen: it silently frees someone else's memory (overlapping free blocks may follow).</li>
 *   <li>Every size and link read from a free block is checked against {@code top} and the granule, and every walk
 *       of a free list stops after {@code freeBlocks} steps; a record that fails (user writes over a free block)
 *       throws {@link IllegalStateException} "heap metadata corrupted: ...".</li>
 * </ul>
 *
 * @implSpec Not thread-safe. Nothing on the allocate/deallocate/reallocate paths allocates on the Java heap, except
 * that the out-of-band metadata grows (geometrically, so amortised O(1)) when the footprint reaches past it.
 */
public final class FreeListAllocator implements Allocator {

    /** The default granule and minimum block size in bytes. */
    public static final long DEFAULT_GRANULE_BYTES = 16;

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG;
    private static final long NONE = -1;
    private static final long NEXT_OFFSET = 0;
    private static final long PREV_OFFSET = 8;
    private static final long SIZE_OFFSET = 16;
    /** Segregated LIFO best fit: exact-size lists for 1..64 granules, then 4 lists per doubling. */
    private static final int EXACT_LISTS = 64;
    private static final int SEGREGATED_LISTS = EXACT_LISTS + 4 * 64;

    private final String name;
    private final HeapSegment heap;
    private final MemorySegment memory;
    private final long heapBytes;
    private final long usableHeapBytes;
    private final int granuleShift;
    private final long granuleBytes;
    private final FitPolicy fit;
    private final boolean lifo;
    private final HierarchicalBitmap heads;
    private final HierarchicalBitmap tails;
    /** ADDRESS order only: per 64-granule word of {@code heads}, the largest free block (in granules) starting there. */
    private final MaxTree largestInWord;
    private final StatsCounter stats = new StatsCounter();

    /**
     * LIFO order: the first free block of each list, or NONE. FIRST and NEXT fit keep one list (index 0), whose order
     * they search. BEST fit keeps segregated lists, each in LIFO order: one per exact size up to
     * {@value #EXACT_LISTS} granules, then four per doubling; the smallest fitting block is the first fitting one in
     * the first non-empty list at or above the request, so best fit needs no scan of smaller blocks.
     */
    private final long[] listHeads;
    /** Bit {@code i} set iff list {@code i} is non-empty (BEST fit in LIFO order). */
    private final long[] nonEmptyLists;
    /** NEXT fit: ADDRESS order, the offset to resume at; LIFO order, the free block to resume at (or NONE). */
    private long rover;
    /** Start of the wilderness. */
    private long top;
    /** End of the part of the heap this allocator may use: {@code usableHeapBytes} unless a layer above lowered it. */
    private long limit;
    /** Sum of the sizes of free blocks (the wilderness excluded). */
    private long freeListedBytes;
    /** Number of free blocks (the wilderness excluded): bounds every walk of a free list. */
    private long freeBlocks;

    /**
     * @param name         the registered name
     * @param heapBytes    heap capacity in bytes
     * @param fit          the fit policy
     * @param order        the free-list order
     * @param granuleBytes granule and minimum block size in bytes, a power of two &ge; 16
     * @throws IllegalArgumentException if {@code heapBytes < granuleBytes}, {@code granuleBytes} is not a power of
     *                                  two &ge; 16, or the heap has more than {@link HierarchicalBitmap#MAX_BITS}
     *                                  granules (2 TiB at 16-byte granules)
     * @throws IllegalStateException    if the operating system refuses a heap of {@code heapBytes} bytes
     */
    public FreeListAllocator(String name, long heapBytes, FitPolicy fit, FreeListOrder order, long granuleBytes) {
        if (granuleBytes < 16 || Long.bitCount(granuleBytes) != 1) {
            throw new IllegalArgumentException("granule must be a power of two >= 16 bytes: " + granuleBytes);
        }
        if (heapBytes < granuleBytes) {
            throw new IllegalArgumentException("heap of " + heapBytes + " bytes is smaller than one granule");
        }
        long maxHeapBytes = HierarchicalBitmap.MAX_BITS * granuleBytes;
        if (heapBytes / granuleBytes > HierarchicalBitmap.MAX_BITS) {
            throw new IllegalArgumentException("heap of " + heapBytes + " bytes is larger than the " + maxHeapBytes
                + " bytes a free list of " + granuleBytes + "-byte granules can index");
        }
        this.name = name;
        this.fit = fit;
        this.lifo = order == FreeListOrder.LIFO;
        this.granuleBytes = granuleBytes;
        this.granuleShift = Long.numberOfTrailingZeros(granuleBytes);
        this.heapBytes = heapBytes;
        this.usableHeapBytes = heapBytes & -granuleBytes;
        this.heads = new HierarchicalBitmap(usableHeapBytes >>> granuleShift);
        this.tails = new HierarchicalBitmap(usableHeapBytes >>> granuleShift);
        this.largestInWord = lifo ? null : new MaxTree(heads.wordCount());
        this.listHeads = new long[lifo && fit == FitPolicy.BEST ? SEGREGATED_LISTS : 1];
        this.nonEmptyLists = new long[(listHeads.length + 63) >>> 6];
        java.util.Arrays.fill(listHeads, NONE);
        this.heap = HeapSegment.allocate(heapBytes);
        this.memory = heap.segment();
        this.rover = lifo ? NONE : 0;
        this.limit = usableHeapBytes;
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

    /** {@return the granule (minimum block size and size rounding) in bytes} */
    public long granuleBytes() {
        return granuleBytes;
    }

    /** {@return the start of the wilderness} */
    public long topOffset() {
        return top;
    }

    /**
     * Moves the end of the part of the heap this allocator places blocks in, so that a layer above can own the
     * rest ({@link TwoEndedAllocator} places small blocks there).
     *
     * @param limitOffset the new end, at least {@link #topOffset()} and at most the heap size rounded down to a granule
     * @return whether the limit moved; {@code false} (nothing changed) if live or free blocks reach past it
     */
    boolean setLimitOffset(long limitOffset) {
        if (limitOffset < top || limitOffset > usableHeapBytes || (limitOffset & (granuleBytes - 1)) != 0) {
            return false;
        }
        limit = limitOffset;
        return true;
    }

    /** {@return the footprint high-water mark in bytes, as {@link #stats()} reports it, without walking free blocks} */
    long footprintBytes() {
        return stats.footprintBytes();
    }

    /** {@return the bytes of bookkeeping kept outside the heap, as {@link #stats()} reports them} */
    long metadataBytes() {
        return heads.byteSize() + tails.byteSize() + (largestInWord == null ? 0 : largestInWord.byteSize());
    }

    /** {@return the largest free block below the wilderness in bytes, 0 if none} */
    long largestFreeListedBytes() {
        long largest = 0;
        for (long g = heads.nextSetBit(0); g >= 0; ) {
            long size = blockSize(g << granuleShift);
            largest = Math.max(largest, size);
            g = heads.nextSetBit(g + (size >>> granuleShift));
        }
        return largest;
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        long need = need(byteSize);
        long start = need < 0 ? FAILED : place(need, byteAlignment);
        if (start == FAILED) {
            stats.failed();
            return FAILED;
        }
        stats.allocated(byteSize, need);
        return start;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return;
        }
        long need = need(byteSize);
        checkLiveRegion(address, need);
        release(address, need);
        stats.deallocated(byteSize, need);
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
        checkLiveRegion(address, oldNeed);
        if (newNeed > 0 && (newNeed <= oldNeed ? shrinkInPlace(address, oldNeed, newNeed)
                                               : growInPlace(address, oldNeed, newNeed))) {
            stats.reallocated(true, oldByteSize, oldNeed, newByteSize, newNeed);
            return address;
        }
        long moved = newNeed < 0 ? FAILED : place(newNeed, byteAlignment);
        if (moved == FAILED) {
            stats.failed();
            return FAILED;
        }
        MemorySegment.copy(memory, address, memory, moved, Math.min(oldByteSize, newByteSize));
        release(address, oldNeed);
        stats.reallocated(false, oldByteSize, oldNeed, newByteSize, newNeed);
        return moved;
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        return byteSize == 0 ? 0 : need(byteSize);
    }

    /**
     * Checks, in O(1), that {@code [address, address + need)} can be a live block: granule-aligned, below {@code top},
     * and neither its first nor its last granule is the first or last granule of a free block.
     *
     * @throws IllegalArgumentException if it cannot; nothing has changed then
     */
    void checkLiveRegion(long address, long need) {
        if ((address & (granuleBytes - 1)) != 0 || address < 0 || need < 0 || address > top - need) {
            throw new IllegalArgumentException("not a live block of " + name + ": [" + address + ", " + address
                + " + " + need + ") is not " + granuleBytes + "-byte aligned inside the used heap [0, " + top + ")");
        }
        long first = address >>> granuleShift;
        long last = (address + need - 1) >>> granuleShift;
        if (heads.get(first) || tails.get(first) || heads.get(last) || tails.get(last)) {
            throw new IllegalArgumentException("not a live block of " + name + ": [" + address + ", " + address
                + " + " + need + ") starts or ends inside a free block (freed twice?)");
        }
    }

    /** {@return the exception for a free-block record that fails a check} @param what what was found */
    private IllegalStateException corrupted(String what) {
        return new IllegalStateException("heap metadata corrupted: " + name + ": " + what);
    }

    /** {@return {@code link}, read from a free block, if it is NONE or a granule-aligned offset below top} */
    private long checkedLink(long link) {
        if (link != NONE && (link < 0 || link >= top || (link & (granuleBytes - 1)) != 0)) {
            throw corrupted("free-list link " + link + " outside the used heap [0, " + top + ")");
        }
        return link;
    }

    /** {@return {@code byteSize} rounded up to whole granules, or -1 if that overflows} */
    private long need(long byteSize) {
        long rounded = byteSize + granuleBytes - 1;
        return rounded < 0 ? -1 : rounded & -granuleBytes;
    }

    // ---------------------------------------------------------------- placement

    /** Finds room for {@code need} bytes aligned to {@code align}; {@return the block start or FAILED} */
    private long place(long need, long align) {
        long block = lifo ? searchList(need, align) : searchAddressOrder(need, align);
        if (block != NONE) {
            long size = blockSize(block);
            long start = (block + align - 1) & -align;
            removeFree(block, size);
            if (start > block) {
                addFree(block, start - block);
            }
            long end = start + need;
            long rest = block + size - end;
            if (rest > 0) {
                addFree(end, rest);
            }
            if (fit == FitPolicy.NEXT) {
                rover = lifo ? (rest > 0 ? end : listHeads[0]) : end;
            }
            return start;
        }
        long start = (top + align - 1) & -align;
        if (start < 0 || start > limit - need) {
            return FAILED;
        }
        long padding = top;
        top = start + need; // first: a free block is checked against top when recorded
        if (start > padding) {
            addFree(padding, start - padding);
        }
        stats.reached(top);
        if (fit == FitPolicy.NEXT && !lifo) {
            rover = top;
        }
        return start;
    }

    private boolean fits(long block, long size, long need, long align) {
        long start = (block + align - 1) & -align;
        return start >= 0 && start - block <= size - need;
    }

    private long searchAddressOrder(long need, long align) {
        long from = fit == FitPolicy.NEXT ? rover >>> granuleShift : 0;
        long found = searchAddressRange(from, Long.MAX_VALUE, need, align);
        if (found == NONE && fit == FitPolicy.NEXT && from > 0) {
            found = searchAddressRange(0, from, need, align); // next fit wraps around once
        }
        return found;
    }

    /**
     * Visits, by address, only the bitmap words whose largest free block can hold {@code need} bytes (found through
     * {@link #largestInWord} in O(log n) each) and the free blocks starting in them from granule {@code from} up to
     * (excluding) {@code limitGranule}; {@return the first fitting block (FIRST, NEXT) or the smallest (BEST), or NONE}
     */
    private long searchAddressRange(long from, long limitGranule, long need, long align) {
        long needGranules = need >>> granuleShift;
        long best = NONE;
        long bestSize = Long.MAX_VALUE;
        for (long word = largestInWord.firstAtLeast(from >>> 6, needGranules); word >= 0;
             word = largestInWord.firstAtLeast(word + 1, needGranules)) {
            long bits = heads.word(word);
            if (word == from >>> 6) {
                bits &= -1L << from; // only heads at or after 'from' in the first word
            }
            for (; bits != 0; bits &= bits - 1) {
                long g = (word << 6) + Long.numberOfTrailingZeros(bits);
                if (g >= limitGranule) {
                    return best;
                }
                long block = g << granuleShift;
                long size = blockSize(block);
                if (size >= need && size < bestSize && fits(block, size, need, align)) {
                    if (fit != FitPolicy.BEST || size == need) {
                        return block;
                    }
                    best = block;
                    bestSize = size;
                }
            }
        }
        return best;
    }

    /** Recomputes the largest free block starting in the bitmap word holding granule {@code granule}. */
    private void refreshLargest(long granule) {
        long word = granule >>> 6;
        long largest = 0;
        for (long bits = heads.word(word); bits != 0; bits &= bits - 1) {
            long g = (word << 6) + Long.numberOfTrailingZeros(bits);
            largest = Math.max(largest, blockSize(g << granuleShift) >>> granuleShift);
        }
        largestInWord.set(word, largest);
    }

    private long searchList(long need, long align) {
        if (fit == FitPolicy.BEST) {
            return searchSegregated(need, align);
        }
        long head = listHeads[0];
        long first = fit == FitPolicy.NEXT && rover != NONE ? rover : head;
        long block = first;
        long steps = 0;
        while (block != NONE) {
            if (++steps > freeBlocks + 1) {
                throw corrupted("the free list has a cycle (more than " + freeBlocks + " blocks)");
            }
            long size = blockSize(block);
            if (size >= need && fits(block, size, need, align)) {
                return block;
            }
            block = checkedLink(memory.get(WORD, block + NEXT_OFFSET));
            if (block == NONE && first != head) {
                block = head; // NEXT fit wraps around once
            }
            if (block == first) {
                break;
            }
        }
        return NONE;
    }

    /** LIFO best fit over the segregated lists; {@return the smallest fitting block, most recent of equals, or NONE} */
    private long searchSegregated(long need, long align) {
        long steps = 0;
        for (int list = nextNonEmptyList(listOf(need)); list >= 0; list = nextNonEmptyList(list + 1)) {
            long best = NONE;
            long bestSize = Long.MAX_VALUE;
            for (long block = listHeads[list]; block != NONE;
                 block = checkedLink(memory.get(WORD, block + NEXT_OFFSET))) {
                if (++steps > freeBlocks) {
                    throw corrupted("a free list has a cycle (more than " + freeBlocks + " blocks)");
                }
                long size = blockSize(block);
                if (size >= need && size < bestSize && fits(block, size, need, align)) {
                    best = block;
                    bestSize = size;
                    if (list < EXACT_LISTS || size == need) {
                        break; // every block of an exact list has the same size: the first fitting one is best
                    }
                }
            }
            if (best != NONE) {
                return best; // every later list holds only larger blocks
            }
        }
        return NONE;
    }

    /** {@return the list a free block of {@code size} bytes belongs to} */
    private int listOf(long size) {
        if (listHeads.length == 1) {
            return 0;
        }
        long granules = size >>> granuleShift;
        if (granules <= EXACT_LISTS) {
            return (int) granules - 1;
        }
        int log = 63 - Long.numberOfLeadingZeros(granules);
        return EXACT_LISTS + 4 * (log - 6) + (int) ((granules >>> (log - 2)) & 3);
    }

    private int nextNonEmptyList(int from) {
        for (int w = from >>> 6; w < nonEmptyLists.length; w++) {
            long bits = nonEmptyLists[w] & (w == from >>> 6 ? -1L << from : -1L);
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- freeing and resizing

    /** Makes {@code [address, address + size)} free, coalescing with its neighbours and the wilderness. */
    private void release(long address, long size) {
        long granule = address >>> granuleShift;
        if (granule > 0 && tails.get(granule - 1)) {
            long leftSize = heads.get(granule - 1) ? granuleBytes : memory.get(WORD, address - 8);
            if (leftSize < granuleBytes || (leftSize & (granuleBytes - 1)) != 0 || leftSize > address) {
                throw corrupted("the free block ending at " + address + " records a size of " + leftSize);
            }
            long left = address - leftSize;
            removeFree(left, leftSize);
            address = left;
            size += leftSize;
        }
        long end = address + size;
        if (end == top) {
            top = address;
            return;
        }
        if (heads.get(end >>> granuleShift)) {
            long rightSize = blockSize(end);
            removeFree(end, rightSize);
            size += rightSize;
        }
        addFree(address, size);
    }

    private boolean shrinkInPlace(long address, long oldNeed, long newNeed) {
        if (newNeed < oldNeed) {
            release(address + newNeed, oldNeed - newNeed);
        }
        return true;
    }

    private boolean growInPlace(long address, long oldNeed, long newNeed) {
        long end = address + oldNeed;
        long extra = newNeed - oldNeed;
        if (end == top) {
            if (address > limit - newNeed) {
                return false;
            }
            top = address + newNeed;
            stats.reached(top);
            return true;
        }
        if (!heads.get(end >>> granuleShift)) {
            return false;
        }
        long rightSize = blockSize(end);
        if (rightSize < extra) {
            return false;
        }
        removeFree(end, rightSize);
        if (rightSize > extra) {
            addFree(end + extra, rightSize - extra);
        }
        return true;
    }

    // ---------------------------------------------------------------- free-block records

    /** {@return the size of the free block at {@code block}} @throws IllegalStateException if it is not credible */
    private long blockSize(long block) {
        if (tails.get(block >>> granuleShift)) {
            return granuleBytes;
        }
        long size = block <= top - 2 * granuleBytes ? memory.get(WORD, block + SIZE_OFFSET) : 0;
        if (size < 2 * granuleBytes || (size & (granuleBytes - 1)) != 0 || size > top - block) {
            throw corrupted("the free block at " + block + " records a size of " + size + " (top " + top + ")");
        }
        return size;
    }

    private void addFree(long block, long size) {
        long first = block >>> granuleShift;
        long last = (block + size - 1) >>> granuleShift;
        heads.set(first);
        tails.set(last);
        if (size > granuleBytes) {
            memory.set(WORD, block + SIZE_OFFSET, size);
            memory.set(WORD, block + size - 8, size);
        }
        if (lifo) {
            int list = listOf(size);
            long head = listHeads[list];
            memory.set(WORD, block + NEXT_OFFSET, head);
            memory.set(WORD, block + PREV_OFFSET, NONE);
            if (head != NONE) {
                memory.set(WORD, head + PREV_OFFSET, block);
            }
            listHeads[list] = block;
            nonEmptyLists[list >>> 6] |= 1L << list;
        } else {
            refreshLargest(first);
        }
        freeListedBytes += size;
        freeBlocks++;
    }

    private void removeFree(long block, long size) {
        heads.clear(block >>> granuleShift);
        tails.clear((block + size - 1) >>> granuleShift);
        if (lifo) {
            long next = checkedLink(memory.get(WORD, block + NEXT_OFFSET));
            long prev = checkedLink(memory.get(WORD, block + PREV_OFFSET));
            if (prev == NONE) {
                int list = listOf(size);
                listHeads[list] = next;
                if (next == NONE) {
                    nonEmptyLists[list >>> 6] &= ~(1L << list);
                }
            } else {
                memory.set(WORD, prev + NEXT_OFFSET, next);
            }
            if (next != NONE) {
                memory.set(WORD, next + PREV_OFFSET, prev);
            }
            if (rover == block) {
                rover = next;
            }
        } else {
            refreshLargest(block >>> granuleShift);
        }
        freeListedBytes -= size;
        freeBlocks--;
    }

    // ---------------------------------------------------------------- statistics and lifecycle

    @Override
    public AllocatorStats stats() {
        long footprint = stats.footprintBytes();
        long largest = Math.max(footprint - top, largestFreeListedBytes());
        return stats.snapshot(freeListedBytes + footprint - top, largest, heapBytes, metadataBytes());
    }

    @Override
    public void reset() {
        heads.clearAll();
        tails.clearAll();
        if (largestInWord != null) {
            largestInWord.clear();
        }
        java.util.Arrays.fill(listHeads, NONE);
        java.util.Arrays.fill(nonEmptyLists, 0L);
        rover = lifo ? NONE : 0;
        top = 0;
        limit = usableHeapBytes;
        freeListedBytes = 0;
        freeBlocks = 0;
        stats.clear();
    }

    @Override
    public void close() {
        heap.close();
    }

    @Override
    public String toString() {
        return name + "[fit=" + fit + ", order=" + (lifo ? "LIFO" : "ADDRESS") + ", granule=" + granuleBytes
            + ", top=" + top + ", freeListedBytes=" + freeListedBytes + "]";
    }
}
