package io.heaplab.report;

/**
 * What a replay did, counted by the replay engine (identically for every allocator).
 *
 * @param ops                 operations in the trace
 * @param allocs              successful allocations
 * @param frees               frees replayed (frees of blocks whose allocation failed are skipped and not counted)
 * @param reallocsInPlace     reallocations that kept the block's address
 * @param reallocsMoved       reallocations that returned a different address
 * @param failedAllocations   allocations and reallocations that returned {@code FAILED}
 * @param skippedOps          frees and reallocations skipped because the block's allocation had failed
 * @param traceErrors         operations that broke the trace's rules (free or realloc of an id that is not live,
 *                            alloc of a live id), counted and skipped
 * @param verifyErrors        blocks whose contents were found changed on free or realloc (0 unless verification ran)
 * @implSpec Immutable.
 */
public record OperationCounts(long ops, long allocs, long frees, long reallocsInPlace, long reallocsMoved,
                              long failedAllocations, long skippedOps, long traceErrors, long verifyErrors) {

    /** {@return all successful reallocations} */
    public long reallocs() {
        return reallocsInPlace + reallocsMoved;
    }
}
