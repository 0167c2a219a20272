package io.heaplab.report.html;

import io.heaplab.report.HeapMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a generated report in a real headless Chromium: the script runs without error, nothing reaches the console,
 * the page asks the network for nothing, and the screenshot shows the charts. Skipped only when no Chromium binary
 * is installed ({@code apt-get install -y chromium}; {@code .ci/run} installs it).
 */
class BrowserReportTest {

    private static final int WIDTH_PX = 1280;
    private static final int HEIGHT_PX = 2400;
    /** Okabe–Ito blue: the first allocator's bars and the "live data" share. */
    private static final int BLUE = 0x0072B2;

    @TempDir
    Path dir;

    private HeadlessChromium chromium;

    @BeforeEach
    void findChromium() {
        chromium = HeadlessChromium.find(dir).orElse(null);
        assumeTrue(chromium != null, "no Chromium found (set HEAPLAB_CHROMIUM or apt-get install -y chromium): "
            + "the browser test is skipped");
    }

    private Path report() {
        Path rep = dir.resolve("report");
        ReportFiles.write(rep, ReportFiles.of(ReportFixtures.document()), p -> { });
        return rep.resolve("index.html");
    }

    @Test
    void shouldRunTheReportsScriptWithoutConsoleMessagesOrNetworkRequests() throws Exception {
        HeadlessChromium.Load load = chromium.dumpDom(report());
        assertTrue(load.dom().contains("data-heaplab-ready=\"1\""), "the page's script ran to its end");
        assertTrue(load.dom().contains("<h2>Workload: defeat-buddy</h2>"), "the page was rendered");
        assertEquals(List.of(), load.consoleLines());
        assertEquals(List.of(), load.pageRequests());
    }

    @Test
    void shouldShowTheChartsInAScreenshot() throws Exception {
        BufferedImage shot = chromium.screenshot(report(), WIDTH_PX, HEIGHT_PX, dir.resolve("report.png"));
        assertEquals(WIDTH_PX, shot.getWidth());
        double ink = HeadlessChromium.inkShare(shot);
        assertTrue(ink > 0.05, "at least 5 % of the pixels are not background, got " + ink);
        long blue = HeadlessChromium.pixelsNear(shot, BLUE);
        assertTrue(blue > 5_000, "the charts' blue bars are visible: " + blue + " blue pixels");
    }

    @Test
    void shouldShowTheHeapMapImageWithoutBreakingTheContentSecurityPolicy() throws Exception {
        byte[] cells = new byte[40 * 30];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i % 30 < 20 ? 2 : HeapMap.FREE; // rows 0-19 hold 64-byte blocks (Okabe-Ito blue)
        }
        Path page = dir.resolve("heapmap.html");
        Files.writeString(page, HeapMapPage.render(new HeapMap("buddy", "w", 1000, 1 << 20, 40, 30, cells, 0)));
        HeadlessChromium.Load load = chromium.dumpDom(page);
        assertTrue(load.dom().contains("data-heaplab-ready=\"1\""));
        assertEquals(List.of(), load.consoleLines(), "the data: PNG is allowed by the page's policy");
        assertEquals(List.of(), load.pageRequests());
        BufferedImage shot = chromium.screenshot(page, 1000, 700, dir.resolve("heapmap.png"));
        assertTrue(HeadlessChromium.pixelsNear(shot, BLUE) > 50_000, "the heap map's blocks are drawn");
    }

    @Test
    void shouldShowTheDetectionPageWithItsChartsAndNoConsoleMessagesOrNetworkRequests() throws Exception {
        Path page = dir.resolve("detect.html");
        Files.writeString(page, DetectionPage.render(DetectionPageTest.data()));
        HeadlessChromium.Load load = chromium.dumpDom(page);
        assertTrue(load.dom().contains("data-heaplab-ready=\"1\""), "the page's script ran to its end");
        assertTrue(load.dom().contains("<h2>Detection matrix</h2>"), "the page was rendered");
        assertEquals(List.of(), load.consoleLines());
        assertEquals(List.of(), load.pageRequests());
        BufferedImage shot = chromium.screenshot(page, WIDTH_PX, 1600, dir.resolve("detect.png"));
        assertTrue(HeadlessChromium.pixelsNear(shot, BLUE) > 1_000, "the first level's bars (Okabe-Ito blue) are drawn");
    }

    @Test
    void shouldShowRedMisuseMarkersOnTheHeapMap() throws Exception {
        byte[] cells = new byte[40 * 30];
        Path page = dir.resolve("misuse.html");
        Files.writeString(page, HeapMapPage.render(new HeapMap("buddy", "w", 1000, 1 << 20, 40, 30, cells, 0,
            List.of(new HeapMap.Marker(100, 1 << 18, "DOUBLE_FREE", "double free"),
                new HeapMap.Marker(900, 1 << 19, "INVALID_FREE", "invalid free")), 2, "full", 2)));
        HeadlessChromium.Load load = chromium.dumpDom(page);
        assertEquals(List.of(), load.consoleLines());
        BufferedImage shot = chromium.screenshot(page, 1000, 700, dir.resolve("misuse.png"));
        assertTrue(HeadlessChromium.pixelsNear(shot, 0xFF0000) > 30, "two red crosses and the legend's are drawn");
    }

    @Test
    void shouldNoticeConsoleErrorsNetworkRequestsAndABlankPage() throws Exception {
        // a control: the same checks on a page that does everything the report must not do
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\">"
            + "<script>undefinedFunction();</script></body></html>");
        HeadlessChromium.Load load = chromium.dumpDom(bad);
        assertEquals(1, load.consoleLines().size(), load.consoleLines().toString());
        assertTrue(load.consoleLines().getFirst().contains("Uncaught ReferenceError: undefinedFunction is not defined"));
        assertEquals(List.of("http://127.0.0.1:9/x.png"), load.pageRequests());
        BufferedImage shot = chromium.screenshot(bad, 400, 300, dir.resolve("bad.png"));
        assertTrue(HeadlessChromium.inkShare(shot) < 0.05, "a nearly empty page counts as blank");
    }
}
