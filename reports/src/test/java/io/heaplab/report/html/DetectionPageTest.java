package io.heaplab.report.html;

import io.heaplab.report.DetectionData;
import io.heaplab.report.HeapMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detection page of {@code heaplab detect --report}, and misuse markers on a heap map. */
class DetectionPageTest {

    static DetectionData data() {
        return new DetectionData("1 faults of each kind injected into each of 1 workloads (w), seed 1.",
            List.of("double-free", "overflow-write"),
            List.of(new DetectionData.MatrixRow("buddy", "cheap", "double-free", 4, 4, 0, 0, 0.0, 0),
                new DetectionData.MatrixRow("buddy", "cheap", "overflow-write", 4, 0, 4, 0, Double.NaN, -1),
                new DetectionData.MatrixRow("buddy", "full", "double-free", 4, 4, 0, 0, 0.0, 0),
                new DetectionData.MatrixRow("buddy", "full", "overflow-write", 4, 3, 1, 1, 12.5, 40)),
            List.of(new DetectionData.CostRow("buddy", "off", 20e6, 1.0, -1),
                new DetectionData.CostRow("buddy", "cheap", 10e6, 2.0, 0),
                new DetectionData.CostRow("buddy", "full", 4e6, 5.0, 0)),
            List.of(new DetectionData.ProbeRow("buddy", "double-free", "corrupt", "block handed out twice"),
                new DetectionData.ProbeRow("buddy", "overflow-write", "silent", "nothing observed")),
            List.of("buddy failed: nothing, a test note"));
    }

    @Test
    void shouldListEveryMatrixRowWithItsCountsRateAndLatency() {
        String html = DetectionPage.render(data());
        assertTrue(html.contains("<tr><td>buddy</td><td>full</td><td>overflow-write</td><td class=\"num\" data-v=\"4\">"
            + "4</td><td class=\"num\" data-v=\"3\">3</td><td class=\"num bad\" data-v=\"1\">1</td><td class=\"num bad\""
            + " data-v=\"1\">1</td><td class=\"num\" data-v=\"0.75\">75.0 %</td><td class=\"num\" data-v=\"12.5\">12.5"
            + "</td><td class=\"num\" data-v=\"40\">40</td></tr>"), html);
        assertTrue(html.contains("<tr><td>buddy</td><td>cheap</td><td>overflow-write</td><td class=\"num\" "
            + "data-v=\"4\">4</td><td class=\"num\" data-v=\"0\">0</td><td class=\"num bad\" data-v=\"4\">4</td>"), html);
        assertEquals(4, html.split("<tr><td>buddy</td><td>(cheap|full)</td><td>(double-free|overflow-write)</td>", -1)
            .length - 1);
    }

    @Test
    void shouldShowTheCostPerLevelAndTheUncheckedOutcomes() {
        String html = DetectionPage.render(data());
        assertTrue(html.contains("<tr><td>buddy</td><td>full</td><td class=\"num\" data-v=\"4000000\">4</td>"
            + "<td class=\"num\" data-v=\"5\">5×</td><td class=\"num\" data-v=\"0\">0</td></tr>"), html);
        assertTrue(html.contains("<tr><td>buddy</td><td class=\"bad\" title=\"block handed out twice\">corrupt</td>"
            + "<td class=\"muted\" title=\"nothing observed\">silent</td></tr>"), html);
        assertTrue(html.contains("<li>buddy failed: nothing, a test note</li>"), html);
    }

    @Test
    void shouldDrawAccessibleChartsOfTheDetectionRateAndTheCost() throws Exception {
        List<String> svgs = SvgCheck.svgsIn(DetectionPage.render(data()));
        assertEquals(2, svgs.size());
        assertEquals("Faults detected (all kinds)", SvgCheck.assertAccessibleSvg(svgs.get(0)));
        assertEquals("Throughput cost of checking", SvgCheck.assertAccessibleSvg(svgs.get(1)));
        assertTrue(svgs.get(0).contains("buddy full 87.5 %"), "the text alternative states each rate");
    }

    @Test
    void shouldOmitTheUncheckedSectionWhenNothingWasProbed() {
        DetectionData d = data();
        String html = DetectionPage.render(new DetectionData(d.setting(), d.faults(), d.matrix(), d.costs(),
            List.of(), List.of()));
        assertFalse(html.contains("id=\"unchecked\""));
        assertFalse(html.contains("id=\"notes\""));
    }

    @Test
    void shouldDrawOneRedCrossPerCellWithMisusesAndAnAccessibleLegend() throws Exception {
        byte[] cells = new byte[4 * 4];
        HeapMap map = new HeapMap("buddy", "w", 100, 4096, 4, 4, cells, 0, List.of(
            new HeapMap.Marker(10, 0, "DOUBLE_FREE", "double free of 0x0"),
            new HeapMap.Marker(11, 8, "DOUBLE_FREE", "double free of 0x8 (same cell)"),
            new HeapMap.Marker(99, 4000, "INVALID_FREE", "invalid free of 0xfa0")), 5, "cheap", 3);
        String svg = HeapMapChart.render(map);
        assertEquals("Heap map: buddy replaying w", SvgCheck.assertAccessibleSvg(svg));
        assertEquals(2, svg.split("class=\"misuse-marker\"", -1).length - 1, svg);
        assertTrue(svg.contains("data-op=\"99\" data-address=\"4000\">\n<title>INVALID_FREE: invalid free of 0xfa0"),
            svg);
        assertTrue(svg.contains(">misuse (5)</text>"), "the legend counts every misuse detected");
        String page = HeapMapPage.render(map);
        assertTrue(page.contains("5 misuses detected (the layer kept the first 3, marked and listed here), 3 faults "
            + "injected"), page);
        assertEquals(3, page.split("<td class=\"bad\">", -1).length - 1);
    }
}
