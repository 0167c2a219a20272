package io.heaplab.report.html;

import io.heaplab.report.ResultsDocument;
import io.heaplab.report.SizeHistogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    private static final String PAGE = ReportFiles.indexHtml(ReportFixtures.document());

    @Test
    void shouldEmbedOnlyWellFormedAccessibleSvgCharts() throws Exception {
        List<String> svgs = SvgCheck.svgsIn(PAGE);
        // suite ratio + per workload: throughput, footprint split, timeline, latency
        assertEquals(1 + 2 * 4, svgs.size());
        for (String svg : svgs) {
            SvgCheck.assertAccessibleSvg(svg);
        }
    }

    @Test
    void shouldTitleEachWorkloadsChartsWithTheWorkload() throws Exception {
        List<String> titles = SvgCheck.svgsIn(PAGE).stream().map(s -> {
            try {
                return SvgCheck.assertAccessibleSvg(s);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(List.of("Throughput relative to glibc across workloads",
            "Throughput on shuffled-free (dashed line: glibc)", "Peak footprint on shuffled-free: where the bytes go",
            "Footprint and live bytes over time on shuffled-free", "Latency percentiles on shuffled-free",
            "Throughput on defeat-buddy (dashed line: glibc)", "Peak footprint on defeat-buddy: where the bytes go",
            "Footprint and live bytes over time on defeat-buddy", "Latency percentiles on defeat-buddy"), titles);
    }

    @Test
    void shouldDrawTheWorkloadsRequestSizesWhenKnown() throws Exception {
        long[] counts = new long[42];
        counts[5] = 30; // 16-31 B
        counts[7] = 10; // 64-127 B
        String page = ReportFiles.of(ReportFixtures.document(), Map.of(ReportFixtures.WORKLOAD_A,
            new SizeHistogram(ReportFixtures.WORKLOAD_A, counts))).get("index.html");
        List<String> sizeCharts = SvgCheck.svgsIn(page).stream().filter(s -> s.contains("-sizes\"")).toList();
        assertEquals(1, sizeCharts.size());
        assertEquals("Request sizes in shuffled-free", SvgCheck.assertAccessibleSvg(sizeCharts.getFirst()));
        assertTrue(sizeCharts.getFirst().contains("Share of the 40 allocation requests of shuffled-free per size "
            + "class: 16 B – 31 B 75.0 %; 32 B – 63 B 0.0 %; 64 B – 127 B 25.0 %;"), sizeCharts.getFirst());
    }

    @Test
    void shouldRenderTheSamePageForTheSameResults() {
        assertEquals(PAGE, ReportFiles.indexHtml(ReportFixtures.document()));
    }

    @Test
    void shouldNeedNoNetwork() {
        assertTrue(PAGE.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';"
            + " img-src data:\""), "a CSP forbids every fetch");
        Matcher urls = Pattern.compile("(https?:)?//[A-Za-z0-9.-]+").matcher(PAGE);
        while (urls.find()) {
            assertEquals("http://www.w3.org", urls.group(), "the only URL is the SVG namespace name");
        }
        assertFalse(PAGE.contains("<script src"));
        assertFalse(PAGE.contains("<link"));
    }

    @Test
    void shouldTabulateEveryPairIncludingUnmeasuredOnes() {
        assertTrue(PAGE.contains("unavailable: jemalloc is unavailable: libjemalloc.so.2 is not installed"));
        assertTrue(PAGE.contains("<td class=\"num bad\">12</td>"), "bump's failed allocations are flagged");
        assertTrue(PAGE.contains("<td class=\"num\" data-v=\"0.9\">90.0 %</td>"), "utilization of freelist-best");
    }

    @Test
    void shouldSayWhoWinsOnlyWhenSignificantAndNeverNameAFailingAllocator() {
        assertTrue(PAGE.contains("<li><b>shuffled-free</b>: fastest: buddy; least memory wasted: freelist-best</li>"),
            PAGE);
        assertTrue(PAGE.contains("<li><b>defeat-buddy</b>: fastest: tie between buddy, sizeclass-4x (no significant "
            + "difference); least memory wasted: freelist-best; bump failed 12 allocations (not ranked)</li>"), PAGE);
    }

    @Test
    void shouldMarkThePageReadyFromItsScript() {
        assertTrue(PAGE.contains("document.documentElement.dataset.heaplabReady = '1';"));
    }

    @Test
    void shouldShowTwoRunsSideBySideWhenCompared() {
        ResultsDocument before = ReportFixtures.document();
        String page = ReportFiles.compared("old.json", before, "new.json", before, Map.of()).get("index.html");
        assertTrue(page.contains("<h2>new.json against old.json</h2>"));
        assertTrue(page.contains("<td>~ (no change)</td>"));
    }
}
