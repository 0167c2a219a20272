package io.heaplab.report;

import java.util.List;

/** A small results document with one measured pair, one compared pair and one unavailable pair. */
final class SampleResults {

    private SampleResults() {
    }

    static ResultsDocument document() {
        EnvironmentInfo env = new EnvironmentInfo("0.1.0", "25.0.3+9-LTS", "OpenJDK 64-Bit Server VM (Eclipse Adoptium)",
            "Linux 6.1", "amd64", 2, "2026-11-22T02:00:00Z");
        RunSettings settings = new RunSettings(1, 3, 2, 20, 1 << 20, true, "glibc", "heaplab compare");
        PairResult glibc = new PairResult("glibc", "native", "shuffled-free", PairResult.Status.OK, "", -1,
            new OperationCounts(10, 5, 5, 0, 0, 0, 0, 0, 0),
            new MemoryMetrics(1000, -1, Double.NaN, Double.NaN, 40, Double.NaN, Double.NaN),
            new Estimate(2.0e7, 1.9e7, 2.1e7, new double[] {1.9e7, 2.0e7, 2.1e7}), 1, 2,
            new LatencySummary(50, 60, 120, 400, 9000, 100, 16, 30.0), null,
            List.of(new TimelinePoint(10, 0, -1, Double.NaN)));
        PairResult best = new PairResult("freelist-best", "research", "shuffled-free", PairResult.Status.OK, "",
            1 << 20, new OperationCounts(10, 5, 5, 1, 2, 0, 1, 0, 0),
            new MemoryMetrics(1000, 1250, 0.8, 0.25, 16, 0.5, 0.25),
            new Estimate(1.0e7, 0.9e7, 1.1e7, new double[] {0.9e7, 1.0e7, 1.1e7}), 1, 2,
            new LatencySummary(70, 80, 200, 500, 12000, 100, 16, 30.0),
            new BaselineComparison("glibc", 0.5, 0.42, 0.58, 0.001, "welch-t", true),
            List.of(new TimelinePoint(5, 1000, 1250, 0.5), new TimelinePoint(10, 0, 1250, 0.0)));
        PairResult jemalloc = PairResult.notMeasured("jemalloc", "native", "shuffled-free",
            PairResult.Status.UNAVAILABLE, "jemalloc is unavailable: libjemalloc.so.2 is not installed");
        return new ResultsDocument(env, settings, List.of(glibc, best, jemalloc),
            List.of(new WorkloadVerdict("shuffled-free", List.of("freelist-best"), 0.8, List.of("glibc"), 2.0e7,
                List.of())), null);
    }

    /**
     * {@return two workloads: on the second, bump exhausted its heap (degraded) and glibc and mimalloc tie; with a
     * suite summary}
     */
    static ResultsDocument degradedAndTied() {
        ResultsDocument one = document();
        PairResult bump = new PairResult("bump", "research", "growth", PairResult.Status.DEGRADED,
            "127457 allocations failed (heap exhausted)", 65536, new OperationCounts(10, 5, 5, 0, 0, 127457, 0, 0, 0),
            new MemoryMetrics(1000, 65536, 0.9, 0.1, 0, 0, 0),
            new Estimate(9.0e7, Double.NaN, Double.NaN, new double[] {9.0e7}), 1, 2, LatencySummary.NONE, null,
            List.of());
        PairResult glibc = new PairResult("glibc", "native", "growth", PairResult.Status.OK, "", -1,
            new OperationCounts(10, 5, 5, 0, 0, 0, 0, 0, 0),
            new MemoryMetrics(1000, -1, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN),
            new Estimate(2.0e7, 1.9e7, 2.1e7, new double[] {1.9e7, 2.0e7, 2.1e7}), 1, 2, LatencySummary.NONE, null,
            List.of());
        PairResult mimalloc = new PairResult("mimalloc", "native", "growth", PairResult.Status.OK, "", -1,
            new OperationCounts(10, 5, 5, 0, 0, 0, 0, 0, 0),
            new MemoryMetrics(1000, -1, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN),
            new Estimate(1.98e7, 1.8e7, 2.16e7, new double[] {1.8e7, 1.98e7, 2.16e7}), 1, 2, LatencySummary.NONE,
            new BaselineComparison("glibc", 0.99, 0.88, 1.1, 0.9, "welch-t", false), List.of());
        List<PairResult> results = new java.util.ArrayList<>(one.results());
        results.addAll(List.of(bump, glibc, mimalloc));
        List<WorkloadVerdict> verdicts = new java.util.ArrayList<>(one.verdicts());
        verdicts.add(new WorkloadVerdict("growth", List.of(), Double.NaN, List.of("glibc", "mimalloc"), 2.0e7,
            List.of("bump")));
        SuiteSummary summary = new SuiteSummary("glibc", 2, List.of(
            new SuiteSummary.Entry("glibc", 2, 1.0, 1.0, 1.0, Double.NaN, 0),
            new SuiteSummary.Entry("freelist-best", 1, 0.5, Double.NaN, Double.NaN, 0.8, 1),
            new SuiteSummary.Entry("mimalloc", 1, 0.99, Double.NaN, Double.NaN, Double.NaN, 0)),
            List.of("glibc"), List.of("freelist-best"));
        return new ResultsDocument(one.environment(), one.settings(), results, verdicts, summary);
    }
}
