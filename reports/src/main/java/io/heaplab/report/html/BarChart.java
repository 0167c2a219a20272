package io.heaplab.report.html;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Horizontal bars with optional 95 % error bars and an optional reference line (e.g. the baseline's value).
 *
 * <pre>
 *   label  |██████████████────┤        one row per bar, the label left of the axis
 *   label  |████████─┤
 *          +----+----+----+----+
 *          0    5    10   15   20   x-axis label (unit)
 * </pre>
 * Rendering is deterministic; every chart carries a {@code <title>} and a {@code <desc>} text alternative.
 */
final class BarChart {

    /**
     * One bar.
     *
     * @param label  the category, shown left of the bar
     * @param value  the bar's length; NaN draws no bar and writes "n/a"
     * @param low    the lower end of the error bar, or NaN for none
     * @param high   the upper end of the error bar, or NaN for none
     * @param colour its fill colour
     */
    record Bar(String label, double value, double low, double high, String colour) {
    }

    static final int WIDTH_PX = 640;
    private static final int LEFT_PX = 160;
    private static final int RIGHT_PX = 70;
    private static final int TOP_PX = 30;
    private static final int ROW_PX = 22;
    private static final int BOTTOM_PX = 44;

    private BarChart() {
    }

    /**
     * {@return the chart as an SVG document}
     *
     * @param id          unique id within the page
     * @param title       the chart's title
     * @param description its text alternative
     * @param axisLabel   the value axis's label with unit
     * @param bars        the bars, top to bottom
     * @param reference   the value of a dashed reference line, or NaN for none
     * @param format      how values and ticks are written
     */
    static String render(String id, String title, String description, String axisLabel, List<Bar> bars,
                         double reference, DoubleFunction<String> format) {
        return render(id, title, description, bars, reference, format, max -> Axis.linear(0, max, axisLabel, format));
    }

    /**
     * {@return the chart as an SVG document, on an axis of the caller's choosing (e.g. {@link Axis#bytes})}
     *
     * @param id          unique id within the page
     * @param title       the chart's title
     * @param description its text alternative
     * @param bars        the bars, top to bottom
     * @param reference   the value of a dashed reference line, or NaN for none
     * @param format      how values are written next to the bars
     * @param axisFor     makes the value axis from the largest value to show
     */
    static String render(String id, String title, String description, List<Bar> bars, double reference,
                         DoubleFunction<String> format, DoubleFunction<Axis> axisFor) {
        double max = Double.isFinite(reference) ? reference : 0;
        for (Bar b : bars) {
            max = Math.max(max, Double.isFinite(b.high()) ? b.high() : Double.isFinite(b.value()) ? b.value() : 0);
        }
        Axis axis = axisFor.apply(max);
        String axisLabel = axis.label();
        int plotWidth = WIDTH_PX - LEFT_PX - RIGHT_PX;
        int height = TOP_PX + ROW_PX * Math.max(1, bars.size()) + BOTTOM_PX;
        int plotBottom = height - BOTTOM_PX;
        Svg svg = new Svg(id, WIDTH_PX, height, title, description);
        svg.text("text", title, "x", 8, "y", 18, "font-weight", "bold", "font-size", 14);
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
            if (!Double.isFinite(b.value())) {
                svg.text("text", "n/a", "x", LEFT_PX + 4.0, "y", y + ROW_PX * 0.65, "fill", "#555");
                continue;
            }
            double w = axis.fraction(b.value()) * plotWidth;
            svg.open("g");
            svg.text("title", b.label() + ": " + format.apply(b.value())
                + (Double.isFinite(b.low()) ? " (95% CI " + format.apply(b.low()) + " to " + format.apply(b.high())
                + ")" : ""));
            svg.element("rect", "x", (double) LEFT_PX, "y", y + 3, "width", Math.max(0.5, w), "height",
                ROW_PX - 6.0, "fill", b.colour());
            svg.close("g");
            double labelX = LEFT_PX + w;
            if (Double.isFinite(b.low()) && Double.isFinite(b.high())) {
                // an interval reaching below the axis (e.g. a negative throughput bound) is cut at the axis
                double x1 = LEFT_PX + Math.max(0, axis.fraction(b.low())) * plotWidth;
                double x2 = LEFT_PX + axis.fraction(b.high()) * plotWidth;
                double mid = y + ROW_PX / 2.0;
                svg.element("line", "x1", x1, "y1", mid, "x2", x2, "y2", mid, "stroke", "#000", "stroke-width", 1.5);
                svg.element("line", "x1", x1, "y1", mid - 5, "x2", x1, "y2", mid + 5, "stroke", "#000");
                svg.element("line", "x1", x2, "y1", mid - 5, "x2", x2, "y2", mid + 5, "stroke", "#000");
                labelX = Math.max(labelX, x2);
            }
            svg.text("text", format.apply(b.value()), "x", labelX + 4, "y", y + ROW_PX * 0.65, "fill", "#333");
        }
        if (Double.isFinite(reference)) {
            double x = LEFT_PX + axis.fraction(reference) * plotWidth;
            svg.element("line", "x1", x, "y1", TOP_PX - 4.0, "x2", x, "y2", (double) plotBottom, "stroke", "#000",
                "stroke-dasharray", "4 3");
        }
        svg.element("line", "x1", (double) LEFT_PX, "y1", (double) plotBottom, "x2", (double) (LEFT_PX + plotWidth),
            "y2", (double) plotBottom, "stroke", "#000");
        svg.element("line", "x1", (double) LEFT_PX, "y1", (double) TOP_PX, "x2", (double) LEFT_PX, "y2",
            (double) plotBottom, "stroke", "#000");
        return svg.finish();
    }
}
