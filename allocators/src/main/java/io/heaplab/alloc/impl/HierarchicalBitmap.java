package io.heaplab.alloc.impl;

/**
 * A fixed-size set of bits with fast "next set bit at or after i" and "previous set bit at or before i" queries:
 * the out-of-band index behind the free-list and buddy allocators.
 *
 * <h2>Layout</h2>
 * <pre>
 *   level[0]: one bit per element                     (n bits)
 *   level[1]: bit j set iff word j of level[0] != 0    (n/64 bits)
 *   level[2]: bit j set iff word j of level[1] != 0    (n/4096 bits)
 *   ...       until a level fits in one word
 * </pre>
 * A query looks at one word per level going up and one per level going down, so it costs O(log<sub>64</sub> n)
 * word reads: 5 levels cover 2<sup>30</sup> elements (16 GiB of heap at 16-byte granules).
 *
 * <h2>Invariant</h2> For every level k &gt; 0, bit j of level k is set iff word j of level k-1 is non-zero.
 *
 * @implSpec Not thread-safe. Allocates only in the constructor.
 */
final class HierarchicalBitmap {

    private final long[][] levels;
    private final long size;

    /**
     * @param size number of bits, positive; indexes are {@code 0 <= i < size}
     * @throws IllegalArgumentException if {@code size} is not positive or too large for Java arrays
     */
    HierarchicalBitmap(long size) {
        if (size <= 0 || (size + 63) >>> 6 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bitmap size out of range: " + size);
        }
        this.size = size;
        int depth = 1;
        for (long words = (size + 63) >>> 6; words > 1; words = (words + 63) >>> 6) {
            depth++;
        }
        levels = new long[depth][];
        long bits = size;
        for (int k = 0; k < depth; k++) {
            levels[k] = new long[(int) ((bits + 63) >>> 6)];
            bits = levels[k].length;
        }
    }

    /** {@return the number of bits} */
    long size() {
        return size;
    }

    /** {@return the bytes of Java heap the bitmap occupies, for statistics} */
    long byteSize() {
        long bytes = 0;
        for (long[] level : levels) {
            bytes += 16L + 8L * level.length;
        }
        return bytes;
    }

    /** {@return whether bit {@code i} is set} @param i index, {@code 0 <= i < size} */
    boolean get(long i) {
        return (levels[0][(int) (i >>> 6)] & (1L << i)) != 0;
    }

    /** {@return the 64 bits {@code 64 * wordIndex .. 64 * wordIndex + 63} as one word} @param wordIndex word number */
    long word(long wordIndex) {
        return levels[0][(int) wordIndex];
    }

    /** {@return the number of 64-bit words at the lowest level} */
    long wordCount() {
        return levels[0].length;
    }

    /** {@return whether no bit is set} */
    boolean isEmpty() {
        return levels[levels.length - 1][0] == 0;
    }

    /** Sets bit {@code i}. @param i index, {@code 0 <= i < size} */
    void set(long i) {
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

    /** Clears every bit. */
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
        if (from >= size) {
            from = size - 1;
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
