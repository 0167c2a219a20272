package io.heaplab.report.html;

import io.heaplab.report.CapacityLessonData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityLessonPageTest {

    private static final long I32_BYTES = 4;
    private static final long PUSHES = 1000;

    private static CapacityLessonData.Row row(String allocator, String caseKey, long reallocsInPlace, long moved,
                                              long copied, long preserved) {
        return new CapacityLessonData.Row(allocator, caseKey, caseKey, 1, reallocsInPlace, moved, copied, preserved,
            1, PUSHES, 20_000, 50_000, "");
    }

    private static final CapacityLessonData DATA = new CapacityLessonData("i32", I32_BYTES, PUSHES, 4 << 20, false,
        List.of(row("bump", "new", 8, 0, 0, 4080), row("buddy", "new", 0, 8, 4080, 4080),
            row("bump", "with_capacity", 0, 0, 0, 0), row("buddy", "reserve_exact_1", 500, 499, 99_000, 1_998_000),
            row("buddy", "reserve_exact_1", 0, 3, 10, 12)));

    @Test
    void shouldCountRustsCallsAsRustDoes() {
        // Rust 1.95, verified (HandleStats javadoc): Vec<i32>::new() + 1000 pushes = 1 alloc, 8 reallocs, 4080 B kept
        assertEquals(new RustVecGrowth.Counts(1, 8, 4080), RustVecGrowth.counts("new", I32_BYTES, PUSHES));
        assertEquals(new RustVecGrowth.Counts(1, 0, 0), RustVecGrowth.counts("with_capacity", I32_BYTES, PUSHES));
        assertEquals(new RustVecGrowth.Counts(1, 999, 4 * 999 * 1000 / 2),
            RustVecGrowth.counts("reserve_exact_1", I32_BYTES, PUSHES));
        assertEquals(new RustVecGrowth.Counts(0, 0, 0), RustVecGrowth.counts("new", 0, PUSHES), "zero-sized: none");
        assertEquals(8, RustVecGrowth.minNonZeroCapacity(1));
        assertEquals(1, RustVecGrowth.minNonZeroCapacity(1025));
    }

    @Test
    void shouldDrawVecNewAsDoublingSteps() {
        double[][] xy = RustVecGrowth.steps("new", I32_BYTES, 10);
        assertArrayEquals(new double[] {0, 0, 0, 4, 4, 8, 8, 10}, xy[0]);
        assertArrayEquals(new double[] {0, 0, 4, 4, 8, 8, 16, 16}, xy[1]);
    }

    @Test
    void shouldRenderAnOfflinePageWithAccessibleCharts() throws Exception {
        String page = CapacityLessonPage.render(DATA);
        List<String> svgs = SvgCheck.svgsIn(page);
        assertEquals(List.of("Capacity as elements are pushed", "Bytes copied with Vec::new() (dashed: all 3.98 KiB "
            + "preserved)", "Bytes copied with reserve_exact(1) before each push (dashed: all 1.91 MiB preserved)"),
            svgs.stream().map(s -> {
                try {
                    return SvgCheck.assertAccessibleSvg(s);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList());
        assertTrue(page.contains("content=\"default-src 'none';"));
        assertEquals(page, CapacityLessonPage.render(DATA), "deterministic");
    }

    @Test
    void shouldShowRustsCountsBesideHeaplabsAndFlagDisagreement() {
        String page = CapacityLessonPage.render(DATA);
        assertTrue(page.contains("<td class=\"num\">8 / 8</td>"), "Vec::new reallocs, Rust / heaplab");
        assertTrue(page.contains("<td class=\"num\">999 / 3</td>"), "a run that disagrees with Rust");
        assertTrue(page.contains("<td class=\"bad\">no</td>"));
    }
}
