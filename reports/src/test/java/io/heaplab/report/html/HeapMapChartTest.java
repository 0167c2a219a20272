package io.heaplab.report.html;

import io.heaplab.report.HeapMap;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapMapChartTest {

    /** 2 columns × 3 rows: column 0 = [class 1, free, unused], column 1 = [class 8, class 2, free]. */
    private static final HeapMap MAP = new HeapMap("buddy", "w", 10, 3072, 2, 3,
        new byte[] {1, HeapMap.FREE, HeapMap.UNUSED, 8, 2, HeapMap.FREE}, 0);

    @Test
    void shouldDrawAWellFormedTitledSvg() throws Exception {
        assertEquals("Heap map: buddy replaying w", SvgCheck.assertAccessibleSvg(HeapMapChart.render(MAP)));
        assertEquals(HeapMapChart.render(MAP), HeapMapChart.render(MAP), "deterministic");
    }

    @Test
    void shouldPaintOnePixelPerCellWithAddressZeroAtTheBottom() throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(HeapMapChart.png(MAP))));
        assertEquals(2, png.getWidth());
        assertEquals(3, png.getHeight());
        assertEquals(0x56B4E9, png.getRGB(0, 2) & 0xFFFFFF, "column 0, row 0: class 1");
        assertEquals(HeapMapChart.FREE_RGB, png.getRGB(0, 1) & 0xFFFFFF);
        assertEquals(HeapMapChart.UNUSED_RGB, png.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x000000, png.getRGB(1, 2) & 0xFFFFFF, "column 1, row 0: class 8");
    }

    @Test
    void shouldSayHowMuchOfTheFootprintIsFreeAtTheEnd() {
        assertTrue(HeapMapChart.render(MAP).contains("At the end, 33 % of the footprint&#39;s rows are free."));
    }

    @Test
    void shouldWarnAboutFailedAllocationsOnThePage() {
        HeapMap failed = new HeapMap("bump", "w", 10, 3072, 2, 3, MAP.cells(), 7);
        assertTrue(HeapMapPage.render(failed).contains("<b>7 allocations failed</b>"));
    }

    @Test
    void shouldPutBlocksInSizeClassesByUpperBound() {
        assertEquals(1, HeapMap.classOf(16));
        assertEquals(2, HeapMap.classOf(17));
        assertEquals(8, HeapMap.classOf(65537));
    }
}
