package io.heaplab.report.html;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;

import static io.heaplab.report.html.SvgCheck.assertAccessibleSvg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    private static final String HOSTILE = "a<b>&\"c'\u0001";

    private static String bars(String label) {
        return BarChart.render("t", "Throughput " + label, "desc " + label, "M ops/s", List.of(
            new BarChart.Bar(label, 10, 8, 12, "#0072B2"), new BarChart.Bar("other", Double.NaN, Double.NaN,
                Double.NaN, "#E69F00")), 9, Units::trim);
    }

    @Test
    void shouldWriteBarChartsAsWellFormedSvgWithTitleAndTextAlternative() throws Exception {
        assertEquals("Throughput buddy", assertAccessibleSvg(bars("buddy")));
    }

    @Test
    void shouldEscapeLabelsSoHostileNamesStayText() throws Exception {
        Element root = SvgCheck.parse(bars(HOSTILE));
        assertEquals("Throughput a<b>&\"c'", root.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void shouldRenderTheSameBytesForTheSameInput() {
        assertEquals(bars("x"), bars("x"));
    }

    @Test
    void shouldDrawAnErrorBarForEachBarWithAnInterval() throws Exception {
        Element root = SvgCheck.parse(bars("x"));
        // one interval: its horizontal line and two end caps, plus 2 axes, the reference line and the grid lines
        long blackLines = countLines(root, "#000");
        assertEquals(3 + 2 + 1, blackLines);
    }

    @Test
    void shouldWriteStackedAndLineChartsAsAccessibleSvg() throws Exception {
        String stacked = StackedBarChart.render("s", "Split", "alt", "share (%)", List.of(
                new StackedBarChart.Part("live", "#0072B2"), new StackedBarChart.Part("internal", "#E69F00")),
            List.of(new StackedBarChart.Bar("buddy", new double[] {0.6, 0.3}),
                new StackedBarChart.Bar("glibc", new double[] {Double.NaN, Double.NaN})));
        assertEquals("Split", assertAccessibleSvg(stacked));
        assertTrue(stacked.contains("n/a (footprint not observable)"));
        String line = LineChart.render("l", "Lines", "alt", Axis.linear(0, 10, "ops", Units::trim),
            Axis.log(10, 1000, "ns", Units::nanos), List.of(new LineChart.Series("a", "#0072B2", "", new double[] {1,
                2}, new double[] {10, 100}, true), new LineChart.Series("b", "#E69F00", "6 3", new double[] {1, 2},
                new double[] {Double.NaN, 50}, false)));
        assertEquals("Lines", assertAccessibleSvg(line));
    }

    @Test
    void shouldPickNiceTicksThatCoverTheRange() {
        Axis a = Axis.linear(0, 37.1, "x", Units::trim);
        assertEquals(List.of("0", "10", "20", "30", "40"), a.ticks().stream().map(Axis.Tick::text).toList());
        Axis log = Axis.log(35, 15_000, "ns", Units::nanos);
        assertEquals(List.of("10 ns", "100 ns", "1 µs", "10 µs", "100 µs"), log.ticks().stream().map(Axis.Tick::text)
            .toList());
    }

    @Test
    void shouldFormatNumbersWithAtMostTwoDecimalsAndNoExponent() {
        assertEquals("12.5", Svg.num(12.5));
        assertEquals("3", Svg.num(3.0001));
        assertEquals("-0.25", Svg.num(-0.25));
        assertEquals("0", Svg.num(-0.001));
        assertEquals("12345678", Svg.num(1.2345678e7));
    }

    @Test
    void shouldUseOkabeItoColoursStablyPerSeries() {
        Palette p = new Palette(List.of("a", "b"));
        assertEquals("#0072B2", p.colour("a"));
        assertEquals("#E69F00", p.colour("b"));
        assertEquals("#0072B2", p.colour("a"));
        for (int i = 0; i < 7; i++) {
            p.colour("x" + i);
        }
        assertEquals("6 3", p.dash("x6"), "the ninth series repeats a colour, so it is dashed");
    }

    private static long countLines(Element root, String stroke) {
        var lines = root.getElementsByTagName("line");
        long n = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            if (stroke.equals(((Element) lines.item(i)).getAttribute("stroke"))) {
                n++;
            }
        }
        return n;
    }
}
