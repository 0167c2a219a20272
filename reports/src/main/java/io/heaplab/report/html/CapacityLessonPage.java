package io.heaplab.report.html;

import io.heaplab.report.CapacityHeapMap;
import io.heaplab.report.CapacityLessonData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "why {@code Vec::with_capacity} matters" lesson as a self-contained page: a short explanation, the capacity
 * steps of the three ways of growing a Vec, the bytes each allocator had to copy, and a table with Rust's own call
 * counts beside heaplab's measured ones. Same offline rules as the report's {@code index.html}.
 */
public final class CapacityLessonPage {

    private static final List<String> CASES = List.of("new", "with_capacity", "reserve_exact_1");
    private static final Map<String, String> CASE_CODE = Map.of("new", "Vec::new()", "with_capacity",
        "Vec::with_capacity(n)", "reserve_exact_1", "reserve_exact(1) before each push");

    private CapacityLessonPage() {
    }

    /**
     * {@return the page}
     *
     * @param data the lesson's runs
     */
    public static String render(CapacityLessonData data) {
        return render(data, List.of());
    }

    /**
     * {@return the page, with a heap map per recorded case showing the blocks the Vec abandoned}
     *
     * @param data the lesson's runs
     * @param maps recorded cases (one allocator, each way of growing), in display order; may be empty
     */
    public static String render(CapacityLessonData data, List<CapacityHeapMap> maps) {
        StringBuilder html = new StringBuilder(32 * 1024);
        String title = "Why Vec::with_capacity matters: Vec<" + data.element() + ">, n = " + data.pushes();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ")
            .append("'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>").append(esc(title))
            .append("</title>\n<style>\n").append(HtmlReport.CSS).append("p{max-width:60em}</style>\n</head>\n<body>\n")
            .append("<h1>").append(esc(title)).append("</h1>\n");
        html.append("""
            <p>A <code>Vec</code> keeps its elements side by side in one heap block. Its <em>capacity</em> is how many
            elements that block can hold. When a push finds the block full, the Vec must grow: it asks the allocator
            to <em>reallocate</em> the block to a bigger size. If the allocator can extend the block where it is
            (<em>in place</em>), nothing is copied. Otherwise the allocator finds a new, bigger block, copies every
            element over and frees the old block, which is left behind as a hole in the heap.</p>
            <ul>
            <li><b>Vec::new()</b> doubles the capacity each time it is full (4, 8, 16, …), so n pushes cause only
            about log₂ n reallocations and copy fewer than 2n elements in total: each push costs O(1) on average.</li>
            <li><b>reserve_exact(1)</b> before every push grows by exactly one element: n − 1 reallocations. On an
            allocator that has to move the block, that copies 1 + 2 + … + (n − 1) elements: O(n²) work.</li>
            <li><b>Vec::with_capacity(n)</b> asks once for the right size: one allocation, no reallocation, nothing
            copied.</li>
            </ul>
            <p>Rust's numbers below come from Rust's growth rule (they depend only on n and the element size);
            heaplab's come from really running the same pushes on each allocator. The number of calls must agree;
            what differs between allocators is whether they can grow a block in place, and so how many bytes they
            copy.</p>
            """);
        html.append("<p class=\"meta\">Element ").append(esc(data.element())).append(" (").append(data.elementBytes())
            .append(" B); ").append(data.pushes()).append(" pushes; a fresh ").append(esc(Units.bytes(data.heapBytes())))
            .append(" heap per run").append(data.neighbours() ? "; a live 16-byte neighbour allocated after every "
                + "push (as a real program's other objects would), so the Vec's block can rarely grow in place" : "")
            .append(".</p>\n<div class=\"charts\">\n");
        if (data.elementBytes() > 0 && data.pushes() > 0) {
            html.append("<figure>\n").append(capacityChart(data)).append("</figure>\n");
        }
        List<String> allocators = data.rows().stream().map(CapacityLessonData.Row::allocator).distinct().toList();
        Palette palette = new Palette(allocators);
        for (String caseKey : List.of("new", "reserve_exact_1")) {
            String chart = copiedChart(data, caseKey, palette);
            if (!chart.isEmpty()) {
                html.append("<figure>\n").append(chart).append("</figure>\n");
            }
        }
        html.append("</div>\n");
        heapMaps(html, data, maps);
        table(html, data);
        html.append(HtmlReport.SCRIPT).append("</body>\n</html>\n");
        return html.toString();
    }

    private static String capacityChart(CapacityLessonData data) {
        List<LineChart.Series> series = new ArrayList<>();
        String[] colours = {Palette.OKABE_ITO.get(0), Palette.OKABE_ITO.get(1), Palette.OKABE_ITO.get(3)};
        String[] dashes = {"", "6 3", "2 2"};
        double maxCap = 0;
        for (int i = 0; i < CASES.size(); i++) {
            double[][] xy = RustVecGrowth.steps(CASES.get(i), data.elementBytes(), data.pushes());
            for (double c : xy[1]) {
                maxCap = Math.max(maxCap, c);
            }
            String name = CASES.get(i).equals("reserve_exact_1") ? "reserve_exact(1)" : CASE_CODE.get(CASES.get(i));
            series.add(new LineChart.Series(name, colours[i], dashes[i], xy[0], xy[1], false));
        }
        RustVecGrowth.Counts grow = RustVecGrowth.counts("new", data.elementBytes(), data.pushes());
        return LineChart.render("capacity", "Capacity as elements are pushed",
            "Capacity in elements against elements pushed, for n = " + data.pushes() + ". Vec::new() jumps by "
                + "doubling (" + grow.reallocations() + " reallocations after the first allocation); "
                + "with_capacity(n) is flat at n from the start; reserve_exact(1) climbs one element per push ("
                + Math.max(0, data.pushes() - 1) + " reallocations).",
            Axis.linear(0, data.pushes(), "elements pushed", Units::trim),
            Axis.linear(0, maxCap, "capacity (elements)", Units::trim), series);
    }

    private static String copiedChart(CapacityLessonData data, String caseKey, Palette palette) {
        List<BarChart.Bar> bars = new ArrayList<>();
        StringBuilder alt = new StringBuilder("Bytes each allocator copied while growing the Vec with "
            + CASE_CODE.get(caseKey) + ": ");
        for (CapacityLessonData.Row r : data.rows()) {
            if (r.caseKey().equals(caseKey) && r.failure().isEmpty()) {
                bars.add(new BarChart.Bar(r.allocator(), r.bytesCopied(), Double.NaN, Double.NaN,
                    palette.colour(r.allocator())));
                alt.append(r.allocator()).append(' ').append(Units.bytes(r.bytesCopied())).append("; ");
            }
        }
        if (bars.isEmpty()) {
            return "";
        }
        RustVecGrowth.Counts rust = RustVecGrowth.counts(caseKey, data.elementBytes(), data.pushes());
        return BarChart.render("copied-" + caseKey, "Bytes copied with " + CASE_CODE.get(caseKey)
                + " (dashed: all " + Units.bytes(rust.bytesPreserved()) + " preserved)", alt.toString().trim(),
            bars, rust.bytesPreserved(), Units::bytes,
            max -> Axis.bytes(max, "bytes copied by moving reallocations (lower is better)"));
    }

    private static void heapMaps(StringBuilder html, CapacityLessonData data, List<CapacityHeapMap> maps) {
        if (maps.isEmpty()) {
            return;
        }
        CapacityHeapMap first = maps.getFirst();
        html.append("<h2>The abandoned blocks on the heap map</h2>\n<p>Each picture is the heap of one run on <b>")
            .append(esc(first.allocator())).append("</b>: heap offset upwards, elements pushed to the right. Blue is "
                + "the block the Vec holds at that moment. Each time a reallocation cannot grow the block in place, "
                + "the Vec moves to a new, bigger block and the old one turns vermillion: it is abandoned, ")
            .append(first.reusesFreedMemory() ? "freed, and only useful again if something small enough comes "
                + "along to fill it" : "and here, where nothing was ever allocated below an earlier block again (a bump allocator never "
                + "reuses memory), stranded for good")
            .append(data.neighbours() ? ". Green are the neighbours allocated after every push: they sit right "
                + "behind the Vec's block, so it can rarely grow in place" : "")
            .append(". <b>Vec::with_capacity(n)</b> is one blue block from start to end. <b>Vec::new()</b> leaves a "
                + "few abandoned blocks, each half the size of the next. <b>reserve_exact(1)</b> moves on almost every "
                + "push: the vermillion triangle is the quadratic cost, one abandoned copy of the Vec per push.</p>\n"
                + "<div class=\"charts\">\n");
        for (CapacityHeapMap map : maps) {
            String name = map.caseKey().equals("reserve_exact_1") ? "reserve_exact(1)"
                : CASE_CODE.getOrDefault(map.caseKey(), map.caseKey());
            html.append("<figure>\n").append(CapacityHeapMapChart.render(map)).append("<figcaption>")
                .append(esc(name + " on " + map.allocator() + ": " + CapacityHeapMapChart.abandonedText(map) + "."))
                .append("</figcaption>\n</figure>\n");
        }
        html.append("</div>\n");
    }

    private static void table(StringBuilder html, CapacityLessonData data) {
        html.append("<h2>Rust's counts and heaplab's</h2>\n<table class=\"sortable\">\n<thead><tr><th>case</th>")
            .append("<th>allocator</th><th>allocs (Rust / heaplab)</th><th>reallocs (Rust / heaplab)</th>")
            .append("<th>in place</th><th>moved</th><th>bytes preserved (Rust / heaplab)</th><th>bytes copied</th>")
            .append("<th>peak footprint</th><th>time</th><th>agrees with Rust</th></tr></thead>\n<tbody>\n");
        Map<String, RustVecGrowth.Counts> rust = new LinkedHashMap<>();
        for (String c : CASES) {
            rust.put(c, RustVecGrowth.counts(c, data.elementBytes(), data.pushes()));
        }
        for (CapacityLessonData.Row r : data.rows()) {
            RustVecGrowth.Counts expected = rust.get(r.caseKey());
            html.append("<tr><td>").append(esc(CASE_CODE.getOrDefault(r.caseKey(), r.caseKey()))).append("</td><td>")
                .append(esc(r.allocator())).append("</td>");
            if (!r.failure().isEmpty()) {
                html.append("<td class=\"bad\" colspan=\"9\">failed: ").append(esc(r.failure())).append("</td></tr>\n");
                continue;
            }
            boolean agrees = expected != null && expected.allocations() == r.allocations()
                && expected.reallocations() == r.reallocations() && expected.bytesPreserved() == r.bytesPreserved();
            html.append(cell(pair(expected == null ? -1 : expected.allocations(), r.allocations())))
                .append(cell(pair(expected == null ? -1 : expected.reallocations(), r.reallocations())))
                .append(cell(Long.toString(r.reallocationsInPlace()))).append(cell(Long.toString(r.reallocationsMoved())))
                .append(cell(pair(expected == null ? -1 : expected.bytesPreserved(), r.bytesPreserved())))
                .append(cell(Units.bytes(r.bytesCopied()))).append(cell(Units.bytes(r.peakFootprintBytes())))
                .append(cell(Units.nanos(r.elapsedNanos()))).append("<td class=\"").append(agrees ? "" : "bad")
                .append("\">").append(agrees ? "yes" : "no").append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"note\">in place: reallocations that kept the block's address "
            + "(nothing copied); moved: the allocator allocated a new block, copied and freed the old one. bytes "
            + "preserved: what Rust's realloc contract keeps (the old capacity), whatever the allocator.</p>\n");
    }

    private static String pair(long rust, long heaplab) {
        return (rust < 0 ? "?" : Long.toString(rust)) + " / " + heaplab;
    }

    private static String cell(String text) {
        return "<td class=\"num\">" + esc(text) + "</td>";
    }

    private static String esc(String s) {
        return Svg.escape(s);
    }
}
