package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * Each allocator over the whole suite of workloads: the summary under the per-workload tables.
 *
 * <ul>
 *   <li>{@code geomeanRatio}: the geometric mean over workloads of the allocator's throughput ratio to the
 *       baseline ({@code exp} of the mean of the per-workload log-ratios), with a 95 % interval from Student's t
 *       over those log-ratios ({@code exp(mean ± t(0.975, k-1) s / sqrt(k))}, {@code k} workloads). The interval
 *       says how consistent the allocator is across workloads, not how precise one workload's figure is.</li>
 *   <li>{@code meanUtilization}: the arithmetic mean of its utilization over the workloads where it was
 *       observable.</li>
 *   <li>Only {@code ok} pairs count (not degraded, failed or unavailable ones): {@code workloads} says on how
 *       many workloads the ratio rests.</li>
 *   <li>{@code fastest}: the allocator with the highest geometric-mean ratio among those measured on every
 *       workload, then every such allocator whose per-workload log-ratios are not significantly different from its
 *       (paired t-test, p &gt;= 0.05); more than one is a tie. {@code leastWasteful}: the same by mean utilization
 *       (a tie is equal to 0.1 percentage point).</li>
 * </ul>
 *
 * @param baseline      the baseline allocator, or empty when there was none (then there are no ratios)
 * @param workloads     how many workloads the suite has
 * @param allocators    one entry per allocator, in the order measured
 * @param fastest       the overall fastest and those tied with it; empty without a baseline
 * @param leastWasteful the overall least wasteful and those tied with it
 * @implSpec Immutable.
 */
public record SuiteSummary(String baseline, int workloads, List<Entry> allocators, List<String> fastest,
                           List<String> leastWasteful) {

    /**
     * One allocator over the suite.
     *
     * @param allocator            its name
     * @param ratioWorkloads       workloads its ratio rests on
     * @param geomeanRatio         geometric mean of the throughput ratio to the baseline, or NaN
     * @param ci95Low              lower bound of its 95 % interval, or NaN with fewer than two workloads
     * @param ci95High             upper bound of its 95 % interval, or NaN with fewer than two workloads
     * @param meanUtilization      mean utilization, or NaN where never observable (native allocators)
     * @param utilizationWorkloads workloads the utilization mean rests on
     */
    public record Entry(String allocator, int ratioWorkloads, double geomeanRatio, double ci95Low, double ci95High,
                        double meanUtilization, int utilizationWorkloads) {
    }

    /** Checks for nulls and copies the lists. */
    public SuiteSummary {
        Objects.requireNonNull(baseline, "baseline");
        allocators = List.copyOf(allocators);
        fastest = List.copyOf(fastest);
        leastWasteful = List.copyOf(leastWasteful);
    }
}
