package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * Which allocators did best on one workload: the "In short" line under its table.
 *
 * <ul>
 *   <li>Only pairs with status {@code ok} take part: a {@code degraded} pair (failed allocations) replayed a
 *       smaller workload than the others, so it is listed in {@code excluded} instead.</li>
 *   <li>{@code leastWasteful}: the allocators with the highest observable utilization; more than one is a tie
 *       (utilization is deterministic, so equal to the reported precision, 0.1 percentage point).</li>
 *   <li>{@code fastest}: the allocator with the highest mean throughput, followed by every allocator whose
 *       throughput is not significantly different from it (same test as the baseline comparison); more than one
 *       is a tie.</li>
 * </ul>
 *
 * @param workload        the workload's name
 * @param leastWasteful   the best allocators by utilization, best first; empty if none was observable
 * @param utilization     the best utilization, or NaN
 * @param fastest         the fastest allocator and those tied with it, fastest first; empty if none was timed
 * @param opsPerSecond    the fastest mean throughput, or NaN
 * @param excluded        allocators left out because allocations failed
 * @implSpec Immutable.
 */
public record WorkloadVerdict(String workload, List<String> leastWasteful, double utilization, List<String> fastest,
                             double opsPerSecond, List<String> excluded) {

    /** Checks for nulls and copies the lists. */
    public WorkloadVerdict {
        Objects.requireNonNull(workload, "workload");
        leastWasteful = List.copyOf(leastWasteful);
        fastest = List.copyOf(fastest);
        excluded = List.copyOf(excluded);
    }
}
