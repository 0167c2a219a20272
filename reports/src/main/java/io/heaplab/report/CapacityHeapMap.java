package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * The blocks of one recorded {@code teach capacity} case (one allocator, one way of growing the Vec), as the lesson
 * page's heap map draws them: address × push index, the vector's current block, the blocks it abandoned when a
 * reallocation moved it, and the live neighbour blocks. Filled by the harness from a recorded lesson run.
 *
 * @param allocator          the allocator
 * @param caseKey            {@code new}, {@code with_capacity} or {@code reserve_exact_1}
 * @param pushes             pushes of the run (n): the horizontal axis runs from 0 to n
 * @param abandonedBlocks    blocks the vector moved away from (its moving reallocations), exact
 * @param reusesFreedMemory  false for an allocator that never reuses a freed block (bump): abandoned blocks stay
 *                           stranded
 * @param truncated          whether the run had more blocks than {@code blocks} holds
 * @param blocks             the recorded blocks
 * @implSpec Immutable.
 */
public record CapacityHeapMap(String allocator, String caseKey, long pushes, long abandonedBlocks,
                              boolean reusesFreedMemory, boolean truncated, List<Block> blocks) {

    /**
     * One block.
     *
     * @param address   offset in the heap, in bytes
     * @param byteSize  size in bytes
     * @param fromPush  the push during which it was allocated
     * @param toPush    the push during which the vector left it, or n if still held at the end
     * @param neighbour a neighbour block rather than a vector buffer
     * @param abandoned the vector moved away from it (freed by a moving reallocation)
     */
    public record Block(long address, long byteSize, long fromPush, long toPush, boolean neighbour,
                        boolean abandoned) {
    }

    /** Checks for nulls and copies the blocks. */
    public CapacityHeapMap {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(caseKey, "caseKey");
        blocks = List.copyOf(blocks);
    }
}
