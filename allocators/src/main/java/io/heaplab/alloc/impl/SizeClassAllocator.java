package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.SizeClassSpacing;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Segregated storage: small requests are rounded up to a size class and carved from slabs holding objects of one
 * class; larger requests go to a backing allocator, which also supplies the slabs. This layer adds exactly the size
 * classes: {@code SizeClass over Buddy} in Heap Layers terms.
 *
 * <h2>Notation</h2>
 * {@code S} = slab size in bytes (a power of two, 64 KiB by default), {@code c} = class index, {@code size(c)} the
 * class's block size from the {@link SizeClassSpacing}, {@code cap(c) = S / size(c)} objects per slab.
 * <pre>
 *   backing heap:  |-- slab (class 3) --|-- large block --|-- slab (class 0) --|   ...
 *   one slab:      |obj|obj|obj|obj|obj|obj|...............|
 *                    ^ used  ^ free (word 0 = next free in this slab)  ^ bump: never used yet
 * </pre>
 *
 * <h2>Metadata (all out of band, in primitive arrays indexed by slab number {@code s = address >>> log2(S)})</h2>
 * <ul>
 *   <li>{@code slabClass[s]}: 1 + the class a slab serves, 0 if it is not a slab now (checked on free).</li>
 *   <li>{@code slabState[s]}: in one word, the first object of the slab's own free list (mimalloc-style sharding:
 *       one list per slab, so a slab whose objects are all free is recognised and returned; the links live in the
 *       free objects' first word) and how many objects it still has room for, so that allocate and free each read and
 *       write one word of slab metadata, and allocate needs no comparison with the class's capacity.</li>
 *   <li>{@code bumpNext[s]}: the slab is carved lazily, so a new slab touches no memory until used.</li>
 *   <li>{@code next[s]}/{@code prev[s]} link the class's slabs that have room ({@code partialHead[c]} first).</li>
 * </ul>
 * Blocks are headerless: the class is recomputed from the layout given to {@code deallocate}. The per-slab arrays
 * cover the slabs handed out so far, not the heap: a new slab past their end grows them to at least double (amortised
 * O(1), the only allocation after construction, checked by one comparison when a slab is created), so a 1 TiB heap
 * costs 26 bytes per slab of its footprint. {@link #reset()} keeps their size, so that refilling allocates nothing.
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>allocate(s, a): {@code c} = the smallest class &ge; {@code max(s, a)} whose size is a multiple of
 *       {@code a} (none: go to the backing allocator). Take the first slab with room for {@code c} (none: get a new
 *       slab of {@code S} bytes aligned to {@code S} from the backing allocator), pop its free list or bump; if the
 *       slab is now full, unlink it from the class's list.</li>
 *   <li>deallocate(p, s, a): push {@code p} on its slab's free list; a slab that was full rejoins its class's list;
 *       a slab that becomes empty goes back to the backing allocator unless it is its class's only slab with room
 *       (one empty slab per class is kept, so that an alloc/free loop, or a program that frees everything and
 *       starts again, does not thrash the backing allocator, as mimalloc delays retiring its pages; when the backing
 *       allocator runs out, every retained empty slab is returned and the request retried; {@link #trim()} returns
 *       them too, so that a fully freed and trimmed heap is a fresh one).</li>
 *   <li>reallocate: same class: in place; both large: the backing allocator's reallocate; otherwise move.</li>
 * </ol>
 *
 * <h2>Slab cache</h2>
 * With a cache of {@code K > 0} slabs, a slab that becomes empty (and is not retained as its class's last) waits in
 * a LIFO array of up to {@code K} slab numbers, shared by every class, and a new slab is taken from there before
 * the backing allocator is asked; so a program that frees and refills batches of small blocks does not pay the
 * backing allocator twice per slab. Cached slabs are returned to the backing allocator before every large request
 * (so that they can coalesce into the memory it needs), when the backing allocator runs out, and by
 * {@link #trim()}. {@code K = 0} (the default) is the plain design above.
 *
 * <h2>Utilization on the CS:APP malloc-lab traces, and the compact configuration</h2>
 * {@code sizeclass-4x} (classes up to 8 KiB in 64 KiB slabs over 4 KiB buddy pages) averages 0.56 utilization on
 * the 11 traces, because they are built to defeat it: (1) a class with few live objects still holds a whole slab,
 * and memory freed in one class cannot serve another: {@code coalescing} (0.06) frees two 4095-byte blocks to
 * request one of 8190, which size classes put in a second 64 KiB slab where a free list coalesces the two;
 * {@code cccp}/{@code amptjp}/{@code binary2} (0.53-0.73) spread over many classes; (2) a block grown by realloc
 * moves to a new class at every step below 8 KiB, and above it the buddy rounds to a power of two and grows in
 * place only as a lower buddy: {@code realloc} 0.20, {@code realloc2} 0.07. {@code sizeclass-4x-compact} keeps the
 * same hot path with classes only up to 1 KiB in 16 KiB slabs (a quarter of the per-class waste), over a LIFO best-fit
 * free list that serves every larger request with coalescing and in-place realloc growth, and supplies the slabs
 * too, so that emptied slabs become memory for large requests; a 64-slab cache keeps slab churn off the free list
 * (it is emptied before every large request, so it costs no utilization on these traces).
 * It averages 0.89 (coalescing 1.00, realloc 0.86, realloc2 0.46: there the 16-byte blocks' slab sits right after
 * the growing block, which must move).
 *
 * <h2>Misuse</h2>
 * A small block's free first checks, in O(1) and before changing anything, that the address is 16-byte aligned and
 * lies in a slab of the class its layout names; otherwise it throws {@link IllegalArgumentException} (a misaligned,
 * foreign or wrong-class address, or a block of a slab already returned). A second free, or an interior address
 * of the right class and alignment, is not seen: it is pushed on the slab's list and may be handed out twice. A link
 * popped from a slab's free list must point into the same slab, else {@link IllegalStateException} "heap metadata
 * corrupted: ..." (user writes over a freed object); the walk over the slab lists is bounded by the slab count, so
 * no misuse makes the allocator loop forever. Large blocks are checked by the backing allocator.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Every object address is {@code slabBase + i * size(c)}, {@code i < cap(c)}; a slab is on its class's list iff
 *       it has room for an object (its room count is positive; room + live objects = {@code cap(c)}).</li>
 *   <li>At most one empty slab per class is retained, and none after {@link #trim()}.</li>
 *   <li>The footprint is the backing allocator's footprint: slabs and large blocks are what the heap holds.</li>
 * </ul>
 *
 * @implSpec Not thread-safe. Nothing on the allocate/deallocate/reallocate paths allocates on the Java heap, except
 * that the out-of-band metadata grows (geometrically, so amortised O(1)) when the footprint reaches past it.
 */
public final class SizeClassAllocator implements Allocator {

    /** The default slab size in bytes. */
    public static final long DEFAULT_SLAB_BYTES = 64 * 1024;

    /** Free-list links; always 16-byte aligned, so the unaligned layout only skips a redundant alignment check. */
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long NONE = -1;
    private static final int NO_SLAB = -1;
    private static final int LARGE = -1;
    private static final int ZERO_SIZE = -2;
    /** The low bits of a slab's state count the objects it has room for (at most 65535). */
    private static final int COUNT_BITS = 16;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    /** Bit {@code a} set for each alignment {@code a} of at most 16 bytes: 1, 2, 4, 8, 16. */
    private static final long QUANTUM_ALIGNMENTS = (1L << 1) | (1L << 2) | (1L << 4) | (1L << 8) | (1L << 16);

    private final String name;
    private final Allocator backing;
    private final MemorySegment memory;
    private final long slabBytes;
    private final int slabShift;
    private final long[] classBytes;
    private final int[] capacity;
    /** Class of a request of {@code 16 * i} bytes or fewer (alignment &le; 16), for i = 0..max/16. */
    private final byte[] classByQuanta;
    private final long maxSmallBytes;

    /** Slabs the per-slab arrays of a fresh allocator cover: 4 MiB of heap at 64 KiB slabs. */
    private static final int INITIAL_SLABS = 64;

    private final int[] partialHead;
    /** Empty slabs waiting for reuse by any class: {@code slabCache[0..cachedSlabCount)}, the newest last. */
    private final int[] slabCache;
    private int cachedSlabCount;
    /** The most slabs the backing heap holds: the per-slab arrays never grow past it. */
    private final int maxSlabs;
    private short[] slabClass;
    /**
     * Per slab: its free list's first object plus one (0 = empty list), above {@link #COUNT_BITS} bits counting the
     * objects it still has room for (free-listed or never carved).
     */
    private long[] slabState;
    private long[] bumpNext;
    private int[] next;
    private int[] prev;
    private final StatsCounter stats = new StatsCounter();

    /**
     * @param name      the registered name
     * @param spacing   the size classes; the largest must be at most {@code slabBytes}
     * @param slabBytes slab size in bytes, a power of two
     * @param backing   supplies slabs and large blocks; a heaplab research allocator with a bounded heap (its
     *                  addresses are offsets into its heap); closed with this allocator
     * @throws IllegalArgumentException if the slab size is not a power of two, a class does not fit a slab, a slab
     *                                  holds more than 65535 objects of the smallest class, there are more than 127
     *                                  classes, or the backing heap is unbounded
     */
    public SizeClassAllocator(String name, SizeClassSpacing spacing, long slabBytes, Allocator backing) {
        this(name, spacing, slabBytes, 0, backing);
    }

    /**
     * Size classes whose empty slabs wait in a cache of up to {@code cachedSlabs} slabs (any class) before they go
     * back to the backing allocator; see "Slab cache" above.
     *
     * @param name        the registered name
     * @param spacing     the size classes; the largest must be at most {@code slabBytes}
     * @param slabBytes   slab size in bytes, a power of two
     * @param cachedSlabs how many empty slabs the cache holds, {@code 0..65536}; 0 = no cache
     * @param backing     supplies slabs and large blocks; a heaplab research allocator with a bounded heap; closed
     *                    with this allocator
     * @throws IllegalArgumentException as {@link #SizeClassAllocator(String, SizeClassSpacing, long, Allocator)}
     *                                  does, or if {@code cachedSlabs} is out of range
     */
    public SizeClassAllocator(String name, SizeClassSpacing spacing, long slabBytes, int cachedSlabs,
                              Allocator backing) {
        if (cachedSlabs < 0 || cachedSlabs > 65536) {
            throw new IllegalArgumentException("the slab cache holds 0 to 65536 slabs: " + cachedSlabs);
        }
        if (slabBytes <= 0 || Long.bitCount(slabBytes) != 1 || spacing.maxClassBytes() > slabBytes
            || slabBytes / spacing.classBytes()[0] > COUNT_MASK) {
            throw new IllegalArgumentException("slab size must be a power of two holding the largest class and at"
                + " most 65535 of the smallest: " + slabBytes);
        }
        if (spacing.classCount() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("at most 127 size classes: " + spacing.classCount());
        }
        if (backing.heapBytes() <= 0) {
            throw new IllegalArgumentException("the backing allocator needs a bounded heap: " + backing.name());
        }
        this.name = name;
        this.backing = backing;
        this.slabCache = new int[cachedSlabs];
        this.memory = backing.memory();
        this.slabBytes = slabBytes;
        this.slabShift = Long.numberOfTrailingZeros(slabBytes);
        this.classBytes = spacing.classBytes();
        this.maxSmallBytes = spacing.maxClassBytes();
        this.capacity = new int[classBytes.length];
        for (int c = 0; c < classBytes.length; c++) {
            capacity[c] = (int) (slabBytes / classBytes[c]);
        }
        this.classByQuanta = new byte[(int) (maxSmallBytes / SizeClassSpacing.QUANTUM_BYTES) + 1];
        for (int q = 0, c = 0; q < classByQuanta.length; q++) {
            while (classBytes[c] < q * SizeClassSpacing.QUANTUM_BYTES) {
                c++;
            }
            classByQuanta[q] = (byte) c;
        }
        this.maxSlabs = (int) Math.min(Integer.MAX_VALUE - 8, (backing.heapBytes() >>> slabShift) + 1);
        this.partialHead = new int[classBytes.length];
        resizeSlabArrays(Math.min(maxSlabs, INITIAL_SLABS));
        Arrays.fill(partialHead, NO_SLAB);
    }

    /**
     * Grows the per-slab arrays to hold slab {@code s}: at least double, at most {@code maxSlabs}.
     *
     * @throws IllegalStateException if the Java heap cannot hold them
     */
    private void growSlabArrays(int s) {
        int slabs = (int) Math.min(maxSlabs, Math.max(s + 1L, 2L * slabClass.length));
        try {
            resizeSlabArrays(slabs);
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("cannot grow the heap metadata (slab arrays) to " + 26L * slabs
                + " bytes: the Java heap (-Xmx) is too small for this footprint", e);
        }
    }

    /** Copies the per-slab arrays into arrays of {@code slabs} entries (truncating or zero-extending them). */
    private void resizeSlabArrays(int slabs) {
        slabClass = slabClass == null ? new short[slabs] : Arrays.copyOf(slabClass, slabs);
        slabState = slabState == null ? new long[slabs] : Arrays.copyOf(slabState, slabs);
        bumpNext = bumpNext == null ? new long[slabs] : Arrays.copyOf(bumpNext, slabs);
        next = next == null ? new int[slabs] : Arrays.copyOf(next, slabs);
        prev = prev == null ? new int[slabs] : Arrays.copyOf(prev, slabs);
    }

    /** {@return the class serving {@code (byteSize, byteAlignment)}, or LARGE} Requires a valid, non-zero size. */
    private int classOf(long byteSize, long byteAlignment) {
        if (byteAlignment <= SizeClassSpacing.QUANTUM_BYTES) {
            return byteSize <= maxSmallBytes ? classByQuanta[(int) ((byteSize + 15) >>> 4)] : LARGE;
        }
        long bytes = Math.max(byteSize, byteAlignment);
        if (bytes > maxSmallBytes) {
            return LARGE;
        }
        for (int c = classByQuanta[(int) ((bytes + 15) >>> 4)]; c < classBytes.length; c++) {
            if ((classBytes[c] & (byteAlignment - 1)) == 0) {
                return c;
            }
        }
        return LARGE;
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
        return backing.heapBytes();
    }

    /** {@return the allocator that supplies slabs and large blocks} */
    public Allocator backing() {
        return backing;
    }

    /**
     * {@return whether {@code (byteSize, byteAlignment)} is a valid layout of 1 to {@code maxSmallBytes} bytes aligned
     * to at most 16}: the hot path's requests, told apart with two unsigned comparisons and one bit test, so that they
     * need no separate {@link Layout#check}.
     */
    private boolean isSmallQuantumAligned(long byteSize, long byteAlignment) {
        return Long.compareUnsigned(byteSize - 1, maxSmallBytes) < 0
            && Long.compareUnsigned(byteAlignment - 1, SizeClassSpacing.QUANTUM_BYTES) < 0
            && ((QUANTUM_ALIGNMENTS >>> byteAlignment) & 1) != 0;
    }

    /**
     * {@return the class serving a request, {@code LARGE}, or {@code ZERO_SIZE}} Checks the layout, except on the
     * hot path, where {@link #isSmallQuantumAligned} already proves it valid.
     *
     * @throws io.heaplab.alloc.LayoutException if the layout is invalid
     */
    private int checkedClassOf(long byteSize, long byteAlignment) {
        if (isSmallQuantumAligned(byteSize, byteAlignment)) {
            return classByQuanta[(int) ((byteSize + 15) >>> 4)];
        }
        Layout.check(byteSize, byteAlignment);
        return byteSize == 0 ? ZERO_SIZE : classOf(byteSize, byteAlignment);
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        int c = checkedClassOf(byteSize, byteAlignment);
        if (c == ZERO_SIZE) {
            return byteAlignment;
        }
        long address = c == LARGE ? largeAllocate(byteSize, byteAlignment) : take(c);
        if (address == FAILED) {
            stats.failed();
            return FAILED;
        }
        stats.allocated(byteSize, c == LARGE ? backing.usableSize(address, byteSize, byteAlignment) : classBytes[c]);
        return address;
    }

    /** {@return an object of class {@code c}, or FAILED if no slab can be had} */
    private long take(int c) {
        int s = partialHead[c];
        if (s == NO_SLAB) {
            s = newSlab(c);
            if (s == NO_SLAB) {
                return FAILED;
            }
        }
        long state = slabState[s];
        long object = (state >>> COUNT_BITS) - 1;
        if (object != NONE) {
            long following = memory.get(WORD, object);
            if (following != NONE && following >>> slabShift != s) {
                throw corrupted(object, following);
            }
            state = ((following + 1) << COUNT_BITS) | (state & COUNT_MASK);
        } else {
            object = bumpNext[s];
            bumpNext[s] = object + classBytes[c];
        }
        slabState[s] = --state;
        if ((state & COUNT_MASK) == 0) {
            unlink(c, s);
        }
        return object;
    }

    /** {@return the exception for a free object whose link leaves its slab} */
    private IllegalStateException corrupted(long object, long link) {
        return new IllegalStateException("heap metadata corrupted: " + name + ": the free object at " + object
            + " links to " + link + ", outside its slab");
    }

    /**
     * Checks that {@code object} can be a live object of class {@code c}: 16-byte aligned, in a slab serving
     * {@code c}.
     *
     * @throws IllegalArgumentException if it cannot; nothing has changed then
     */
    private void checkSmallObject(int c, long object) {
        long s = object >>> slabShift;
        if ((object & (SizeClassSpacing.QUANTUM_BYTES - 1)) != 0 || s >= slabClass.length
            || slabClass[(int) s] != c + 1) {
            throw new IllegalArgumentException("not a live block of " + name + ": " + object + " is not a "
                + SizeClassSpacing.QUANTUM_BYTES + "-byte aligned address in a slab of " + classBytes[c]
                + "-byte objects");
        }
    }

    /**
     * Allocates from the backing allocator; if that fails while empty slabs are retained, returns them and tries
     * once more, so that the retained slabs never cost capacity. {@return the block or FAILED}
     */
    private long backingAllocate(long byteSize, long byteAlignment) {
        long address = backing.allocate(byteSize, byteAlignment);
        if (address == FAILED && releaseEmptySlabs()) {
            address = backing.allocate(byteSize, byteAlignment);
        }
        return address;
    }

    /** Returns every retained empty slab to the backing allocator; {@return whether there was any} */
    private boolean releaseEmptySlabs() {
        boolean released = false;
        for (int c = 0; c < partialHead.length; c++) {
            long steps = 0;
            for (int s = partialHead[c]; s != NO_SLAB; ) {
                if (++steps > slabClass.length) {
                    throw new IllegalStateException("heap metadata corrupted: " + name + ": the slab list of class "
                        + c + " has a cycle");
                }
                int following = next[s];
                if ((slabState[s] & COUNT_MASK) == capacity[c]) {
                    unlink(c, s);
                    retire(s);
                    released = true;
                }
                s = following;
            }
        }
        return releaseCachedSlabs() | released; // last: retire() above may have cached slabs
    }

    private int newSlab(int c) {
        long base;
        if (cachedSlabCount > 0) {
            base = (long) slabCache[--cachedSlabCount] << slabShift;
        } else {
            base = backingAllocate(slabBytes, slabBytes);
            if (base == FAILED) {
                return NO_SLAB;
            }
        }
        int s = (int) (base >>> slabShift);
        if (s >= slabClass.length) {
            growSlabArrays(s);
        }
        slabClass[s] = (short) (c + 1);
        slabState[s] = capacity[c];
        bumpNext[s] = base;
        push(c, s);
        return s;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        int c = checkedClassOf(byteSize, byteAlignment);
        if (c == ZERO_SIZE) {
            return;
        }
        if (c == LARGE) {
            long granted = backing.usableSize(address, byteSize, byteAlignment);
            backing.deallocate(address, byteSize, byteAlignment);
            stats.deallocated(byteSize, granted);
        } else {
            checkSmallObject(c, address);
            stats.deallocated(byteSize, classBytes[c]);
            give(c, address);
        }
    }

    private void give(int c, long object) {
        int s = (int) (object >>> slabShift);
        long state = slabState[s];
        memory.set(WORD, object, (state >>> COUNT_BITS) - 1);
        int room = (int) (state & COUNT_MASK) + 1;
        slabState[s] = ((object + 1) << COUNT_BITS) | room;
        if (room == 1) {
            push(c, s);
        }
        if (room == capacity[c]) {
            long base = (long) s << slabShift;
            if (partialHead[c] != s || next[s] != NO_SLAB) {
                unlink(c, s);
                retire(s);
            } else {
                slabState[s] = room; // the retained slab is carved afresh, in address order
                bumpNext[s] = base;
            }
        }
    }

    /** Puts slab {@code s}, unlinked and empty, in the slab cache, or if that is full returns it to the backing. */
    private void retire(int s) {
        slabClass[s] = 0;
        if (cachedSlabCount < slabCache.length) {
            slabCache[cachedSlabCount++] = s;
        } else {
            backing.deallocate((long) s << slabShift, slabBytes, slabBytes);
        }
    }

    /** Returns every cached slab to the backing allocator; {@return whether there was any} */
    private boolean releaseCachedSlabs() {
        boolean released = cachedSlabCount > 0;
        while (cachedSlabCount > 0) {
            backing.deallocate((long) slabCache[--cachedSlabCount] << slabShift, slabBytes, slabBytes);
        }
        return released;
    }

    /** Allocates a large block: the slab cache is emptied first, so that its slabs can serve it by coalescing. */
    private long largeAllocate(long byteSize, long byteAlignment) {
        releaseCachedSlabs();
        return backingAllocate(byteSize, byteAlignment);
    }

    private void push(int c, int s) {
        int head = partialHead[c];
        next[s] = head;
        prev[s] = NO_SLAB;
        if (head != NO_SLAB) {
            prev[head] = s;
        }
        partialHead[c] = s;
    }

    private void unlink(int c, int s) {
        int n = next[s];
        int p = prev[s];
        if (p == NO_SLAB) {
            partialHead[c] = n;
        } else {
            next[p] = n;
        }
        if (n != NO_SLAB) {
            prev[n] = p;
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
        int oldClass = classOf(oldByteSize, byteAlignment);
        int newClass = classOf(newByteSize, byteAlignment);
        if (oldClass != LARGE) {
            checkSmallObject(oldClass, address);
        }
        long oldGranted = oldClass == LARGE ? backing.usableSize(address, oldByteSize, byteAlignment)
                                            : classBytes[oldClass];
        if (oldClass != LARGE && oldClass == newClass) {
            stats.reallocated(true, oldByteSize, oldGranted, newByteSize, oldGranted);
            return address;
        }
        long moved;
        if (oldClass == LARGE && newClass == LARGE) {
            releaseCachedSlabs();
            moved = backing.reallocate(address, oldByteSize, byteAlignment, newByteSize);
            if (moved == FAILED && releaseEmptySlabs()) {
                moved = backing.reallocate(address, oldByteSize, byteAlignment, newByteSize);
            }
        } else {
            moved = newClass == LARGE ? largeAllocate(newByteSize, byteAlignment) : take(newClass);
            if (moved != FAILED) {
                MemorySegment.copy(memory, address, memory, moved, Math.min(oldByteSize, newByteSize));
                if (oldClass == LARGE) {
                    backing.deallocate(address, oldByteSize, byteAlignment);
                } else {
                    give(oldClass, address);
                }
            }
        }
        if (moved == FAILED) {
            stats.failed();
            return FAILED;
        }
        long newGranted = newClass == LARGE ? backing.usableSize(moved, newByteSize, byteAlignment)
                                            : classBytes[newClass];
        stats.reallocated(moved == address, oldByteSize, oldGranted, newByteSize, newGranted);
        return moved;
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        if (byteSize == 0) {
            return 0;
        }
        int c = classOf(byteSize, byteAlignment);
        return c == LARGE ? backing.usableSize(address, byteSize, byteAlignment) : classBytes[c];
    }

    @Override
    public AllocatorStats stats() {
        AllocatorStats below = backing.stats();
        stats.reached(below.footprintBytes());
        long arrays = 4L * slabCache.length + 4L * partialHead.length + 2L * slabClass.length
            + 8L * slabState.length + 8L * bumpNext.length + 4L * next.length + 4L * prev.length + classByQuanta.length;
        return stats.snapshot(stats.footprintBytes() - stats.liveGrantedBytes(),
            largestServedInPlace(below.largestFreeBlockBytes()), backing.heapBytes(), below.metadataBytes() + arrays);
    }

    /**
     * {@return the largest request served without raising the footprint}: the backing allocator's largest free block
     * if a request of that size goes to it (it is larger than the largest class); otherwise requests of that size go
     * to slabs, so the largest class that has room in a slab, or the largest class if a cached slab can serve any.
     *
     * @param backingLargest the backing allocator's largest free block in bytes, or -1 if unknown
     */
    private long largestServedInPlace(long backingLargest) {
        if (backingLargest < 0 || backingLargest > maxSmallBytes) {
            return backingLargest;
        }
        if (cachedSlabCount > 0) {
            return maxSmallBytes;
        }
        for (int c = classBytes.length - 1; c >= 0; c--) {
            if (partialHead[c] != NO_SLAB) {
                return classBytes[c];
            }
        }
        return 0;
    }

    /** Returns every retained empty slab to the backing allocator. */
    @Override
    public void trim() {
        releaseEmptySlabs();
    }

    @Override
    public void reset() {
        backing.reset();
        Arrays.fill(partialHead, NO_SLAB);
        cachedSlabCount = 0;
        Arrays.fill(slabClass, (short) 0); // no slab is live any more; the arrays keep their size
        stats.clear();
    }

    @Override
    public void close() {
        backing.close();
    }

    @Override
    public String toString() {
        return name + "[classes=" + classBytes.length + ", max=" + maxSmallBytes + ", slab=" + slabBytes
            + ", backing=" + backing + "]";
    }
}
