package io.heaplab.workloads.inject;

/**
 * The ground truth of one injected fault.
 *
 * @param position the 0-based position in the injected trace of the faulty operation (for {@link FaultKind#LEAK},
 *                 of the operation that followed the removed free)
 * @param kind     what was injected
 * @param id       the block id the fault concerns, as it appears in the injected trace
 */
public record FaultLabel(long position, FaultKind kind, long id) {
}
