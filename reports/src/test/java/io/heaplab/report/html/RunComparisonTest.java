package io.heaplab.report.html;

import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparisonTest {

    private static ResultsDocument run(double mops, double spread) {
        return new ResultsDocument(ReportFixtures.environment(), ReportFixtures.settings(), List.of(
            ReportFixtures.research("buddy", "w", 0.5, mops, spread, 0, null),
            PairResult.notMeasured("jemalloc", "native", "w", PairResult.Status.UNAVAILABLE, "missing")));
    }

    @Test
    void shouldCallAClearSpeedUpSignificant() {
        RunComparison c = RunComparison.of("a", run(10, 0.1), "b", run(20, 0.1));
        RunComparison.Row row = c.rows().getFirst();
        assertEquals(2.0, row.ratio(), 1e-12);
        assertTrue(row.significant());
    }

    @Test
    void shouldCallOverlappingRunsNoChange() {
        RunComparison c = RunComparison.of("a", run(10, 3), "b", run(10.5, 3));
        assertFalse(c.rows().getFirst().significant());
        assertEquals(List.of(
            "allocator            workload              before Mops/s   after Mops/s     ratio          p",
            "buddy                w                                10           10.5         ~    p=0.848",
            "jemalloc             w                                 –              –         ~          –",
            "ratio = after / before; ~ = no significant difference (Welch t-test, p >= 0.05)"),
            c.text().lines().toList());
    }

    @Test
    void shouldKeepUnmeasuredPairsWithoutARatio() {
        RunComparison c = RunComparison.of("a", run(10, 1), "b", run(10, 1));
        assertEquals(2, c.rows().size());
        assertTrue(Double.isNaN(c.rows().get(1).ratio()));
        assertTrue(Double.isNaN(c.rows().get(1).pValue()));
    }

    @Test
    void shouldMatchWelchsTestOnKnownSamples() {
        // by hand: means 2.5 and 4.6, variances 5/3 and 7.3, t = -2.1 / sqrt(5/12 + 7.3/5) = -1.533,
        // Welch-Satterthwaite df = 5.96, two-sided p = 0.1765
        assertEquals(0.1765, Significance.pValue(new double[] {1, 2, 3, 4}, new double[] {2, 3, 4, 5, 9}), 1e-4);
    }
}
