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
            1 << 20, new OperationCounts(10, 5, 5, 1, 2, 1, 1, 0, 0),
            new MemoryMetrics(1000, 1250, 0.8, 0.25, 16, 0.5, 0.25),
            new Estimate(1.0e7, 0.9e7, 1.1e7, new double[] {0.9e7, 1.0e7, 1.1e7}), 1, 2,
            new LatencySummary(70, 80, 200, 500, 12000, 100, 16, 30.0),
            new BaselineComparison("glibc", 0.5, 0.42, 0.58, 0.001, "welch-t", true),
            List.of(new TimelinePoint(5, 1000, 1250, 0.5), new TimelinePoint(10, 0, 1250, 0.0)));
        PairResult jemalloc = PairResult.notMeasured("jemalloc", "native", "shuffled-free",
            PairResult.Status.UNAVAILABLE, "jemalloc is unavailable: libjemalloc.so.2 is not installed");
        return new ResultsDocument(env, settings, List.of(glibc, best, jemalloc));
    }
}
