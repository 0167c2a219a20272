package io.heaplab.harness;

import io.heaplab.report.Estimate;
import io.heaplab.report.PairResult;
import io.heaplab.report.SuiteSummary;
import io.heaplab.report.WorkloadVerdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who did best: per workload ({@link WorkloadVerdict}) and over the suite ({@link SuiteSummary}). Only pairs with
 * status {@code OK} compete: a {@code DEGRADED} pair replayed less than the others.
 *
 * <ul>
 *   <li>Utilization is deterministic: allocators tie when it is equal at the reported precision (0.1 percentage
 *       point).</li>
 *   <li>Throughput is noisy: every allocator not significantly slower than the fastest (the session's test, per
 *       workload; a paired t-test on per-workload log-ratios over the suite) ties with it.</li>
 * </ul>
 *
 * @implSpec Stateless.
 */
public final class Verdicts {

    /** Utilizations that round to the same tenth of a percent are equal. */
    private static final double UTILIZATION_RESOLUTION = 1000;

    private Verdicts() {
    }

    /**
     * {@return the verdict on one workload}
     *
     * @param workload the workload's name
     * @param results  its pairs
     * @param test     the significance test for throughput
     */
    public static WorkloadVerdict of(String workload, List<PairResult> results, Statistics.Test test) {
        List<PairResult> ok = results.stream().filter(r -> r.status() == PairResult.Status.OK).toList();
        List<String> excluded = results.stream().filter(r -> r.status() == PairResult.Status.DEGRADED)
            .map(PairResult::allocator).toList();
        double bestUtilization = ok.stream().mapToDouble(r -> r.memory().utilization()).filter(Double::isFinite)
            .max().orElse(Double.NaN);
        List<String> leastWasteful = Double.isNaN(bestUtilization) ? List.of() : ok.stream()
            .filter(r -> sameUtilization(r.memory().utilization(), bestUtilization))
            .map(PairResult::allocator).toList();
        PairResult top = ok.stream().filter(r -> r.runs() > 0 && Double.isFinite(r.opsPerSecond().mean()))
            .max((a, b) -> Double.compare(a.opsPerSecond().mean(), b.opsPerSecond().mean())).orElse(null);
        List<String> fastest = new ArrayList<>();
        if (top != null) {
            fastest.add(top.allocator());
            ok.stream().filter(r -> r != top && r.runs() > 0 && Double.isFinite(r.opsPerSecond().mean()))
                .sorted((a, b) -> Double.compare(b.opsPerSecond().mean(), a.opsPerSecond().mean()))
                .filter(r -> !Statistics.compare(top.allocator(), r.opsPerSecond().samples(),
                    top.opsPerSecond().samples(), test).significant())
                .forEach(r -> fastest.add(r.allocator()));
        }
        return new WorkloadVerdict(workload, leastWasteful, bestUtilization, fastest,
            top == null ? Double.NaN : top.opsPerSecond().mean(), excluded);
    }

    private static boolean sameUtilization(double u, double best) {
        return Double.isFinite(u) && Math.round(u * UTILIZATION_RESOLUTION) == Math.round(best * UTILIZATION_RESOLUTION);
    }

    /**
     * {@return the summary over the suite, or {@code null} with fewer than two workloads}
     *
     * @param results   every pair, baseline comparisons attached
     * @param baseline  the baseline allocator, or empty for none
     * @param workloads the workloads in order
     */
    public static SuiteSummary summary(List<PairResult> results, String baseline, List<String> workloads) {
        if (workloads.size() < 2) {
            return null;
        }
        Map<String, double[]> logRatios = new LinkedHashMap<>(); // NaN where the workload has no ratio
        Map<String, List<Double>> utilizations = new LinkedHashMap<>();
        for (PairResult r : results) {
            double[] logs = logRatios.computeIfAbsent(r.allocator(), a -> nans(workloads.size()));
            utilizations.computeIfAbsent(r.allocator(), a -> new ArrayList<>());
            if (r.status() != PairResult.Status.OK) {
                continue;
            }
            int w = workloads.indexOf(r.workload());
            if (r.allocator().equals(baseline) && r.runs() > 0) {
                logs[w] = 0; // the baseline's ratio to itself
            } else if (r.baseline() != null && Double.isFinite(r.baseline().ratio()) && r.baseline().ratio() > 0) {
                logs[w] = Math.log(r.baseline().ratio());
            }
            if (Double.isFinite(r.memory().utilization())) {
                utilizations.get(r.allocator()).add(r.memory().utilization());
            }
        }
        List<SuiteSummary.Entry> entries = new ArrayList<>();
        Map<String, double[]> complete = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : logRatios.entrySet()) {
            double[] finite = java.util.Arrays.stream(e.getValue()).filter(Double::isFinite).toArray();
            if (finite.length == workloads.size()) {
                complete.put(e.getKey(), finite);
            }
            Estimate g = Statistics.geometricMean(finite);
            List<Double> u = utilizations.get(e.getKey());
            double meanUtilization = u.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            entries.add(new SuiteSummary.Entry(e.getKey(), finite.length, g.mean(), g.ci95Low(), g.ci95High(),
                meanUtilization, u.size()));
        }
        return new SuiteSummary(baseline, workloads.size(), entries, fastestOverall(complete),
            leastWastefulOverall(entries, workloads.size()));
    }

    private static List<String> fastestOverall(Map<String, double[]> complete) {
        String top = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[]> e : complete.entrySet()) {
            double mean = java.util.Arrays.stream(e.getValue()).average().orElse(Double.NaN);
            if (mean > best) {
                best = mean;
                top = e.getKey();
            }
        }
        if (top == null) {
            return List.of();
        }
        List<String> fastest = new ArrayList<>(List.of(top));
        double[] topLogs = complete.get(top);
        complete.entrySet().stream()
            .filter(e -> !fastest.contains(e.getKey()))
            .sorted((a, b) -> Double.compare(java.util.Arrays.stream(b.getValue()).sum(),
                java.util.Arrays.stream(a.getValue()).sum()))
            .filter(e -> !Statistics.pairedDifferenceSignificant(e.getValue(), topLogs))
            .forEach(e -> fastest.add(e.getKey()));
        return fastest;
    }

    private static List<String> leastWastefulOverall(List<SuiteSummary.Entry> entries, int workloads) {
        List<SuiteSummary.Entry> complete = entries.stream()
            .filter(e -> e.utilizationWorkloads() == workloads && Double.isFinite(e.meanUtilization())).toList();
        double best = complete.stream().mapToDouble(SuiteSummary.Entry::meanUtilization).max().orElse(Double.NaN);
        if (Double.isNaN(best)) {
            return List.of();
        }
        return complete.stream().filter(e -> sameUtilization(e.meanUtilization(), best))
            .map(SuiteSummary.Entry::allocator).toList();
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
