package io.heaplab.alloc.impl;

/**
 * A max segment tree over a fixed number of slots: set a slot's value, and find the first slot at or after a
 * position whose value is at least a threshold, both in O(log n). The free-list allocator keeps, per 64-granule
 * word of its head bitmap, the largest free block starting there, so that address-ordered first fit finds the
 * first block big enough without visiting the smaller ones.
 *
 * <h2>Layout</h2>
 * An implicit binary tree in one array: node 1 is the root, node {@code i} has children {@code 2i} and
 * {@code 2i+1}, slot {@code k} is leaf {@code leaves + k}; slots past {@code size} hold 0.
 *
 * <h2>Growth</h2>
 * The tree holds {@code leaves} slots, a power of two that starts at {@value #INITIAL_LEAVES} (or {@code size} if
 * smaller) and doubles when a slot past it is set (slots past it read as 0), so its size follows the highest slot
 * in use, not {@code size}. Growing copies the leaves and rebuilds the inner nodes: amortised O(1) per slot.
 *
 * <h2>Invariant</h2> Every inner node holds the maximum of its two children.
 *
 * @implSpec Not thread-safe. Allocates only in the constructor and in {@link #set} when it grows.
 */
final class MaxTree {

    /** Slots of a fresh tree: 64 words of a head bitmap, 4096 granules (64 KiB of heap at 16-byte granules). */
    static final int INITIAL_LEAVES = 64;

    private long[] node;
    private int leaves;
    /** The power of two at or above {@code size}: the most leaves the tree grows to. */
    private final long maxLeaves;

    /**
     * @param size number of slots, positive
     * @throws IllegalArgumentException if {@code size} is not positive or above 2<sup>31</sup>
     */
    MaxTree(long size) {
        if (size <= 0 || size > (1L << 31)) {
            throw new IllegalArgumentException("max tree size out of range: " + size);
        }
        long n = 1;
        while (n < size) {
            n <<= 1;
        }
        maxLeaves = n;
        leaves = (int) Math.min(n, INITIAL_LEAVES);
        node = new long[2 * leaves];
    }

    /**
     * Grows the tree to hold slot {@code slot}: at least double, at most {@code maxLeaves}.
     *
     * @throws IllegalStateException if the Java heap cannot hold the grown tree (nothing changed then)
     */
    private void grow(long slot) {
        long n = 2L * leaves;
        while (n <= slot && n < maxLeaves) {
            n <<= 1;
        }
        long[] grown;
        try {
            if (2 * n > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("more than 2^30 slots");
            }
            grown = new long[(int) (2 * n)];
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("cannot grow the heap metadata (a max tree) to " + (16 * n)
                + " bytes: the Java heap (-Xmx) is too small for this footprint", e);
        }
        int leaves = (int) n;
        System.arraycopy(node, this.leaves, grown, leaves, this.leaves);
        for (int i = leaves - 1; i >= 1; i--) {
            grown[i] = Math.max(grown[2 * i], grown[2 * i + 1]);
        }
        this.node = grown;
        this.leaves = leaves;
    }

    /** {@return the Java heap bytes the tree occupies} */
    long byteSize() {
        return 16L + 8L * node.length;
    }

    /** {@return the value of slot {@code slot}} @param slot slot index */
    long get(long slot) {
        return slot < leaves ? node[leaves + (int) slot] : 0L;
    }

    /**
     * Sets slot {@code slot} to {@code value}, updating ancestors until one is unchanged; grows the tree first if the
     * slot lies past it and the value is not 0.
     *
     * @param slot  slot index, {@code 0 <= slot < size}
     * @param value new value, non-negative
     */
    void set(long slot, long value) {
        if (slot >= leaves) {
            if (value == 0) {
                return; // past the capacity every slot is 0 already
            }
            grow(slot);
        }
        long[] node = this.node;
        int i = leaves + (int) slot;
        node[i] = value;
        for (i >>>= 1; i >= 1; i >>>= 1) {
            long max = Math.max(node[2 * i], node[2 * i + 1]);
            if (node[i] == max) {
                return;
            }
            node[i] = max;
        }
    }

    /**
     * {@return the smallest slot {@code >= from} whose value is {@code >= threshold}, or -1 if there is none}
     *
     * @param from      first slot to consider, non-negative
     * @param threshold the value to reach, positive
     */
    long firstAtLeast(long from, long threshold) {
        if (from >= leaves) {
            return -1;
        }
        long[] node = this.node;
        int leaves = this.leaves;
        int i = leaves + (int) from;
        while (node[i] < threshold) {
            while ((i & 1) == 1) {
                i >>>= 1; // climb while a right child: everything below is exhausted
            }
            if (i == 0) {
                return -1;
            }
            i++; // the right sibling covers the next slots
        }
        while (i < leaves) {
            i = node[2 * i] >= threshold ? 2 * i : 2 * i + 1;
        }
        return i - leaves;
    }

    /** Sets every slot to 0, keeping the tree's size: refilling it then allocates nothing. */
    void clear() {
        java.util.Arrays.fill(node, 0L);
    }
}
