package io.heaplab.report.html;

import io.heaplab.report.BaselineComparison;
import io.heaplab.report.Estimate;
import io.heaplab.report.EnvironmentInfo;
import io.heaplab.report.LatencySummary;
import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.RunSettings;
import io.heaplab.report.TimelinePoint;

import java.util.ArrayList;
import java.util.List;

/** Result documents for the report tests: fixed numbers, so every rendering is reproducible. */
final class ReportFixtures {

    static final String WORKLOAD_A = "shuffled-free";
    static final String WORKLOAD_B = "defeat-buddy";

    private ReportFixtures() {
    }

    static EnvironmentInfo environment() {
        return new EnvironmentInfo("0.1.0", "25.0.3+9-LTS", "OpenJDK 64-Bit Server VM", "Linux 6.1", "amd64", 2,
            "2026-11-22T02:00:00Z");
    }

    static RunSettings settings() {
        return new RunSettings(1, 3, 2, 20, 1 << 20, true, "glibc", "heaplab compare -w shuffled-free,defeat-buddy");
    }

    /** Throughput samples around {@code mean} with the given spread; CI = mean ± spread. */
    static Estimate rate(double mean, double spread) {
        return new Estimate(mean, mean - spread, mean + spread, new double[] {mean - spread, mean, mean + spread});
    }

    static List<TimelinePoint> timeline(long footprintBytes) {
        List<TimelinePoint> t = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            long live = 100_000L * Math.min(i, 11 - i);
            t.add(new TimelinePoint(i * 1000L, live, footprintBytes < 0 ? -1 : Math.min(footprintBytes,
                footprintBytes * i / 5), footprintBytes < 0 ? Double.NaN : 0.1 * (i % 3)));
        }
        return t;
    }

    static PairResult research(String allocator, String workload, double utilization, double mops, double spread,
                               long failed, BaselineComparison baseline) {
        long live = 500_000;
        long footprint = Math.round(live / utilization);
        return new PairResult(allocator, "research", workload, PairResult.Status.OK, "", 1 << 20,
            new OperationCounts(10_000, 5_000, 5_000, 1, 2, failed, 0, 0, 0),
            new MemoryMetrics(live, footprint, utilization, 1 / utilization - 1, 40_000, 0.3, 0.2),
            rate(mops * 1e6, spread * 1e6), 1, 2, new LatencySummary(70, 90, 250, 900, 15_000, 600, 16, 25.0),
            baseline, timeline(footprint));
    }

    static PairResult glibc(String workload) {
        return new PairResult("glibc", "native", workload, PairResult.Status.OK, "", -1,
            new OperationCounts(10_000, 5_000, 5_000, 1, 2, 0, 0, 0, 0),
            new MemoryMetrics(500_000, -1, Double.NaN, Double.NaN, 30_000, Double.NaN, Double.NaN),
            rate(20e6, 1e6), 1, 2, new LatencySummary(50, 60, 120, 400, 9000, 600, 16, 25.0), null, timeline(-1));
    }

    static BaselineComparison vsGlibc(double ratio, boolean significant) {
        return new BaselineComparison("glibc", ratio, ratio * 0.9, ratio * 1.1, significant ? 0.001 : 0.4, "welch-t",
            significant);
    }

    /** Two workloads: on A buddy is clearly fastest, on B buddy and sizeclass-4x tie; bump fails on B. */
    static ResultsDocument document() {
        List<PairResult> r = new ArrayList<>();
        r.add(research("freelist-best", WORKLOAD_A, 0.9, 10, 0.5, 0, vsGlibc(0.5, true)));
        r.add(research("buddy", WORKLOAD_A, 0.6, 40, 0.5, 0, vsGlibc(2.0, true)));
        r.add(research("sizeclass-4x", WORKLOAD_A, 0.7, 30, 0.5, 0, vsGlibc(1.5, true)));
        r.add(glibc(WORKLOAD_A));
        r.add(PairResult.notMeasured("jemalloc", "native", WORKLOAD_A, PairResult.Status.UNAVAILABLE,
            "jemalloc is unavailable: libjemalloc.so.2 is not installed"));
        r.add(research("freelist-best", WORKLOAD_B, 0.95, 5, 0.5, 0, vsGlibc(0.25, true)));
        r.add(research("buddy", WORKLOAD_B, 0.5, 30, 3, 0, vsGlibc(1.5, true)));
        r.add(research("sizeclass-4x", WORKLOAD_B, 0.8, 29, 3, 0, vsGlibc(1.45, true)));
        r.add(research("bump", WORKLOAD_B, 0.99, 90, 1, 12, vsGlibc(4.5, true)));
        r.add(glibc(WORKLOAD_B));
        return new ResultsDocument(environment(), settings(), r);
    }
}
