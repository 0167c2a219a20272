package io.heaplab.alloc.impl;

/**
 * A set of bits over {@code 0 <= i < size} with fast "next set bit at or after i" and "previous set bit at or before
 * i" queries: the out-of-band index behind the free-list and buddy allocators. Storage grows with the highest bit
 * ever set, not with {@code size}, so a bitmap over a 1 TiB heap costs what the part of the heap in use costs.
 *
 * <h2>Layout</h2>
 * <pre>
 *   level[0]: one bit per element, the first 64 * capacityWords of them   (capacityWords words)
 *   level[1]: bit j set iff word j of level[0] != 0                      (capacityWords/64 words)
 *   level[2]: bit j set iff word j of level[1] != 0
 *   ...       until a level fits in one word
 * </pre>
 * A query looks at one word per level going up and one per level going down, so it costs O(log<sub>64</sub> n)
 * word reads: 5 levels cover 2<sup>30</sup> elements (16 GiB of heap at 16-byte granules).
 *
 * <h2>Growth</h2>
 * Bits at or past {@code 64 * capacityWords} read as clear. {@link #set} of such a bit first grows every level to
 * at least double its capacity (capped at what {@code size} needs), copying level 0 and rebuilding the levels above
 * it: amortised O(1) per bit, and the only allocation after construction. The check is one comparison of the word
 * index with level 0's length. {@link #clearAll()} keeps the capacity, so that an allocator reset and refilled to
 * the same footprint (a benchmark's next run) allocates nothing.
 *
 * <h2>Invariant</h2> For every level k &gt; 0, bit j of level k is set iff word j of level k-1 is non-zero.
 *
 * @implSpec Not thread-safe. Allocates only in the constructor and in {@link #set} when it grows.
 */
final class HierarchicalBitmap {

    /** The most bits a bitmap can hold: level 0 is one Java array of longs. */
    static final long MAX_BITS = (Integer.MAX_VALUE - 8L) << 6;
    /** Words of level 0 a fresh bitmap holds: 4096 bits (64 KiB of heap at 16-byte granules) in 512 bytes. */
    static final int INITIAL_WORDS = 64;

    /** Level 0 first; replaced as a whole when the bitmap grows. */
    private long[][] levels;
    /** {@code levels[0]}, the words read on the hot path. */
    private long[] bottom;
    private final long size;
    /** Words level 0 needs for {@code size} bits: the most it grows to. */
    private final int maxWords;

    /**
     * @param size number of bits, positive; indexes are {@code 0 <= i < size}
     * @throws IllegalArgumentException if {@code size} is not positive or above {@link #MAX_BITS}
     */
    HierarchicalBitmap(long size) {
        if (size <= 0 || size > MAX_BITS) {
            throw new IllegalArgumentException("bitmap size out of range: " + size);
        }
        this.size = size;
        this.maxWords = (int) ((size + 63) >>> 6);
        install(new long[Math.min(maxWords, INITIAL_WORDS)]);
    }

    /** Makes {@code level0} the bottom level and builds every level above it from it. */
    private void install(long[] level0) {
        int depth = 1;
        for (long words = level0.length; words > 1; words = (words + 63) >>> 6) {
            depth++;
        }
        long[][] built = new long[depth][];
        built[0] = level0;
        for (int k = 1; k < depth; k++) {
            long[] below = built[k - 1];
            long[] level = new long[(below.length + 63) >>> 6];
            for (int w = 0; w < below.length; w++) {
                if (below[w] != 0) {
                    level[w >>> 6] |= 1L << w;
                }
            }
            built[k] = level;
        }
        levels = built;
        bottom = level0;
    }

    /**
     * Grows level 0 to hold word {@code wordIndex}: at least double, at most {@code maxWords}.
     *
     * @throws IllegalStateException if the Java heap cannot hold the grown bitmap (nothing changed then)
     */
    private void grow(long wordIndex) {
        long words = Math.min(maxWords, Math.max(wordIndex + 1, 2L * bottom.length));
        try {
            install(java.util.Arrays.copyOf(bottom, (int) words));
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("cannot grow the heap metadata (a bitmap) to " + (8 * words)
                + " bytes: the Java heap (-Xmx) is too small for this footprint", e);
        }
    }

    /** {@return the number of bits} */
    long size() {
        return size;
    }

    /** {@return the bytes of Java heap the bitmap occupies now, for statistics} */
    long byteSize() {
        long bytes = 16L + 8L * levels.length;
        for (long[] level : levels) {
            bytes += 16L + 8L * level.length;
        }
        return bytes;
    }

    /** {@return whether bit {@code i} is set} @param i index, {@code 0 <= i < size} */
    boolean get(long i) {
        long w = i >>> 6;
        long[] words = bottom;
        return w < words.length && (words[(int) w] & (1L << i)) != 0;
    }

    /** {@return the 64 bits {@code 64 * wordIndex .. 64 * wordIndex + 63} as one word} @param wordIndex word number */
    long word(long wordIndex) {
        long[] words = bottom;
        return wordIndex < words.length ? words[(int) wordIndex] : 0L;
    }

    /** {@return the number of 64-bit words {@code size} bits take at the lowest level} */
    long wordCount() {
        return maxWords;
    }

    /** {@return whether no bit is set} */
    boolean isEmpty() {
        return levels[levels.length - 1][0] == 0;
    }

    /** Sets bit {@code i}, growing the bitmap if it lies past the capacity. @param i index, {@code 0 <= i < size} */
    void set(long i) {
        if (i >>> 6 >= bottom.length) {
            grow(i >>> 6);
        }
        for (long[] level : levels) {
            int w = (int) (i >>> 6);
            long before = level[w];
            level[w] = before | (1L << i);
            if (before != 0) {
                return;
            }
            i = w;
        }
    }

    /** Clears bit {@code i}. @param i index, {@code 0 <= i < size} */
    void clear(long i) {
        if (i >>> 6 >= bottom.length) {
            return; // past the capacity every bit is clear
        }
        for (long[] level : levels) {
            int w = (int) (i >>> 6);
            long after = level[w] & ~(1L << i);
            level[w] = after;
            if (after != 0) {
                return;
            }
            i = w;
        }
    }

    /** Clears every bit, keeping the capacity: refilling the bitmap then allocates nothing. */
    void clearAll() {
        for (long[] level : levels) {
            java.util.Arrays.fill(level, 0L);
        }
    }

    /**
     * {@return the smallest set index {@code >= from}, or -1 if there is none}
     *
     * @param from start index, {@code >= 0} (may be {@code >= size})
     */
    long nextSetBit(long from) {
        if (from >= size) {
            return -1;
        }
        int k = 0;
        long i = from;
        // Climb until a word holds a set bit at or after the position.
        while (true) {
            long[] level = levels[k];
            int w = (int) (i >>> 6);
            if (w >= level.length) {
                return -1;
            }
            long bits = level[w] & (-1L << i);
            if (bits != 0) {
                i = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
                break;
            }
            if (k == levels.length - 1) {
                return -1;
            }
            k++;
            i = w + 1L;
        }
        // Descend: each set bit names a non-zero word one level down.
        while (k > 0) {
            k--;
            long bits = levels[k][(int) i];
            i = (i << 6) + Long.numberOfTrailingZeros(bits);
        }
        return i;
    }

    /**
     * {@return the largest set index {@code <= from}, or -1 if there is none}
     *
     * @param from start index (may be negative, then -1 is returned)
     */
    long previousSetBit(long from) {
        if (from < 0) {
            return -1;
        }
        long capacityBits = (long) bottom.length << 6;
        if (from >= capacityBits) {
            from = capacityBits - 1; // past the capacity every bit is clear
        }
        int k = 0;
        long i = from;
        while (true) {
            long[] level = levels[k];
            int w = (int) (i >>> 6);
            long bits = level[w] & (-1L >>> (63 - (i & 63)));
            if (bits != 0) {
                i = ((long) w << 6) + 63 - Long.numberOfLeadingZeros(bits);
                break;
            }
            if (k == levels.length - 1 || w == 0) {
                return -1;
            }
            k++;
            i = w - 1L;
        }
        while (k > 0) {
            k--;
            long bits = levels[k][(int) i];
            i = (i << 6) + 63 - Long.numberOfLeadingZeros(bits);
        }
        return i;
    }
}
