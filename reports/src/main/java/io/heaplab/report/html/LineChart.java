package io.heaplab.report.html;

import java.util.List;

/**
 * Lines over two {@link Axis axes} (linear or logarithmic), with a legend; deterministic, with a {@code <title>} and
 * a {@code <desc>}. Points outside the axes are clamped to the plot's edge.
 */
final class LineChart {

    /**
     * One line.
     *
     * @param name   its legend text
     * @param colour its stroke colour
     * @param dash   its dash pattern ({@code ""} = solid)
     * @param xs     x values
     * @param ys     y values, as many as {@code xs}; NaN points are skipped
     * @param marks  whether each point also gets a dot
     */
    record Series(String name, String colour, String dash, double[] xs, double[] ys, boolean marks) {
    }

    private static final int WIDTH_PX = 640;
    private static final int LEFT_PX = 80;
    private static final int RIGHT_PX = 170;
    private static final int TOP_PX = 30;
    private static final int HEIGHT_PX = 300;
    private static final int BOTTOM_PX = 44;

    private LineChart() {
    }

    /**
     * {@return the chart as an SVG document}
     *
     * @param id          unique id within the page
     * @param title       the chart's title
     * @param description its text alternative
     * @param x           the horizontal axis
     * @param y           the vertical axis
     * @param series      the lines, drawn in order, listed in the legend right of the plot
     */
    static String render(String id, String title, String description, Axis x, Axis y, List<Series> series) {
        int plotWidth = WIDTH_PX - LEFT_PX - RIGHT_PX;
        int plotBottom = HEIGHT_PX - BOTTOM_PX;
        int plotHeight = plotBottom - TOP_PX;
        Svg svg = new Svg(id, WIDTH_PX, HEIGHT_PX, title, description);
        svg.text("text", title, "x", 8, "y", 18, "font-weight", "bold", "font-size", 14);
        for (Axis.Tick t : x.ticks()) {
            double px = LEFT_PX + x.fraction(t.value()) * plotWidth;
            svg.element("line", "x1", px, "y1", (double) TOP_PX, "x2", px, "y2", (double) plotBottom, "stroke",
                "#ddd");
            svg.text("text", t.text(), "x", px, "y", plotBottom + 16.0, "text-anchor", "middle");
        }
        for (Axis.Tick t : y.ticks()) {
            double py = plotBottom - y.fraction(t.value()) * plotHeight;
            svg.element("line", "x1", (double) LEFT_PX, "y1", py, "x2", (double) (LEFT_PX + plotWidth), "y2", py,
                "stroke", "#ddd");
            svg.text("text", t.text(), "x", LEFT_PX - 6.0, "y", py + 4, "text-anchor", "end");
        }
        svg.text("text", x.label(), "x", LEFT_PX + plotWidth / 2.0, "y", HEIGHT_PX - 8.0, "text-anchor", "middle");
        svg.text("text", y.label(), "x", 14, "y", TOP_PX + plotHeight / 2.0, "text-anchor", "middle", "transform",
            "rotate(-90 14 " + Svg.num(TOP_PX + plotHeight / 2.0) + ")");
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < line.xs().length && i < line.ys().length; i++) {
                if (!Double.isFinite(line.ys()[i]) || !Double.isFinite(line.xs()[i])) {
                    continue;
                }
                double px = LEFT_PX + clamp(x.fraction(line.xs()[i])) * plotWidth;
                double py = plotBottom - clamp(y.fraction(line.ys()[i])) * plotHeight;
                if (!points.isEmpty()) {
                    points.append(' ');
                }
                points.append(Svg.num(px)).append(',').append(Svg.num(py));
                if (line.marks()) {
                    dots.append("M").append(Svg.num(px - 2.5)).append(' ').append(Svg.num(py)).append("a2.5 2.5 0 1 0 5"
                        + " 0a2.5 2.5 0 1 0 -5 0");
                }
            }
            svg.open("g");
            svg.text("title", line.name());
            if (!points.isEmpty()) {
                if (line.dash().isEmpty()) {
                    svg.element("polyline", "points", points, "fill", "none", "stroke", line.colour(), "stroke-width",
                        2);
                } else {
                    svg.element("polyline", "points", points, "fill", "none", "stroke", line.colour(), "stroke-width",
                        2, "stroke-dasharray", line.dash());
                }
            }
            if (!dots.isEmpty()) {
                svg.element("path", "d", dots, "fill", line.colour());
            }
            svg.close("g");
            double ly = TOP_PX + 6 + s * 16.0;
            double lx = LEFT_PX + plotWidth + 12.0;
            svg.element("line", "x1", lx, "y1", ly, "x2", lx + 20, "y2", ly, "stroke", line.colour(), "stroke-width",
                2, "stroke-dasharray", line.dash().isEmpty() ? "none" : line.dash());
            svg.text("text", line.name(), "x", lx + 26, "y", ly + 4);
        }
        svg.element("rect", "x", (double) LEFT_PX, "y", (double) TOP_PX, "width", (double) plotWidth, "height",
            (double) plotHeight, "fill", "none", "stroke", "#000");
        return svg.finish();
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}
