package io.heaplab.harness;

import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.report.BaselineComparison;
import io.heaplab.report.LatencySummary;
import io.heaplab.report.PairResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Combines the {@link ForkOutcome}s of one pair into a {@link PairResult}, and attaches baseline comparisons.
 *
 * <ul>
 *   <li>Memory measures and counts come from the measuring replay (run in the calling JVM, or in the first fork).</li>
 *   <li>Throughput pools every measured run of every fork into one sample set (n = forks × runs).</li>
 *   <li>Latency merges the forks' histograms; the timer overhead is the forks' mean.</li>
 *   <li>A clean replay with failed allocations is {@code DEGRADED}: measured, but never compared with the
 *       baseline nor named in a verdict, since it replayed less than the others.</li>
 * </ul>
 *
 * @implSpec Stateless.
 */
public final class PairResults {

    private PairResults() {
    }

    /**
     * {@return the result of one measured pair}
     *
     * @param spec     the allocator
     * @param workload the workload's name
     * @param replay   the measuring replay's outcome, or {@code null} to take it from the first fork outcome
     * @param outcomes one per fork (empty when the pair was not timed)
     * @param forks    how many forked JVMs (0 = measured in this JVM)
     * @param plan     the plan the forks ran
     * @throws IllegalArgumentException if there is neither a replay outcome nor a fork outcome
     */
    public static PairResult of(AllocatorSpec spec, String workload, ReplayOutcome replay, List<ForkOutcome> outcomes,
                                int forks, RunPlan plan) {
        if (replay == null && outcomes.isEmpty()) {
            throw new IllegalArgumentException("no outcomes for " + spec.name() + " on " + workload);
        }
        String kind = spec.kind().name().toLowerCase(Locale.ROOT);
        if (replay == null) {
            replay = outcomes.getFirst().replay();
        }
        List<Double> samples = new ArrayList<>();
        Histogram merged = null;
        double timer = 0;
        int every = 0;
        for (ForkOutcome o : outcomes) {
            for (double v : o.opsPerSecond()) {
                samples.add(v);
            }
            timer += o.timerOverheadNanos() / outcomes.size();
            if (o.latency() != null) {
                if (merged == null) {
                    merged = o.latency().copy();
                } else {
                    merged.add(o.latency());
                }
                every = o.latencySampleEvery();
            }
        }
        LatencySummary latency = merged == null ? LatencySummary.NONE
            : new LatencySummary(merged.getValueAtPercentile(50), merged.getValueAtPercentile(90),
                merged.getValueAtPercentile(99), merged.getValueAtPercentile(99.9), merged.getMaxValue(),
                merged.getTotalCount(), every, timer);
        double[] ops = samples.stream().mapToDouble(Double::doubleValue).toArray();
        PairResult.Status status = replay != null && !replay.clean() ? PairResult.Status.FAILED : PairResult.Status.OK;
        String message = replay == null ? "" : replay.problem();
        if (status == PairResult.Status.OK && replay != null && replay.counts().failedAllocations() > 0) {
            status = PairResult.Status.DEGRADED;
            message = replay.counts().failedAllocations() + " allocations failed"
                + (spec.kind() == AllocatorSpec.Kind.RESEARCH ? " (the " + plan.heapBytes() + "-byte heap was exhausted)" : "");
        }
        if (replay == null) { // only when a caller times without measuring
            return new PairResult(spec.name(), kind, workload, status, "memory not measured", heapBytes(spec, plan),
                null, null, Statistics.estimate(ops), forks, plan.warmups(), latency, null, List.of());
        }
        return new PairResult(spec.name(), kind, workload, status, message, heapBytes(spec, plan), replay.counts(),
            replay.memory(), Statistics.estimate(ops), forks, plan.warmups(), latency, null, replay.timeline());
    }

    private static long heapBytes(AllocatorSpec spec, RunPlan plan) {
        return spec.kind() == AllocatorSpec.Kind.RESEARCH ? plan.heapBytes() : -1;
    }

    /**
     * {@return the results with each measured pair compared to the baseline allocator on the same workload} The
     * baseline's own results and pairs whose workload has no measured baseline are left without a comparison.
     *
     * @param results  every result
     * @param baseline the baseline allocator's name
     * @param test     the significance test
     */
    public static List<PairResult> withBaseline(List<PairResult> results, String baseline, Statistics.Test test) {
        List<PairResult> out = new ArrayList<>(results.size());
        for (PairResult r : results) {
            PairResult base = results.stream()
                .filter(b -> b.allocator().equals(baseline) && b.workload().equals(r.workload())
                    && b.status() == PairResult.Status.OK && b.runs() > 0)
                .findFirst().orElse(null);
            if (base == null || r == base || r.status() != PairResult.Status.OK || r.runs() == 0) {
                out.add(r);
                continue;
            }
            BaselineComparison c = Statistics.compare(baseline, r.opsPerSecond().samples(),
                base.opsPerSecond().samples(), test);
            out.add(r.withBaseline(c));
        }
        return out;
    }
}
