package io.heaplab.report.html;

import io.heaplab.report.HeapMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Draws a {@link HeapMap} as SVG: the grid as one embedded PNG (one pixel per cell, scaled up without smoothing, so
 * the page stays small and quick however long the trace), with SVG axes, a legend and a text alternative.
 *
 * <p>Colours: size classes in Okabe–Ito order from small (sky blue) to huge (black); free space inside the
 * footprint light grey; address space the heap had not reached yet white. Misuses found by a checked replay are
 * drawn over the grid as red crosses (villoc's convention) with a white halo, so that they stand out by shape as
 * well as by colour; at most one cross per cell and at most {@value #MAX_MARKERS} crosses, so a page stays small
 * however many misuses there were (the page's list has them all, up to the checked layer's report limit).
 */
final class HeapMapChart {

    /** Colour of each size class 1..8. */
    static final List<Integer> CLASS_RGB = List.of(0x56B4E9, 0x0072B2, 0x009E73, 0xF0E442, 0xE69F00, 0xD55E00,
        0xCC79A7, 0x000000);
    static final int FREE_RGB = 0xD9D9D9;
    static final int UNUSED_RGB = 0xFFFFFF;
    /** Misuse markers: pure red, as villoc draws them (told apart from the vermillion size class by shape too). */
    static final String MISUSE_RED = "#FF0000";
    /** Crosses drawn at most. */
    static final int MAX_MARKERS = 2000;

    private static final int LEFT_PX = 80;
    private static final int TOP_PX = 54;
    private static final int PLOT_WIDTH_PX = 800;
    private static final int PLOT_HEIGHT_PX = 400;
    private static final int BOTTOM_PX = 44;

    private HeapMapChart() {
    }

    /** {@return the heap map as an SVG document} @param map the heap map */
    static String render(HeapMap map) {
        String title = "Heap map: " + map.allocator() + " replaying " + map.workload();
        String desc = "Addresses 0 to " + Units.bytes(map.addressBytes()) + " (vertical) over " + map.ops()
            + " operations (horizontal), " + map.columns() + " × " + map.rows() + " cells; each cell is coloured by "
            + "the size class holding most live bytes there, light grey where the heap is free, white where the heap "
            + "had not grown yet. " + share(map) + (map.checkLevel().isEmpty() ? ""
                : " Red crosses mark the " + map.markers().size() + " misuses the checked layer (level "
                + map.checkLevel() + ") detected, at the operation and address each concerns; they are listed "
                + "below the map.");
        int width = LEFT_PX + PLOT_WIDTH_PX + 20;
        int height = TOP_PX + PLOT_HEIGHT_PX + BOTTOM_PX;
        Svg svg = new Svg("heapmap", width, height, title, desc);
        svg.text("text", title, "x", 8, "y", 18, "font-weight", "bold", "font-size", 14);
        double x = LEFT_PX;
        for (int c = 0; c < HeapMap.CLASS_COUNT; c++) {
            long upper = HeapMap.CLASS_UPPER_BYTES.get(c);
            String label = upper == Long.MAX_VALUE ? "> 64 KiB" : "≤ " + Units.bytes(upper);
            svg.element("rect", "x", x, "y", 28.0, "width", 12, "height", 12, "fill", hex(CLASS_RGB.get(c)));
            svg.text("text", label, "x", x + 15, "y", 38.0);
            x += 22 + 7 * label.length();
        }
        svg.element("rect", "x", x, "y", 28.0, "width", 12, "height", 12, "fill", hex(FREE_RGB));
        svg.text("text", "free", "x", x + 15, "y", 38.0);
        x += 50;
        svg.element("rect", "x", x, "y", 28.0, "width", 12, "height", 12, "fill", hex(UNUSED_RGB), "stroke", "#999");
        svg.text("text", "not reached yet", "x", x + 15, "y", 38.0);
        if (!map.checkLevel().isEmpty()) { // on the title line, right-aligned: the size legend fills its line
            String label = "misuse (" + map.detectedMisuses() + ")";
            svg.open("g", "class", "misuse-legend");
            cross(svg, width - 14 - 7.0 * label.length(), 14);
            svg.text("text", label, "x", width - 6.0, "y", 18.0, "text-anchor", "end");
            svg.close("g");
        }
        svg.element("image", "x", (double) LEFT_PX, "y", (double) TOP_PX, "width", (double) PLOT_WIDTH_PX, "height",
            (double) PLOT_HEIGHT_PX, "preserveAspectRatio", "none", "style", "image-rendering:pixelated",
            "href", "data:image/png;base64," + png(map));
        svg.element("rect", "x", (double) LEFT_PX, "y", (double) TOP_PX, "width", (double) PLOT_WIDTH_PX, "height",
            (double) PLOT_HEIGHT_PX, "fill", "none", "stroke", "#000");
        markers(svg, map);
        Axis time = Axis.linear(0, Math.max(1, map.ops()), "operations replayed", Units::trim);
        for (Axis.Tick t : time.ticks()) {
            double px = LEFT_PX + time.fraction(t.value()) * PLOT_WIDTH_PX;
            svg.element("line", "x1", px, "y1", (double) (TOP_PX + PLOT_HEIGHT_PX), "x2", px, "y2",
                TOP_PX + PLOT_HEIGHT_PX + 5.0, "stroke", "#000");
            svg.text("text", t.text(), "x", px, "y", TOP_PX + PLOT_HEIGHT_PX + 18.0, "text-anchor", "middle");
        }
        svg.text("text", "operations replayed (time)", "x", LEFT_PX + PLOT_WIDTH_PX / 2.0, "y", height - 6.0,
            "text-anchor", "middle");
        for (int i = 0; i <= 4; i++) {
            double py = TOP_PX + PLOT_HEIGHT_PX - i * PLOT_HEIGHT_PX / 4.0;
            svg.element("line", "x1", LEFT_PX - 5.0, "y1", py, "x2", (double) LEFT_PX, "y2", py, "stroke", "#000");
            svg.text("text", Units.bytes(map.addressBytes() * i / 4.0), "x", LEFT_PX - 8.0, "y", py + 4,
                "text-anchor", "end");
        }
        svg.text("text", "heap offset", "x", 14, "y", TOP_PX + PLOT_HEIGHT_PX / 2.0, "text-anchor", "middle",
            "transform", "rotate(-90 14 " + Svg.num(TOP_PX + PLOT_HEIGHT_PX / 2.0) + ")");
        return svg.finish();
    }

    /** Draws one cross per cell holding misuses (the first one's message as its tooltip), at most MAX_MARKERS. */
    private static void markers(Svg svg, HeapMap map) {
        if (map.markers().isEmpty()) {
            return;
        }
        java.util.BitSet drawn = new java.util.BitSet(map.columns() * map.rows());
        svg.open("g", "class", "misuses");
        int count = 0;
        for (HeapMap.Marker m : map.markers()) {
            int col = map.columnOf(m.opIndex());
            int row = map.rowOf(m.address());
            if (drawn.get(col * map.rows() + row)) {
                continue;
            }
            drawn.set(col * map.rows() + row);
            double px = LEFT_PX + (col + 0.5) * PLOT_WIDTH_PX / map.columns();
            double py = TOP_PX + PLOT_HEIGHT_PX - (row + 0.5) * PLOT_HEIGHT_PX / map.rows();
            svg.open("g", "class", "misuse-marker", "data-op", m.opIndex(), "data-address", m.address());
            svg.text("title", m.kind() + ": " + m.message());
            cross(svg, px, py);
            svg.close("g");
            if (++count == MAX_MARKERS) {
                break;
            }
        }
        svg.close("g");
    }

    /** A red × with a white halo, 10 px wide, centred on (x, y). */
    private static void cross(Svg svg, double x, double y) {
        String d = "M" + Svg.num(x - 5) + " " + Svg.num(y - 5) + "L" + Svg.num(x + 5) + " " + Svg.num(y + 5)
            + "M" + Svg.num(x - 5) + " " + Svg.num(y + 5) + "L" + Svg.num(x + 5) + " " + Svg.num(y - 5);
        svg.element("path", "d", d, "stroke", "#FFFFFF", "stroke-width", 5, "fill", "none");
        svg.element("path", "d", d, "stroke", MISUSE_RED, "stroke-width", 2.5, "fill", "none");
    }

    /** The share of cells that are free inside the footprint at the end, as a sentence. */
    private static String share(HeapMap map) {
        int last = map.columns() - 1;
        int free = 0;
        int inside = 0;
        for (int r = 0; r < map.rows(); r++) {
            byte c = map.cell(last, r);
            if (c != HeapMap.UNUSED) {
                inside++;
                if (c == HeapMap.FREE) {
                    free++;
                }
            }
        }
        return inside == 0 ? "" : "At the end, " + Math.round(100.0 * free / inside) + " % of the footprint's rows "
            + "are free.";
    }

    /** {@return the grid as a base64 PNG, row 0 (address 0) at the bottom} */
    static String png(HeapMap map) {
        BufferedImage image = new BufferedImage(map.columns(), map.rows(), BufferedImage.TYPE_INT_RGB);
        for (int col = 0; col < map.columns(); col++) {
            for (int row = 0; row < map.rows(); row++) {
                byte c = map.cell(col, row);
                int rgb = c == HeapMap.UNUSED ? UNUSED_RGB : c == HeapMap.FREE ? FREE_RGB : CLASS_RGB.get(c - 1);
                image.setRGB(col, map.rows() - 1 - row, rgb);
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
