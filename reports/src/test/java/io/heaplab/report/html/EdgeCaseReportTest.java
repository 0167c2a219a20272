package io.heaplab.report.html;

import io.heaplab.report.Estimate;
import io.heaplab.report.LatencySummary;
import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.TimelinePoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeCaseReportTest {

    private static ResultsDocument doc(List<PairResult> results) {
        return new ResultsDocument(ReportFixtures.environment(), ReportFixtures.settings(), results);
    }

    private static void assertAllChartsWellFormed(String page) throws Exception {
        for (String svg : SvgCheck.svgsIn(page)) {
            SvgCheck.assertAccessibleSvg(svg);
        }
    }

    @Test
    void shouldRenderAnEmptySessionWithoutCharts() throws Exception {
        String page = ReportFiles.indexHtml(doc(List.of()));
        assertEquals(List.of(), SvgCheck.svgsIn(page));
        assertTrue(page.contains("document.documentElement.dataset.heaplabReady"));
    }

    @Test
    void shouldRenderASessionWhereNothingCouldBeMeasured() throws Exception {
        String page = ReportFiles.indexHtml(doc(List.of(PairResult.notMeasured("<jemalloc>", "native", "w&x",
            PairResult.Status.FAILED, "fork died: \"signal 9\""))));
        assertEquals(List.of(), SvgCheck.svgsIn(page));
        assertTrue(page.contains("failed: fork died: &quot;signal 9&quot;"));
        assertTrue(page.contains("&lt;jemalloc&gt; failed: fork died"));
        assertFalse(page.contains("<jemalloc>"));
    }

    @Test
    void shouldDrawDegenerateNumbersWithoutBreakingTheSvg() throws Exception {
        // one run (no interval), zero throughput, no latency, a flat zero timeline, NaN utilization
        PairResult flat = new PairResult("bump", "research", "w", PairResult.Status.OK, "", 1 << 20,
            new OperationCounts(0, 0, 0, 0, 0, 0, 0, 0, 0),
            new MemoryMetrics(0, 0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN),
            new Estimate(0, Double.NaN, Double.NaN, new double[] {0}), 0, 0, LatencySummary.NONE, null,
            List.of(new TimelinePoint(0, 0, 0, 0), new TimelinePoint(1, 0, 0, 0)));
        String page = ReportFiles.indexHtml(doc(List.of(flat)));
        assertAllChartsWellFormed(page);
        assertFalse(page.contains("NaN"), "no NaN leaks into the page");
        assertFalse(page.contains("Infinity"));
    }
}
