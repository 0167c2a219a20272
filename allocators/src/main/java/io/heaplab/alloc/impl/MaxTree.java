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
 * <h2>Invariant</h2> Every inner node holds the maximum of its two children.
 *
 * @implSpec Not thread-safe. Allocates only in the constructor.
 */
final class MaxTree {

    private final long[] node;
    private final int leaves;

    /**
     * @param size number of slots, positive
     * @throws IllegalArgumentException if {@code size} is not positive or above 2<sup>29</sup>
     */
    MaxTree(long size) {
        if (size <= 0 || size > (1L << 29)) {
            throw new IllegalArgumentException("max tree size out of range: " + size);
        }
        int n = 1;
        while (n < size) {
            n <<= 1;
        }
        leaves = n;
        node = new long[2 * n];
    }

    /** {@return the Java heap bytes the tree occupies} */
    long byteSize() {
        return 16L + 8L * node.length;
    }

    /** {@return the value of slot {@code slot}} @param slot slot index */
    long get(long slot) {
        return node[leaves + (int) slot];
    }

    /**
     * Sets slot {@code slot} to {@code value}, updating ancestors until one is unchanged.
     *
     * @param slot  slot index, {@code 0 <= slot < size}
     * @param value new value, non-negative
     */
    void set(long slot, long value) {
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

    /** Sets every slot to 0. */
    void clear() {
        java.util.Arrays.fill(node, 0L);
    }
}
