package io.heaplab.report.html;

import io.heaplab.report.CapacityHeapMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * Draws one {@link CapacityHeapMap} as SVG: heap offset (vertical) × push index (horizontal), aggregated into a
 * grid of at most {@value #MAX_COLUMNS} × {@value #ROWS} cells embedded as one PNG, so the size is bounded however
 * large n is. A cell shows, by priority, the vector's current block, a neighbour, a block the vector abandoned, or
 * free space; a block smaller than a cell still paints its cell.
 *
 * <p>Colours (Okabe–Ito): vector block blue, neighbour bluish green, abandoned block vermillion, free light grey.
 */
final class CapacityHeapMapChart {

    static final int MAX_COLUMNS = 200;
    static final int ROWS = 100;
    private static final int FREE = 0;
    private static final int ABANDONED = 1;
    private static final int NEIGHBOUR = 2;
    private static final int CURRENT = 3;
    private static final int[] RGB = {0xEEEEEE, 0xD55E00, 0x009E73, 0x0072B2};
    private static final String[] LABEL = {"free", "abandoned by the Vec", "neighbour", "the Vec's block"};
    private static final Map<String, String> CASE_NAME = Map.of("new", "Vec::new()", "with_capacity",
        "Vec::with_capacity(n)", "reserve_exact_1", "reserve_exact(1)");
    private static final int LEFT_PX = 80;
    private static final int TOP_PX = 46;
    private static final int PLOT_WIDTH_PX = 400;
    private static final int PLOT_HEIGHT_PX = 200;
    private static final int BOTTOM_PX = 40;

    private CapacityHeapMapChart() {
    }

    /** {@return the number of abandoned blocks as the page's caption words it} @param map the heap map */
    static String abandonedText(CapacityHeapMap map) {
        return "abandoned " + map.abandonedBlocks() + (map.abandonedBlocks() == 1 ? " block" : " blocks")
            + (map.abandonedBlocks() == 0 ? "" : map.reusesFreedMemory() ? " (freed)" : " (stranded: "
            + "nothing was allocated below them again)");
    }

    /** {@return the heap map as an SVG document} @param map the recorded case */
    static String render(CapacityHeapMap map) {
        long base = Long.MAX_VALUE;
        long end = 0;
        long neighbours = 0;
        for (CapacityHeapMap.Block b : map.blocks()) {
            base = Math.min(base, b.address());
            end = Math.max(end, b.address() + b.byteSize());
            neighbours += b.neighbour() ? 1 : 0;
        }
        if (base > end) {
            base = 0;
        }
        long range = Math.max(1, end - base);
        long n = Math.max(1, map.pushes());
        int columns = (int) Math.min(MAX_COLUMNS, n);
        int[][] cells = new int[columns][ROWS];
        for (CapacityHeapMap.Block b : map.blocks()) {
            int row0 = (int) ((b.address() - base) * (double) ROWS / range);
            int row1 = Math.max(row0, (int) Math.ceil((b.address() + b.byteSize() - base) * (double) ROWS / range) - 1);
            if (b.neighbour()) {
                paint(cells, column(b.fromPush(), n, columns), columns - 1, row0, row1, NEIGHBOUR);
            } else {
                int c0 = column(b.fromPush(), n, columns);
                int c1 = Math.max(c0, column(b.toPush(), n, columns) - (b.toPush() >= n ? 0 : 1));
                if (b.toPush() >= n) {
                    c1 = columns - 1;
                }
                paint(cells, c0, Math.min(c1, columns - 1), row0, row1, CURRENT);
                if (b.abandoned() && b.toPush() < n) {
                    paint(cells, column(b.toPush(), n, columns), columns - 1, row0, row1, ABANDONED);
                }
            }
        }
        String caseName = CASE_NAME.getOrDefault(map.caseKey(), map.caseKey());
        String title = "Heap map: " + caseName + " on " + map.allocator() + ", " + abandonedText(map);
        String desc = "Heap offsets " + Units.bytes(base) + " to " + Units.bytes(end) + " (vertical) over pushes 0 to "
            + map.pushes() + " (horizontal), " + columns + " × " + ROWS + " cells. Blue: the block the Vec holds; "
            + "vermillion: the " + map.abandonedBlocks() + " blocks it left behind when a reallocation moved it; "
            + "green: " + neighbours + " live 16-byte neighbour blocks; grey: free."
            + (map.truncated() ? " Only the first " + map.blocks().size() + " blocks were recorded." : "");
        int width = LEFT_PX + PLOT_WIDTH_PX + 20;
        int height = TOP_PX + PLOT_HEIGHT_PX + BOTTOM_PX;
        Svg svg = new Svg("heapmap-" + map.caseKey(), width, height, title, desc);
        svg.text("text", caseName + " on " + map.allocator() + ": " + map.abandonedBlocks() + " abandoned", "x", 8, "y", 18,
            "font-weight", "bold", "font-size", 13);
        double x = LEFT_PX;
        for (int k = CURRENT; k >= FREE; k--) {
            svg.element("rect", "x", x, "y", 26.0, "width", 12, "height", 12, "fill", hex(RGB[k]), "stroke", "#999");
            svg.text("text", LABEL[k], "x", x + 15, "y", 36.0);
            x += 22 + 6.5 * LABEL[k].length();
        }
        svg.element("image", "x", (double) LEFT_PX, "y", (double) TOP_PX, "width", (double) PLOT_WIDTH_PX, "height",
            (double) PLOT_HEIGHT_PX, "preserveAspectRatio", "none", "style", "image-rendering:pixelated",
            "href", "data:image/png;base64," + png(cells));
        svg.element("rect", "x", (double) LEFT_PX, "y", (double) TOP_PX, "width", (double) PLOT_WIDTH_PX, "height",
            (double) PLOT_HEIGHT_PX, "fill", "none", "stroke", "#000");
        Axis time = Axis.linear(0, n, "pushes", Units::trim);
        for (Axis.Tick t : time.ticks()) {
            double px = LEFT_PX + time.fraction(t.value()) * PLOT_WIDTH_PX;
            svg.element("line", "x1", px, "y1", (double) (TOP_PX + PLOT_HEIGHT_PX), "x2", px, "y2",
                TOP_PX + PLOT_HEIGHT_PX + 5.0, "stroke", "#000");
            svg.text("text", t.text(), "x", px, "y", TOP_PX + PLOT_HEIGHT_PX + 18.0, "text-anchor", "middle");
        }
        svg.text("text", "elements pushed", "x", LEFT_PX + PLOT_WIDTH_PX / 2.0, "y", height - 4.0,
            "text-anchor", "middle");
        for (int i = 0; i <= 2; i++) {
            double py = TOP_PX + PLOT_HEIGHT_PX - i * PLOT_HEIGHT_PX / 2.0;
            svg.element("line", "x1", LEFT_PX - 5.0, "y1", py, "x2", (double) LEFT_PX, "y2", py, "stroke", "#000");
            svg.text("text", Units.bytes(base + range * i / 2.0), "x", LEFT_PX - 8.0, "y", py + 4, "text-anchor", "end");
        }
        svg.text("text", "heap offset", "x", 14, "y", TOP_PX + PLOT_HEIGHT_PX / 2.0, "text-anchor", "middle",
            "transform", "rotate(-90 14 " + Svg.num(TOP_PX + PLOT_HEIGHT_PX / 2.0) + ")");
        return svg.finish();
    }

    private static int column(long push, long n, int columns) {
        return (int) Math.min(columns - 1, push * columns / n);
    }

    private static void paint(int[][] cells, int c0, int c1, int row0, int row1, int kind) {
        for (int c = c0; c <= c1; c++) {
            for (int r = Math.max(0, row0); r <= Math.min(ROWS - 1, row1); r++) {
                cells[c][r] = Math.max(cells[c][r], kind);
            }
        }
    }

    /** {@return the grid as a base64 PNG, row 0 (lowest offset) at the bottom} */
    private static String png(int[][] cells) {
        BufferedImage image = new BufferedImage(cells.length, ROWS, BufferedImage.TYPE_INT_RGB);
        for (int c = 0; c < cells.length; c++) {
            for (int r = 0; r < ROWS; r++) {
                image.setRGB(c, ROWS - 1 - r, RGB[cells[c][r]]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String hex(int rgb) {
        return String.format("#%06X", rgb);
    }
}
