package io.heaplab.report.html;

import java.util.List;

/**
 * Horizontal stacked bars of fractions that sum to at most 1 (e.g. a footprint split into live data, internal and
 * external fragmentation), with a legend; deterministic, with a {@code <title>} and a {@code <desc>}.
 */
final class StackedBarChart {

    /**
     * One part of every bar.
     *
     * @param name   its legend text
     * @param colour its fill colour
     */
    record Part(String name, String colour) {
    }

    /**
     * One bar.
     *
     * @param label     the category, shown left of the bar
     * @param fractions one fraction in [0, 1] per part, in part order; NaN draws "n/a" instead of the bar
     */
    record Bar(String label, double[] fractions) {
    }

    private static final int LEFT_PX = 160;
    private static final int RIGHT_PX = 30;
    private static final int TOP_PX = 50;
    private static final int ROW_PX = 22;
    private static final int BOTTOM_PX = 44;

    private StackedBarChart() {
    }

    /**
     * {@return the chart as an SVG document}
     *
     * @param id          unique id within the page
     * @param title       the chart's title
     * @param description its text alternative
     * @param axisLabel   the axis label with unit
     * @param parts       the parts, left to right, with their legend
     * @param bars        the bars, top to bottom
     */
    static String render(String id, String title, String description, String axisLabel, List<Part> parts,
                         List<Bar> bars) {
        Axis axis = Axis.linear(0, 1, axisLabel, v -> Math.round(v * 100) + " %");
        int width = BarChart.WIDTH_PX;
        int plotWidth = width - LEFT_PX - RIGHT_PX;
        int height = TOP_PX + ROW_PX * Math.max(1, bars.size()) + BOTTOM_PX;
        int plotBottom = height - BOTTOM_PX;
        Svg svg = new Svg(id, width, height, title, description);
        svg.text("text", title, "x", 8, "y", 18, "font-weight", "bold", "font-size", 14);
        double legendX = LEFT_PX;
        for (Part p : parts) {
            svg.element("rect", "x", legendX, "y", 27.0, "width", 12, "height", 12, "fill", p.colour());
            svg.text("text", p.name(), "x", legendX + 16, "y", 37.0);
            legendX += 24 + 7 * p.name().length();
        }
        for (Axis.Tick t : axis.ticks()) {
            double x = LEFT_PX + axis.fraction(t.value()) * plotWidth;
            svg.element("line", "x1", x, "y1", (double) TOP_PX, "x2", x, "y2", (double) plotBottom, "stroke", "#ddd");
            svg.text("text", t.text(), "x", x, "y", plotBottom + 16.0, "text-anchor", "middle");
        }
        svg.text("text", axisLabel, "x", LEFT_PX + plotWidth / 2.0, "y", height - 8.0, "text-anchor", "middle");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = TOP_PX + i * ROW_PX;
            svg.text("text", b.label(), "x", LEFT_PX - 6.0, "y", y + ROW_PX * 0.65, "text-anchor", "end");
            double x = LEFT_PX;
            boolean any = false;
            for (int k = 0; k < parts.size() && k < b.fractions().length; k++) {
                double f = b.fractions()[k];
                if (!Double.isFinite(f)) {
                    continue;
                }
                any = true;
                double w = Math.max(0, Math.min(1, f)) * plotWidth;
                svg.open("g");
                svg.text("title", b.label() + ": " + parts.get(k).name() + " " + Units.percent(f));
                svg.element("rect", "x", x, "y", y + 3, "width", w, "height", ROW_PX - 6.0, "fill",
                    parts.get(k).colour());
                svg.close("g");
                x += w;
            }
            if (!any) {
                svg.text("text", "n/a (footprint not observable)", "x", LEFT_PX + 4.0, "y", y + ROW_PX * 0.65,
                    "fill", "#555");
            }
        }
        svg.element("line", "x1", (double) LEFT_PX, "y1", (double) plotBottom, "x2", (double) (LEFT_PX + plotWidth),
            "y2", (double) plotBottom, "stroke", "#000");
        return svg.finish();
    }
}
