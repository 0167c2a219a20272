package io.heaplab.report.html;

import io.heaplab.report.CapacityHeapMap;
import io.heaplab.report.CapacityLessonData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lesson page's heap maps: one accessible SVG per recorded case, bounded in size however large n is. */
class CapacityHeapMapChartTest {

    /** reserve_exact(1) on a bump heap: block k (k + 1 elements of 4 B) at the end of everything before it. */
    private static CapacityHeapMap reserveExactOnBump(int n) {
        List<CapacityHeapMap.Block> blocks = new ArrayList<>();
        long top = 0;
        for (int i = 0; i < n; i++) {
            blocks.add(new CapacityHeapMap.Block(top, 4L * (i + 1), i, i + 1 == n ? n : i + 1, false, i + 1 < n));
            top += 4L * (i + 1);
            blocks.add(new CapacityHeapMap.Block(top, 16, i, n, true, false));
            top += 16;
        }
        return new CapacityHeapMap("bump", "reserve_exact_1", n, n - 1, false, false, blocks);
    }

    private static final CapacityHeapMap ONE_BLOCK = new CapacityHeapMap("bump", "with_capacity", 3, 0, false, false,
        List.of(new CapacityHeapMap.Block(0, 12, 0, 3, false, false)));

    @Test
    void shouldDrawOneAccessibleHeapMapPerRecordedCaseWithItsAbandonedCount() throws Exception {
        CapacityLessonData data = new CapacityLessonData("i32", 4, 3, 1 << 20, true, List.of());
        String page = CapacityLessonPage.render(data, List.of(reserveExactOnBump(3), ONE_BLOCK));
        List<String> titles = new ArrayList<>();
        for (String svg : SvgCheck.svgsIn(page)) {
            if (svg.contains("id=\"heapmap-")) {
                titles.add(SvgCheck.assertAccessibleSvg(svg));
            }
        }
        assertEquals(List.of("Heap map: reserve_exact(1) on bump, abandoned 2 blocks (stranded: nothing was "
            + "allocated below them again)", "Heap map: Vec::with_capacity(n) on bump, abandoned 0 blocks"), titles);
        assertTrue(page.contains("<figcaption>Vec::with_capacity(n) on bump: abandoned 0 blocks.</figcaption>"));
        assertTrue(page.contains("<h2>The abandoned blocks on the heap map</h2>"));
        assertEquals(page, CapacityLessonPage.render(data, List.of(reserveExactOnBump(3), ONE_BLOCK)), "deterministic");
        assertTrue(!CapacityLessonPage.render(data).contains("heapmap-"), "no recorded runs, no heap map");
    }

    @Test
    void shouldAggregateALargeRunIntoABoundedGrid() {
        String small = CapacityHeapMapChart.render(reserveExactOnBump(100));
        String large = CapacityHeapMapChart.render(reserveExactOnBump(50_000));
        assertTrue(large.contains(CapacityHeapMapChart.MAX_COLUMNS + " × " + CapacityHeapMapChart.ROWS + " cells"));
        assertTrue(small.contains("100 × " + CapacityHeapMapChart.ROWS + " cells"));
        assertTrue(large.length() < 64 * 1024, "bounded: " + large.length() + " characters for 100 000 blocks");
    }
}
