package io.heaplab.alloc;

import java.util.List;

/**
 * A generated test case of the allocator contract: a heap size, the steps to replay, and how to free what is left.
 *
 * @param heapBytes     heap capacity in bytes of the allocator under test
 * @param ops           the steps, see {@link AllocOp}
 * @param freeOrderSeed seeds the shuffled order in which the blocks still live after the last step are freed
 *                      (ignored in LIFO mode)
 * @param lifo          LIFO mode: every pick means the newest live block, and the rest is freed newest first
 */
record OpSequence(long heapBytes, List<AllocOp> ops, long freeOrderSeed, boolean lifo) {

    OpSequence {
        ops = List.copyOf(ops);
    }

    /** {@return one step per line, numbered, so that a shrunk counterexample can be replayed by hand} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(64 + 24 * ops.size());
        text.append("heap ").append(heapBytes).append(" B, ").append(ops.size())
            .append(lifo ? " ops (LIFO: every #k is the newest live block):"
                : " ops (#k = live block k mod n, oldest first):");
        for (int i = 0; i < ops.size(); i++) {
            text.append(System.lineSeparator()).append(String.format("  %3d  ", i)).append(ops.get(i));
        }
        text.append(System.lineSeparator());
        return (lifo ? text.append("  then free the rest newest first")
            : text.append("  then free the rest (shuffle seed ").append(freeOrderSeed).append(')')).toString();
    }
}
