package io.heaplab.harness;

import io.heaplab.report.BaselineComparison;
import io.heaplab.report.Estimate;
import io.heaplab.report.LatencySummary;
import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.PairResult;
import io.heaplab.report.SuiteSummary;
import io.heaplab.report.WorkloadVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictsTest {

    private static PairResult pair(String allocator, String workload, PairResult.Status status, double utilization,
                                   double[] opsPerSecond, BaselineComparison baseline) {
        return new PairResult(allocator, "research", workload, status, "", 1 << 20,
            new OperationCounts(10, 5, 5, 0, 0, status == PairResult.Status.DEGRADED ? 3 : 0, 0, 0, 0),
            new MemoryMetrics(1000, 1000, utilization, 0, 0, 0, 0), Statistics.estimate(opsPerSecond), 1, 1,
            LatencySummary.NONE, baseline, List.of());
    }

    private static BaselineComparison ratio(double r) {
        return new BaselineComparison("base", r, r * 0.9, r * 1.1, 0.001, "welch-t", true);
    }

    @Test
    void shouldCallATieWhenTheFastestAreNotSignificantlyDifferentAndLeaveOutDegradedPairs() {
        List<PairResult> results = List.of(
            pair("a", "w", PairResult.Status.OK, 0.9, new double[] {100, 110, 90}, null),
            pair("b", "w", PairResult.Status.OK, 0.9004, new double[] {101, 89, 108}, null),
            pair("c", "w", PairResult.Status.OK, 0.5, new double[] {50, 51, 49}, null),
            pair("fast-but-failing", "w", PairResult.Status.DEGRADED, 0.99, new double[] {900, 910, 890}, null));
        WorkloadVerdict v = Verdicts.of("w", results, Statistics.Test.WELCH);
        assertEquals(List.of("a", "b"), v.fastest(), "c is significantly slower; the degraded pair is left out");
        assertEquals(List.of("a", "b"), v.leastWasteful(), "90.0 % and 90.04 % are equal at 0.1 %");
        assertEquals(List.of("fast-but-failing"), v.excluded());
        assertEquals(100, v.opsPerSecond(), 1e-9);
    }

    @Test
    void shouldSummariseTheSuiteAsTheGeometricMeanOfRatiosWithAnIntervalAcrossWorkloads() {
        List<PairResult> results = List.of(
            pair("base", "w1", PairResult.Status.OK, Double.NaN, new double[] {10, 10}, null),
            pair("x", "w1", PairResult.Status.OK, 0.8, new double[] {20, 20}, ratio(2)),
            pair("y", "w1", PairResult.Status.OK, 0.6, new double[] {10, 10}, ratio(1.0)),
            pair("base", "w2", PairResult.Status.OK, Double.NaN, new double[] {10, 10}, null),
            pair("x", "w2", PairResult.Status.OK, 0.6, new double[] {25, 25}, ratio(2.5)),
            pair("y", "w2", PairResult.Status.DEGRADED, 0.9, new double[] {90, 90}, null),
            pair("base", "w3", PairResult.Status.OK, Double.NaN, new double[] {10, 10}, null),
            pair("x", "w3", PairResult.Status.OK, 0.7, new double[] {32, 32}, ratio(3.2)),
            pair("y", "w3", PairResult.Status.OK, 0.6, new double[] {10, 10}, ratio(1.0)));
        SuiteSummary s = Verdicts.summary(results, "base", List.of("w1", "w2", "w3"));
        SuiteSummary.Entry x = s.allocators().get(1);
        assertEquals("x", x.allocator());
        assertEquals(3, x.ratioWorkloads());
        assertEquals(Math.cbrt(2 * 2.5 * 3.2), x.geomeanRatio(), 1e-12);
        assertTrue(x.ci95Low() < x.geomeanRatio() && x.ci95High() > x.geomeanRatio() && x.ci95Low() > 1, x.toString());
        assertEquals(0.7, x.meanUtilization(), 1e-12);
        SuiteSummary.Entry y = s.allocators().get(2);
        assertEquals(2, y.ratioWorkloads(), "its degraded workload does not count");
        assertEquals(1.0, y.geomeanRatio(), 1e-12);
        assertEquals(1.0, y.ci95Low(), 1e-12, "the same ratio everywhere: no spread");
        assertEquals(List.of("x"), s.fastest(), "x is consistently faster than the baseline (paired t, p < 0.05)");
        assertEquals(List.of("x"), s.leastWasteful(), "only x has a utilization on every workload");
        List<PairResult> spread = List.of(results.get(0), pair("z", "w1", PairResult.Status.OK, 0.5,
            new double[] {20, 20}, ratio(2)), results.get(3), pair("z", "w2", PairResult.Status.OK, 0.5,
            new double[] {80, 80}, ratio(0.5)));
        assertEquals(List.of("base", "z"), Verdicts.summary(spread, "base", List.of("w1", "w2")).fastest(),
            "twice as fast on one workload, half as fast on the other: a tie");
        assertEquals(null, Verdicts.summary(results, "base", List.of("w1")), "one workload: no summary");
    }
}
