package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.HeapSegment;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A two-ended, two-level segregated fit allocator (TLSF-like) with headerless blocks: small requests are placed down
 * from the end of the heap, all others up from its start, each end searching its own size-binned free blocks through
 * a bitmap in O(1) and growing into a shared wilderness in the middle. Built to be as tight as best fit and as fast
 * as a native allocator on malloc-lab-like traces.
 *
 * <h2>Notation</h2>
 * {@code G} = granule, 16 bytes: every block starts and ends on a granule boundary and a request of {@code s} bytes
 * takes {@code need(s) = roundUp(s, G)} bytes. {@code E} = the heap size rounded down to {@code G}. A request is
 * <em>small</em> if {@code s <= maxSmallBytes} and its alignment is at most {@code G}.
 * <pre>
 *   0                  low.top                                   E - high.top                E   heapBytes
 *   |## large ##|-free-|##|........... shared wilderness ...........|##|-free-|## small ##|..|
 *   low region: virtual offset v = real address          high region: block of n bytes at virtual v = real E - v - n
 * </pre>
 * Each end is a {@code Region} working in its own <em>virtual</em> offsets, in which it always grows up from 0:
 * the low region's offsets are real addresses; the high region's are mirrored (a block of {@code n} bytes at
 * virtual {@code v} occupies the real bytes {@code [E - v - n, E - v)}, and the word at virtual {@code v} is the real
 * word at {@code E - 8 - v}). So one piece of code serves both ends, and both keep their free-block records in the
 * real heap.
 *
 * <h2>Block and metadata layout</h2>
 * Allocated blocks have no header: {@code deallocate} is given the layout, so the extent {@code [p, p + need(s))} is
 * known. Free blocks describe themselves (words at virtual offsets inside the block):
 * <pre>
 *   free block of G bytes:     [ next | prev ]                          size implied (head bit == tail bit)
 *   free block of n &ge; 2G:      [ next | prev | n | ... ]                n at +16
 *   free block of n &gt; 16 KiB:  [ next | prev | n | ... | n ]            and a footer in the last word
 *   next/prev: virtual offsets of the neighbours in the block's bin list (-1 = none)
 * </pre>
 * Out of band, per region: two bitmaps with one bit per granule, {@code heads} (a free block starts here) and
 * {@code tails} (a free block ends here), giving O(1) boundary checks for coalescing (a free left neighbour's start
 * is the nearest head bit before it, found within 17 bitmap words unless the block is larger than 16 KiB, when its
 * footer gives its size: one cold memory access fewer per coalescing of small blocks); they cover the region's
 * high-water mark and grow by doubling with it, so metadata is proportional to the footprint, not to the heap's
 * capacity. Bins: a block of {@code k} granules is in bin {@code k - 1} for {@code k <= 64} (exact sizes up to
 * 1 KiB), then in one of 8 bins per doubling (bin {@code 64 + 8 (log2 k - 6) + } the next 3 bits of {@code k}).
 * Each bin is a LIFO doubly linked list; a two-level bitmap (one bit per bin, one bit per 64 bins) finds the first
 * non-empty bin at or above any bin in two {@code numberOfTrailingZeros}.
 * <p><em>Quick lists</em> (dlmalloc's fastbins, extended to 4 KiB): a freed block of {@code k <= 256} granules is not
 * coalesced at once but pushed on quick list {@code k - 1}, a LIFO singly linked through its first word, with its
 * bits left clear (to its neighbours it still looks allocated). An exact-size request pops it: one read and one write
 * of metadata, instead of unlinking from two doubly linked lists and four bitmap updates. Quick-listed blocks are
 * released (coalesced, binned or returned to the wilderness) all at once, <em>before</em> a region would take a
 * request from the wilderness, before a failed in-place growth is given up, and on {@link #trim()}; so the footprint
 * never grows while a coalesced free block could have served the request, and each freed block is released at most
 * once: the deferral costs no utilization on the malloc-lab traces and amortizes to O(1).
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>allocate(s, a): a small request goes to the high region, anything else (or a small request the high region
 *       cannot place) to the low region. A region first pops the quick list of exactly {@code need(s)}, if any;
 *       then looks for a binned free block: in the request's own bin if it is
 *       exact (its first block fits exactly), otherwise the best fitting of the first {@value #SCAN_LIMIT} block(s)
 *       of that bin; failing that, the first block of the next non-empty bin (every block there is larger); failing
 *       that, the rest of the request's own bin. The chosen block is split: the request takes its low virtual end and
 *       the remainder becomes a free block. With no fitting free block, quick lists (if any) are released and the
 *       search repeated; then the request takes the bottom of the wilderness (raising the region's top, up to the
 *       other region's top). Alignment above {@code G} (low region only) asks
 *       for {@code need + a - G} bytes and gives back the padding on both sides.</li>
 *   <li>deallocate(p, s, a): the region is the high one iff {@code p >= E - high.top}. A block of at most 4 KiB is
 *       pushed on its quick list. A larger one (or a quick-listed one when released) merges with a free
 *       left and a free right neighbour (found through the tail bit before it and the head bit after it); if the
 *       result ends at the region's top it returns to the wilderness (lowering the top), otherwise it is binned.</li>
 *   <li>reallocate(p, s, a, t): same granule count: in place. Shrinking: the freed part (the real tail) is released
 *       as in 2, in place. Growing a low block: in place if it ends at {@code low.top} and the wilderness has room,
 *       or if its right neighbour is free and large enough (so a block realloc'ed between other allocations keeps
 *       growing in place at the wilderness edge, since small blocks are at the other end); otherwise, and for any
 *       growing high block, allocate as in 1, copy, free.</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code low.top + high.top <= E}: every low block lies below {@code low.top <= E - high.top}, every high block
 *       at or above {@code E - high.top}.</li>
 *   <li>No two free blocks of a region are adjacent and no free block ends at its region's top.</li>
 *   <li>A head (tail) bit is set iff a binned free block starts (ends) in that granule; a binned free block is in
 *       exactly the bin of its size, and a bin's bit is set iff its list is non-empty. Quick-listed blocks have no
 *       bits and are in exactly the quick list of their size; {@code quickBlocks} counts them.</li>
 *   <li>After every block is freed and {@link #trim()}, both tops are 0 and there are no free blocks: the pristine
 *       state.</li>
 *   <li>The footprint is the high-water mark of {@code low.top + high.top}.</li>
 * </ul>
 * Misuse is not fully detected (as {@link Allocator} allows), but cheap checks before any state changes reject an
 * address outside the regions, misaligned to the granule, at the start of a binned free block or at the head of its
 * quick list (a double free); every list walk is bounded by the number of free or quick-listed blocks and
 * consolidation stops at a quick-listed block that is already free, so no loop can run forever on a corrupted list
 * (an {@link IllegalStateException} says so instead).
 *
 * @implSpec Not thread-safe. Nothing on the allocate/deallocate/reallocate paths allocates on the Java heap, except
 * that a region's bitmaps grow (by doubling) when its top first passes their end.
 */
public final class TlsfTwoEndedAllocator implements Allocator {

    /** The granule and minimum block size in bytes. */
    public static final long GRANULE_BYTES = 16;
    /**
     * Blocks of a non-exact bin that a search compares before it takes a larger bin. One: on the malloc-lab traces
     * more gain nothing (random-bal 96.1 % utilization with 1, 96.2 % with 8, 94.0 % with 0) and each costs a cache
     * miss on a cold free block.
     */
    static final int SCAN_LIMIT = 1;

    private static final int GRANULE_SHIFT = 4;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long NONE = -1;
    private static final long NEXT_OFFSET = 0;
    private static final long PREV_OFFSET = 8;
    private static final long SIZE_OFFSET = 16;
    /** Bins 0..63 hold blocks of exactly 1..64 granules. */
    private static final int EXACT_BINS = 64;
    /** Quick lists hold freed blocks of exactly 1..256 granules (up to 4 KiB). */
    private static final int QUICK_LISTS = 256;
    private static final long MAX_QUICK_BYTES = QUICK_LISTS * GRANULE_BYTES;
    /** Free blocks of at most this many granules (16 KiB) need no footer: the heads bitmap finds their start. */
    private static final int FOOTERLESS_GRANULES = 1024;
    /** Bitmap words that {@code sizeEndingAt} looks back over: enough for any footerless block. */
    private static final int FOOTERLESS_WORDS = FOOTERLESS_GRANULES / 64;
    /** 8 bins per doubling above the exact bins, for block sizes up to 2^62 bytes. */
    private static final int BIN_COUNT = 512;
    private static final int BIN_WORDS = BIN_COUNT / 64;
    /** Initial bitmap words per region: 4096 granules, 64 KiB of region. */
    private static final int INITIAL_BITMAP_WORDS = 64;

    private final String name;
    private final HeapSegment heap;
    private final MemorySegment memory;
    private final long heapBytes;
    /** {@code E}: the heap size rounded down to the granule. */
    private final long end;
    private final long maxSmallBytes;
    private final Region low;
    private final Region high;
    private final StatsCounter stats = new StatsCounter();

    /**
     * @param name          the registered name
     * @param heapBytes     heap capacity in bytes, at least {@value #GRANULE_BYTES}
     * @param maxSmallBytes the largest request placed at the high end, a positive multiple of
     *                      {@value #GRANULE_BYTES}
     * @throws IllegalArgumentException if a parameter is out of range
     * @throws IllegalStateException    if the operating system refuses the heap
     */
    public TlsfTwoEndedAllocator(String name, long heapBytes, long maxSmallBytes) {
        if (heapBytes < GRANULE_BYTES) {
            throw new IllegalArgumentException("heap of " + heapBytes + " bytes is smaller than one granule");
        }
        if (maxSmallBytes <= 0 || maxSmallBytes % GRANULE_BYTES != 0) {
            throw new IllegalArgumentException("small requests must end at a positive multiple of the "
                + GRANULE_BYTES + "-byte granule: " + maxSmallBytes);
        }
        this.name = name;
        this.heapBytes = heapBytes;
        this.end = heapBytes & -GRANULE_BYTES;
        this.maxSmallBytes = maxSmallBytes;
        this.heap = HeapSegment.allocate(heapBytes);
        this.memory = heap.segment();
        this.low = new Region(memory, 0, 0);
        this.high = new Region(memory, -1, end - 8 + 1);
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

    /** {@return the largest request placed at the high end, in bytes} */
    public long maxSmallBytes() {
        return maxSmallBytes;
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        long need = need(byteSize);
        long start = need < 0 ? FAILED : place(byteSize, need, byteAlignment);
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
        long need = checkedNeed(address, byteSize);
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
        long oldNeed = checkedNeed(address, oldByteSize);
        long newNeed = need(newByteSize);
        if (newNeed > 0 && resizeInPlace(address, oldNeed, newNeed)) {
            stats.reallocated(true, oldByteSize, oldNeed, newByteSize, newNeed);
            return address;
        }
        long moved = newNeed < 0 ? FAILED : place(newByteSize, newNeed, byteAlignment);
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

    /** {@return {@code byteSize} rounded up to whole granules, or -1 if that overflows} */
    private static long need(long byteSize) {
        long rounded = byteSize + GRANULE_BYTES - 1;
        return rounded < 0 ? -1 : rounded & -GRANULE_BYTES;
    }

    /**
     * {@return the granules of a live block of {@code byteSize} bytes at {@code address}, in bytes}
     *
     * @throws IllegalArgumentException if the block cannot be live: misaligned, outside both regions, or starting a
     *                                  free block (freed twice)
     */
    private long checkedNeed(long address, long byteSize) {
        long need = need(byteSize);
        boolean valid = need > 0 && (address & (GRANULE_BYTES - 1)) == 0 && address >= 0;
        if (valid) {
            long highStart = end - high.top;
            if (address >= highStart) {
                long v = end - address - need;
                valid = address <= end - need && v >= 0 && !high.isFree(v, need);
            } else {
                valid = address <= low.top - need && !low.isFree(address, need);
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(name + ": no live block of " + byteSize + " bytes at " + address);
        }
        return need;
    }

    /** {@return a block of {@code need} bytes for a request of {@code byteSize} aligned to {@code align}, or FAILED} */
    private long place(long byteSize, long need, long align) {
        if (byteSize <= maxSmallBytes && align <= GRANULE_BYTES) {
            long v = high.allocate(need, end - low.top);
            if (v != NONE) {
                stats.reached(low.top + high.top);
                return end - v - need;
            }
        }
        long start = align <= GRANULE_BYTES ? low.allocate(need, end - high.top)
                                            : low.allocateAligned(need, align, end - high.top);
        if (start == NONE) {
            return FAILED;
        }
        stats.reached(low.top + high.top);
        return start;
    }

    private void release(long address, long need) {
        if (address >= end - high.top) {
            high.free(end - address - need, need);
        } else {
            low.free(address, need);
        }
    }

    private boolean resizeInPlace(long address, long oldNeed, long newNeed) {
        if (newNeed == oldNeed) {
            return true;
        }
        boolean isHigh = address >= end - high.top;
        if (newNeed < oldNeed) {
            if (isHigh) {
                high.release(end - address - oldNeed, oldNeed - newNeed); // the real tail is the virtual head
            } else {
                low.release(address + newNeed, oldNeed - newNeed);
            }
            return true;
        }
        if (isHigh) {
            return false;
        }
        if (!low.growInPlace(address, oldNeed, newNeed, end - high.top)) {
            if (low.quickBlocks == 0) {
                return false;
            }
            low.consolidate(); // the right neighbour may be waiting in a quick list
            if (!low.growInPlace(address, oldNeed, newNeed, end - high.top)) {
                return false;
            }
        }
        stats.reached(low.top + high.top);
        return true;
    }

    // ---------------------------------------------------------------- statistics and lifecycle

    /**
     * {@inheritDoc}
     *
     * <p>The largest free block is the largest request served without raising the footprint: the footprint's unused
     * share of the wilderness (either end can grow into it), a high free block up to {@code maxSmallBytes} (small
     * requests go to the high end first), or a low free block larger than {@code maxSmallBytes}. Metadata counts the
     * bins and the bitmap words that cover each region's high-water mark (the arrays may have grown up to twice
     * that, and keep their capacity across {@link #reset()}).
     */
    @Override
    public AllocatorStats stats() {
        long footprint = stats.footprintBytes();
        long unusedWilderness = footprint - low.top - high.top;
        long lowLargest = low.largestFreeBlock();
        // A quick-listed block serves a request of its exact size; others see it once coalesced (before the
        // wilderness grows), so both bins and quick lists count.
        long largest = Math.max(unusedWilderness, Math.min(high.largestFreeBlock(), maxSmallBytes));
        if (lowLargest > maxSmallBytes) {
            largest = Math.max(largest, lowLargest);
        }
        return stats.snapshot(footprint - stats.liveGrantedBytes(), largest, heapBytes,
            low.metadataBytes() + high.metadataBytes());
    }

    /** Coalesces the blocks waiting in both ends' quick lists: a fully freed and trimmed heap is a fresh one. */
    @Override
    public void trim() {
        low.consolidate();
        high.consolidate();
    }

    @Override
    public void reset() {
        low.reset();
        high.reset();
        stats.clear();
    }

    @Override
    public void close() {
        heap.close();
    }

    @Override
    public String toString() {
        return name + "[maxSmallBytes=" + maxSmallBytes + ", low.top=" + low.top + ", high.top=" + high.top
            + ", low.free=" + low.freeBytes + ", high.free=" + high.freeBytes + "]";
    }

    // ---------------------------------------------------------------- one end of the heap

    /** {@return the bin of a free block or request of {@code size > 0} bytes} */
    static int binOf(long size) {
        long granules = size >>> GRANULE_SHIFT;
        if (granules <= EXACT_BINS) {
            return (int) granules - 1;
        }
        int log = 63 - Long.numberOfLeadingZeros(granules);
        return EXACT_BINS + 8 * (log - 6) + (int) ((granules >>> (log - 3)) & 7);
    }

    /**
     * One end of the heap in its own virtual offsets (see the class comment): its free blocks, bins, bitmaps and
     * top. The word at virtual offset {@code v} is the real word at {@code (v ^ flip) + shift}.
     */
    private static final class Region {

        private final MemorySegment memory;
        private final long flip;
        private final long shift;
        private final long[] binHeads = new long[BIN_COUNT];
        /** Quick lists: per exact size of 1..256 granules, a LIFO singly linked list of freed, uncoalesced blocks. */
        private final long[] quickHeads = new long[QUICK_LISTS];
        /** Bit {@code i} set if quick list {@code i} may be non-empty (cleared when consolidated). */
        private final long[] quickBits = new long[QUICK_LISTS / 64];
        long quickBlocks;
        private final long[] binBits = new long[BIN_WORDS];
        /** Bit {@code w} set iff {@code binBits[w] != 0}. */
        private long binSummary;
        private long[] heads = new long[INITIAL_BITMAP_WORDS];
        private long[] tails = new long[INITIAL_BITMAP_WORDS];
        /** Start of the wilderness, in virtual offsets. */
        long top;
        /** High-water mark of {@link #top}. */
        private long peakTop;
        long freeBytes;
        private long freeBlocks;

        Region(MemorySegment memory, long flip, long shift) {
            this.memory = memory;
            this.flip = flip;
            this.shift = shift;
            java.util.Arrays.fill(binHeads, NONE);
            java.util.Arrays.fill(quickHeads, NONE);
        }

        private long get(long v) {
            return memory.get(WORD, (v ^ flip) + shift);
        }

        private void put(long v, long value) {
            memory.set(WORD, (v ^ flip) + shift, value);
        }

        private static boolean bit(long[] bits, long granule) {
            return (bits[(int) (granule >>> 6)] & (1L << granule)) != 0;
        }

        /**
         * {@return whether {@code v}, below {@link #top}, starts a binned free block or is the most recently
         * quick-listed block of {@code size} bytes} (a cheap double-free check, not a complete one)
         */
        boolean isFree(long v, long size) {
            return bit(heads, v >>> GRANULE_SHIFT)
                || size <= MAX_QUICK_BYTES && quickHeads[(int) (size >>> GRANULE_SHIFT) - 1] == v;
        }

        private long sizeAtHead(long v) {
            return bit(tails, v >>> GRANULE_SHIFT) ? GRANULE_BYTES : get(v + SIZE_OFFSET);
        }

        /**
         * {@return the size of the binned free block ending at {@code endV}} Its head is the nearest head bit at or
         * before its last granule (no free block starts inside another): found in the bitmap if it lies within
         * {@value #FOOTERLESS_WORDS} words, which every block of at most {@value #FOOTERLESS_GRANULES} granules does;
         * otherwise the block is larger and has a footer.
         */
        private long sizeEndingAt(long endV) {
            long last = (endV >>> GRANULE_SHIFT) - 1;
            int word = (int) (last >>> 6);
            long bits = heads[word] & (-1L >>> (63 - (int) (last & 63)));
            int lowest = Math.max(0, word - FOOTERLESS_WORDS);
            while (bits == 0 && word > lowest) {
                bits = heads[--word];
            }
            if (bits != 0) {
                long head = ((long) word << 6) + 63 - Long.numberOfLeadingZeros(bits);
                return (last - head + 1) << GRANULE_SHIFT;
            }
            return get(endV - 8);
        }

        /** {@return a block of {@code need} bytes (virtual offset) below {@code limit}, or NONE} */
        long allocate(long need, long limit) {
            if (need <= MAX_QUICK_BYTES) {
                int list = (int) (need >>> GRANULE_SHIFT) - 1;
                long quick = quickHeads[list];
                if (quick != NONE) {
                    quickHeads[list] = get(quick);
                    quickBlocks--;
                    return quick;
                }
            }
            int bin = binOf(need);
            if (bin < EXACT_BINS) {
                long exact = binHeads[bin];
                if (exact != NONE) {
                    popExact(bin, exact, need);
                    return exact;
                }
            }
            long block = findFree(need);
            if (block == NONE && quickBlocks > 0) {
                consolidate();
                block = findFree(need);
            }
            if (block != NONE) {
                long size = sizeAtHead(block);
                removeFree(block, size);
                if (size > need) {
                    addFree(block + need, size - need);
                }
                return block;
            }
            return fromWilderness(need, limit);
        }

        /** As {@link #allocate} for an alignment above the granule; offsets are real (low region only). */
        long allocateAligned(long need, long align, long limit) {
            long padded = need + align - GRANULE_BYTES;
            long block = padded < 0 ? NONE : findFree(padded);
            if (block == NONE && padded > 0 && quickBlocks > 0) {
                consolidate();
                block = findFree(padded);
            }
            if (block != NONE) {
                long size = sizeAtHead(block);
                long start = (block + align - 1) & -align;
                removeFree(block, size);
                if (start > block) {
                    addFree(block, start - block);
                }
                long rest = block + size - start - need;
                if (rest > 0) {
                    addFree(start + need, rest);
                }
                return start;
            }
            long start = (top + align - 1) & -align;
            if (start < 0 || start > limit - need) {
                return NONE;
            }
            long padding = start - top;
            if (fromWilderness(padding + need, limit) == NONE) {
                return NONE;
            }
            if (padding > 0) {
                addFree(start - padding, padding);
            }
            return start;
        }

        private long fromWilderness(long need, long limit) {
            long start = top;
            if (start > limit - need || !coverBitmaps(start + need)) {
                return NONE;
            }
            top = start + need;
            if (top > peakTop) {
                peakTop = top;
            }
            return start;
        }

        /** Grows the bitmaps to cover {@code [0, extent)}; {@return false if they cannot} */
        private boolean coverBitmaps(long extent) {
            long words = ((extent >>> GRANULE_SHIFT) + 63) >>> 6;
            if (words <= heads.length) {
                return true;
            }
            if (words > Integer.MAX_VALUE - 8) {
                return false;
            }
            int length = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(words, 2L * heads.length));
            heads = java.util.Arrays.copyOf(heads, length);
            tails = java.util.Arrays.copyOf(tails, length);
            return true;
        }

        /** {@return a free block of at least {@code need} bytes, or NONE} (see the class comment, operation 1) */
        private long findFree(long need) {
            int bin = binOf(need);
            long block = binHeads[bin];
            if (bin < EXACT_BINS && block != NONE) {
                return block;
            }
            long best = NONE;
            long bestSize = Long.MAX_VALUE;
            long seen = 0;
            for (; block != NONE && seen < SCAN_LIMIT; block = get(block + NEXT_OFFSET)) {
                seen++;
                long size = sizeAtHead(block);
                if (size >= need && size < bestSize) {
                    best = block;
                    bestSize = size;
                    if (size == need) {
                        return block;
                    }
                }
            }
            if (best != NONE) {
                return best;
            }
            int larger = nextNonEmptyBin(bin + 1);
            if (larger >= 0) {
                return binHeads[larger];
            }
            for (; block != NONE; block = get(block + NEXT_OFFSET)) {
                if (++seen > freeBlocks) {
                    throw new IllegalStateException("free list corrupted (a block freed twice?)");
                }
                if (sizeAtHead(block) >= need) {
                    return block;
                }
            }
            return NONE;
        }

        private int nextNonEmptyBin(int from) {
            if (from >= BIN_COUNT) {
                return -1;
            }
            int word = from >>> 6;
            long bits = binBits[word] & (-1L << from);
            if (bits != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(bits);
            }
            long words = binSummary & (-2L << word);
            if (words == 0) {
                return -1;
            }
            word = Long.numberOfTrailingZeros(words);
            return (word << 6) + Long.numberOfTrailingZeros(binBits[word]);
        }

        /**
         * Frees the block {@code [v, v + size)}: a block of at most 64 granules waits uncoalesced in its size's quick
         * list (its bits stay clear, so to its neighbours it still looks allocated); larger blocks are released.
         */
        void free(long v, long size) {
            if (size <= MAX_QUICK_BYTES) {
                int list = (int) (size >>> GRANULE_SHIFT) - 1;
                put(v, quickHeads[list]);
                quickHeads[list] = v;
                quickBits[list >>> 6] |= 1L << list;
                quickBlocks++;
            } else {
                release(v, size);
            }
        }

        /** Releases every quick-listed block, coalescing it with its free neighbours and the wilderness. */
        void consolidate() {
            long budget = quickBlocks;
            for (int w = 0; w < quickBits.length; w++) {
                for (long bits = quickBits[w]; bits != 0; bits &= bits - 1) {
                    int list = (w << 6) + Long.numberOfTrailingZeros(bits);
                    long size = (list + 1L) << GRANULE_SHIFT;
                    for (long v = quickHeads[list]; v != NONE; ) {
                        if (--budget < 0 || bit(heads, v >>> GRANULE_SHIFT)) {
                            throw new IllegalStateException("quick list corrupted (a block freed twice?)");
                        }
                        long next = get(v);
                        release(v, size);
                        v = next;
                    }
                    quickHeads[list] = NONE;
                }
                quickBits[w] = 0;
            }
            quickBlocks = 0;
        }

        /** Makes {@code [v, v + size)} free, coalescing with its free neighbours and the wilderness. */
        void release(long v, long size) {
            long granule = v >>> GRANULE_SHIFT;
            if (granule > 0 && bit(tails, granule - 1)) {
                long leftSize = sizeEndingAt(v);
                v -= leftSize;
                removeFree(v, leftSize);
                size += leftSize;
            }
            long blockEnd = v + size;
            if (blockEnd == top) {
                top = v;
                return;
            }
            if (bit(heads, blockEnd >>> GRANULE_SHIFT)) {
                long rightSize = sizeAtHead(blockEnd);
                removeFree(blockEnd, rightSize);
                size += rightSize;
            }
            addFree(v, size);
        }

        /** Grows the block {@code [v, v + oldNeed)} to {@code newNeed} bytes without moving it; {@return success} */
        boolean growInPlace(long v, long oldNeed, long newNeed, long limit) {
            long blockEnd = v + oldNeed;
            long extra = newNeed - oldNeed;
            if (blockEnd == top) {
                return fromWilderness(extra, limit) != NONE;
            }
            if (!bit(heads, blockEnd >>> GRANULE_SHIFT)) {
                return false;
            }
            long rightSize = sizeAtHead(blockEnd);
            if (rightSize < extra) {
                return false;
            }
            removeFree(blockEnd, rightSize);
            if (rightSize > extra) {
                addFree(blockEnd + extra, rightSize - extra);
            }
            return true;
        }

        private void addFree(long v, long size) {
            long first = v >>> GRANULE_SHIFT;
            long last = (v + size - 1) >>> GRANULE_SHIFT;
            heads[(int) (first >>> 6)] |= 1L << first;
            tails[(int) (last >>> 6)] |= 1L << last;
            if (size > GRANULE_BYTES) {
                put(v + SIZE_OFFSET, size);
                if (size > FOOTERLESS_GRANULES * GRANULE_BYTES) {
                    put(v + size - 8, size);
                }
            }
            int bin = binOf(size);
            long head = binHeads[bin];
            put(v + NEXT_OFFSET, head);
            put(v + PREV_OFFSET, NONE);
            if (head != NONE) {
                put(head + PREV_OFFSET, v);
            } else {
                binBits[bin >>> 6] |= 1L << bin;
                binSummary |= 1L << (bin >>> 6);
            }
            binHeads[bin] = v;
            freeBytes += size;
            freeBlocks++;
        }

        /** Removes {@code v}, the first block of the exact bin {@code bin} (blocks of {@code size} bytes). */
        private void popExact(int bin, long v, long size) {
            long first = v >>> GRANULE_SHIFT;
            long last = (v + size - 1) >>> GRANULE_SHIFT;
            heads[(int) (first >>> 6)] &= ~(1L << first);
            tails[(int) (last >>> 6)] &= ~(1L << last);
            long next = get(v + NEXT_OFFSET);
            binHeads[bin] = next;
            if (next != NONE) {
                put(next + PREV_OFFSET, NONE);
            } else if ((binBits[bin >>> 6] &= ~(1L << bin)) == 0) {
                binSummary &= ~(1L << (bin >>> 6));
            }
            freeBytes -= size;
            freeBlocks--;
        }

        private void removeFree(long v, long size) {
            long first = v >>> GRANULE_SHIFT;
            long last = (v + size - 1) >>> GRANULE_SHIFT;
            heads[(int) (first >>> 6)] &= ~(1L << first);
            tails[(int) (last >>> 6)] &= ~(1L << last);
            long next = get(v + NEXT_OFFSET);
            long prev = get(v + PREV_OFFSET);
            if (prev == NONE) {
                int bin = binOf(size);
                binHeads[bin] = next;
                if (next == NONE) {
                    long bits = binBits[bin >>> 6] &= ~(1L << bin);
                    if (bits == 0) {
                        binSummary &= ~(1L << (bin >>> 6));
                    }
                }
            } else {
                put(prev + NEXT_OFFSET, next);
            }
            if (next != NONE) {
                put(next + PREV_OFFSET, prev);
            }
            freeBytes -= size;
            freeBlocks--;
        }

        /** {@return the largest free block in bytes, 0 if none} Walks the highest non-empty bin. */
        long largestFreeBlock() {
            long largestQuick = 0;
            for (int b = QUICK_LISTS - 1; b >= 0 && largestQuick == 0; b--) {
                if (quickHeads[b] != NONE) {
                    largestQuick = (b + 1L) << GRANULE_SHIFT;
                }
            }
            return Math.max(largestQuick, largestBinned());
        }

        /** {@return the largest binned free block in bytes, 0 if none} Walks the highest non-empty bin. */
        private long largestBinned() {
            int bin = -1;
            for (int b = nextNonEmptyBin(0); b >= 0; b = nextNonEmptyBin(b + 1)) {
                bin = b;
            }
            long largest = 0;
            long seen = 0;
            for (long block = bin < 0 ? NONE : binHeads[bin]; block != NONE && seen++ < freeBlocks;
                 block = get(block + NEXT_OFFSET)) {
                largest = Math.max(largest, sizeAtHead(block));
            }
            return largest;
        }

        long metadataBytes() {
            long bitmapWords = ((peakTop >>> GRANULE_SHIFT) + 63) >>> 6;
            return 8L * (BIN_COUNT + BIN_WORDS + 1 + QUICK_LISTS + QUICK_LISTS / 64) + 2 * 8L * bitmapWords;
        }

        void reset() {
            int words = (int) Math.min(heads.length, (((peakTop >>> GRANULE_SHIFT) + 63) >>> 6) + 1);
            java.util.Arrays.fill(heads, 0, words, 0L);
            java.util.Arrays.fill(tails, 0, words, 0L);
            java.util.Arrays.fill(binHeads, NONE);
            java.util.Arrays.fill(quickHeads, NONE);
            java.util.Arrays.fill(quickBits, 0L);
            quickBlocks = 0;
            java.util.Arrays.fill(binBits, 0L);
            binSummary = 0;
            top = 0;
            peakTop = 0;
            freeBytes = 0;
            freeBlocks = 0;
        }
    }
}
