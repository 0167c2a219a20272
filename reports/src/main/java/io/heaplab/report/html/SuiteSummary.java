package io.heaplab.report.html;

import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary across workloads of one results document: per allocator, the geometric mean of its throughput ratio
 * to the baseline and its mean utilization over the workloads it was measured on; and per workload, "in short"
 * lines naming the fastest and the least wasteful allocator.
 *
 * <p>Rules for the "in short" lines:
 * <ul>
 *   <li>an allocator that failed allocations on a workload, or was not measured, is never named for that workload;</li>
 *   <li>the {@code baseline} kind (the engine's own cost, {@code noop}) is never named fastest;</li>
 *   <li>"fastest" names every allocator whose throughput is not significantly different from the top one (Welch's
 *       t-test, p ≥ 0.05): one name is a winner, several are a tie;</li>
 *   <li>"least memory wasted" names every allocator whose utilization is within {@value #UTILIZATION_TIE} of the
 *       best (utilization is deterministic, so there is no test; the tolerance absorbs rounding in reports).</li>
 * </ul>
 *
 * @param allocators one row per allocator, in order of first appearance
 * @param inShort    per workload (in order of first appearance), its "in short" sentences
 * @implSpec Immutable.
 */
record SuiteSummary(List<AllocatorSummary> allocators, Map<String, List<String>> inShort) {

    /** Utilizations closer than this (absolute, 0.1 percentage point) are a tie. */
    static final double UTILIZATION_TIE = 0.001;

    /**
     * One allocator across the suite.
     *
     * @param allocator         its name
     * @param kind              its family
     * @param measured          workloads where it was measured
     * @param ratioGeoMean      geometric mean of its throughput ratio to the baseline, or NaN without ratios
     * @param ratioCount        how many ratios the mean rests on
     * @param utilizationMean   arithmetic mean of its utilization, or NaN when not observable
     * @param failedOn          workloads where it failed allocations or the replay failed
     * @param fastestOn         workloads where it alone was fastest (significantly)
     * @param leastWastefulOn   workloads where it alone wasted least memory
     */
    record AllocatorSummary(String allocator, String kind, int measured, double ratioGeoMean, int ratioCount,
                            double utilizationMean, List<String> failedOn, List<String> fastestOn,
                            List<String> leastWastefulOn) {
    }

    SuiteSummary {
        allocators = List.copyOf(allocators);
        inShort = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inShort));
    }

    /**
     * {@return the summary of {@code document}}
     *
     * @param document the results
     */
    static SuiteSummary of(ResultsDocument document) {
        Map<String, List<String>> inShort = new LinkedHashMap<>();
        Map<String, List<String>> fastest = new LinkedHashMap<>();
        Map<String, List<String>> leastWasteful = new LinkedHashMap<>();
        for (Map.Entry<String, List<PairResult>> e : document.byWorkload().entrySet()) {
            List<String> lines = new ArrayList<>();
            List<PairResult> clean = e.getValue().stream().filter(SuiteSummary::ranked).toList();
            List<String> fast = fastest(clean);
            List<String> lean = leastWasteful(clean);
            if (fast.size() == 1) {
                lines.add("fastest: " + fast.getFirst());
                fastest.computeIfAbsent(fast.getFirst(), k -> new ArrayList<>()).add(e.getKey());
            } else if (fast.size() > 1) {
                lines.add("fastest: tie between " + String.join(", ", fast) + " (no significant difference)");
            }
            if (lean.size() == 1) {
                lines.add("least memory wasted: " + lean.getFirst());
                leastWasteful.computeIfAbsent(lean.getFirst(), k -> new ArrayList<>()).add(e.getKey());
            } else if (lean.size() > 1) {
                lines.add("least memory wasted: tie between " + String.join(", ", lean));
            }
            for (PairResult r : e.getValue()) {
                if (r.status() == PairResult.Status.FAILED) {
                    lines.add(r.allocator() + " failed: " + r.message());
                } else if (r.status() == PairResult.Status.OK && r.counts().failedAllocations() > 0) {
                    lines.add(r.allocator() + " failed " + r.counts().failedAllocations()
                        + " allocations (not ranked)");
                }
            }
            inShort.put(e.getKey(), lines);
        }
        Map<String, List<PairResult>> byAllocator = new LinkedHashMap<>();
        for (PairResult r : document.results()) {
            byAllocator.computeIfAbsent(r.allocator(), k -> new ArrayList<>()).add(r);
        }
        List<AllocatorSummary> rows = new ArrayList<>();
        for (Map.Entry<String, List<PairResult>> e : byAllocator.entrySet()) {
            int measured = 0;
            int ratios = 0;
            double logSum = 0;
            int utils = 0;
            double utilSum = 0;
            List<String> failedOn = new ArrayList<>();
            for (PairResult r : e.getValue()) {
                if (r.status() == PairResult.Status.FAILED) {
                    failedOn.add(r.workload());
                }
                if (r.status() != PairResult.Status.OK) {
                    continue;
                }
                measured++;
                if (r.counts().failedAllocations() > 0) {
                    failedOn.add(r.workload());
                }
                if (r.baseline() != null && r.baseline().ratio() > 0 && Double.isFinite(r.baseline().ratio())) {
                    ratios++;
                    logSum += Math.log(r.baseline().ratio());
                }
                if (Double.isFinite(r.memory().utilization())) {
                    utils++;
                    utilSum += r.memory().utilization();
                }
            }
            rows.add(new AllocatorSummary(e.getKey(), e.getValue().getFirst().allocatorKind(), measured,
                ratios == 0 ? Double.NaN : Math.exp(logSum / ratios), ratios, utils == 0 ? Double.NaN : utilSum / utils,
                failedOn, fastest.getOrDefault(e.getKey(), List.of()), leastWasteful.getOrDefault(e.getKey(),
                List.of())));
        }
        return new SuiteSummary(rows, inShort);
    }

    /** Whether a pair may be named in an "in short" line: measured and without failed allocations. */
    private static boolean ranked(PairResult r) {
        return r.status() == PairResult.Status.OK && r.counts().failedAllocations() == 0;
    }

    /** The fastest allocator and every one not significantly slower, fastest first. */
    static List<String> fastest(List<PairResult> clean) {
        List<PairResult> byRate = clean.stream()
            .filter(r -> !"baseline".equals(r.allocatorKind()) && Double.isFinite(r.opsPerSecond().mean()))
            .sorted(Comparator.comparingDouble((PairResult r) -> r.opsPerSecond().mean()).reversed())
            .toList();
        if (byRate.isEmpty()) {
            return List.of();
        }
        double[] top = byRate.getFirst().opsPerSecond().samples();
        List<String> tied = new ArrayList<>(List.of(byRate.getFirst().allocator()));
        for (PairResult r : byRate.subList(1, byRate.size())) {
            if (!Significance.significant(Significance.pValue(top, r.opsPerSecond().samples()))) {
                tied.add(r.allocator());
            }
        }
        return tied;
    }

    /** The allocator with the highest utilization and every one within {@link #UTILIZATION_TIE} of it. */
    static List<String> leastWasteful(List<PairResult> clean) {
        double best = clean.stream().mapToDouble(r -> r.memory().utilization()).filter(Double::isFinite).max()
            .orElse(Double.NaN);
        if (Double.isNaN(best)) {
            return List.of();
        }
        return clean.stream().filter(r -> r.memory().utilization() >= best - UTILIZATION_TIE)
            .map(PairResult::allocator).toList();
    }
}
