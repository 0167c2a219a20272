package io.heaplab.report.html;

import io.heaplab.report.DetectionData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code index.html} of {@code heaplab detect --report DIR}: the detection matrix (allocator × level × fault:
 * injected, detected, missed, false positives, latency), the throughput cost of each check level, and what each
 * unchecked allocator does with each misuse. Same offline rules as the comparison report (inline CSS, SVG and script;
 * no network); the tables are the source of truth, the two bar charts summarise them.
 *
 * <p>Colours: check levels take Okabe–Ito colours (colour-blind safe) and every bar is labelled with its allocator
 * and level, so nothing is told by colour alone; a missed fault and an unchecked outcome other than {@code silent}
 * are bold as well as coloured.
 */
public final class DetectionPage {

    private DetectionPage() {
    }

    /** {@return the page} @param data the results of {@code heaplab detect} */
    public static String render(DetectionData data) {
        StringBuilder html = new StringBuilder(16_384);
        String title = "heaplab detect: which misuses each check level catches, and at what cost";
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
            .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .append(esc(title)).append("</title>\n<style>\n").append(HtmlReport.CSS).append("</style>\n</head>\n<body>\n")
            .append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">").append(esc(data.setting()))
            .append("</p>\n<nav><a href=\"#matrix\">Detection matrix</a> · <a href=\"#cost\">Cost per level</a>")
            .append(data.probes().isEmpty() ? "" : " · <a href=\"#unchecked\">Unchecked allocators</a>")
            .append("</nav>\n");
        matrix(html, data);
        cost(html, data);
        unchecked(html, data);
        if (!data.notes().isEmpty()) {
            html.append("<section id=\"notes\"><h2>Notes</h2>\n<ul>\n");
            for (String n : data.notes()) {
                html.append("<li>").append(esc(n)).append("</li>\n");
            }
            html.append("</ul></section>\n");
        }
        html.append(HtmlReport.SCRIPT).append("</body>\n</html>\n");
        return html.toString();
    }

    private static void matrix(StringBuilder html, DetectionData data) {
        html.append("<section id=\"matrix\"><h2>Detection matrix</h2>\n<p>Each row: faults of one kind injected into "
            + "the workloads and replayed on the allocator wrapped in the checked layer at one level (RECORD mode). "
            + "Latency is the number of operations from the fault to its report: overflows are found when the block "
            + "is freed, writes after free when the block leaves the quarantine, leaks at close.</p>\n")
            .append("<table class=\"sortable detection-matrix\">\n<thead><tr><th>allocator</th><th>level</th>")
            .append("<th>fault</th><th>injected</th><th>detected</th><th>missed</th><th>false positives</th>")
            .append("<th>detection rate</th><th>latency mean (ops)</th><th>latency max (ops)</th></tr></thead>\n<tbody>\n");
        for (DetectionData.MatrixRow r : data.matrix()) {
            html.append("<tr><td>").append(esc(r.allocator())).append("</td><td>").append(esc(r.level()))
                .append("</td><td>").append(esc(r.fault())).append("</td>");
            num(html, r.injected(), "");
            num(html, r.detected(), "");
            num(html, r.missed(), r.missed() > 0 ? " bad" : "");
            num(html, r.falsePositives(), r.falsePositives() > 0 ? " bad" : "");
            cell(html, r.detectionRate(), Units.percent(r.detectionRate()), "");
            cell(html, r.meanLatencyOps(), Double.isNaN(r.meanLatencyOps()) ? "–"
                : String.format(Locale.ROOT, "%.1f", r.meanLatencyOps()), "");
            cell(html, r.maxLatencyOps(), r.maxLatencyOps() < 0 ? "–" : Long.toString(r.maxLatencyOps()), "");
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        Palette palette = new Palette(levels(data));
        List<BarChart.Bar> bars = new ArrayList<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (DetectionData.MatrixRow r : data.matrix()) {
            long[] t = totals.computeIfAbsent(r.allocator() + "\u0000" + r.level(), k -> new long[2]);
            t[0] += r.detected();
            t[1] += r.injected();
        }
        StringBuilder desc = new StringBuilder("Share of the injected faults that were detected, over all fault "
            + "kinds, per allocator and level: ");
        totals.forEach((key, t) -> {
            String[] parts = key.split("\u0000");
            double rate = t[1] == 0 ? Double.NaN : (double) t[0] / t[1];
            bars.add(new BarChart.Bar(parts[0] + " " + parts[1], rate * 100, Double.NaN, Double.NaN,
                palette.colour(parts[1])));
            desc.append(parts[0]).append(' ').append(parts[1]).append(' ').append(Units.percent(rate)).append("; ");
        });
        if (!bars.isEmpty()) {
            html.append("<div class=\"charts\">\n<figure>\n")
                .append(BarChart.render("detected", "Faults detected (all kinds)", desc.toString().strip(),
                    "faults detected (%)", bars, Double.NaN, v -> Units.trim(v) + " %"))
                .append("</figure>\n</div>\n");
        }
        html.append("</section>\n");
    }

    private static void cost(StringBuilder html, DetectionData data) {
        html.append("<section id=\"cost\"><h2>Cost per level</h2>\n<p>Throughput of replaying the clean workloads "
            + "(no fault injected) unchecked (off) and at each level, best of the timed replays; cost = replay time "
            + "at the level / replay time unchecked. Every report on a clean trace is a false positive. Timed on a "
            + "shared machine: noisy.</p>\n")
            .append("<table class=\"sortable detection-cost\">\n<thead><tr><th>allocator</th><th>level</th>")
            .append("<th>M ops/s</th><th>cost (× off)</th><th>false positives on clean traces</th></tr></thead>\n")
            .append("<tbody>\n");
        List<BarChart.Bar> bars = new ArrayList<>();
        Palette palette = new Palette(levels(data));
        StringBuilder desc = new StringBuilder("Replay time at each check level relative to unchecked (1 = no cost): ");
        for (DetectionData.CostRow r : data.costs()) {
            html.append("<tr><td>").append(esc(r.allocator())).append("</td><td>").append(esc(r.level()))
                .append("</td>");
            cell(html, r.opsPerSecond(), Double.isNaN(r.opsPerSecond()) ? "–" : Units.mega(r.opsPerSecond()), "");
            cell(html, r.costRelativeToOff(), Units.ratio(r.costRelativeToOff()), "");
            cell(html, r.cleanFalsePositives(), r.cleanFalsePositives() < 0 ? "–"
                : Long.toString(r.cleanFalsePositives()), r.cleanFalsePositives() > 0 ? " bad" : "");
            html.append("</tr>\n");
            if (!r.level().equals("off") && Double.isFinite(r.costRelativeToOff())) {
                bars.add(new BarChart.Bar(r.allocator() + " " + r.level(), r.costRelativeToOff(), Double.NaN,
                    Double.NaN, palette.colour(r.level())));
                desc.append(r.allocator()).append(' ').append(r.level()).append(' ')
                    .append(Units.ratio(r.costRelativeToOff())).append("; ");
            }
        }
        html.append("</tbody>\n</table>\n");
        if (!bars.isEmpty()) {
            html.append("<div class=\"charts\">\n<figure>\n")
                .append(BarChart.render("cost", "Throughput cost of checking", desc.toString().strip(),
                    "replay time / unchecked replay time (×)", bars, 1.0, Units::ratio))
                .append("</figure>\n</div>\n");
        }
        html.append("</section>\n");
    }

    private static void unchecked(StringBuilder html, DetectionData data) {
        if (data.probes().isEmpty()) {
            return;
        }
        Set<String> allocators = new LinkedHashSet<>();
        Map<String, DetectionData.ProbeRow> byCell = new LinkedHashMap<>();
        for (DetectionData.ProbeRow p : data.probes()) {
            allocators.add(p.allocator());
            byCell.put(p.allocator() + "\u0000" + p.fault(), p);
        }
        html.append("<section id=\"unchecked\"><h2>Unchecked allocators (level off)</h2>\n<p>What each misuse does "
            + "to an allocator with no checking, probed in a child JVM under a watchdog. <b>silent</b>: nothing "
            + "observable; <b>corrupt</b>: overlapping, misaligned or out-of-heap blocks, changed bytes of live "
            + "blocks, or wrong statistics; <b>exception</b>: an incidental exception; <b>hang</b>: no return "
            + "within the watchdog. Hover a cell for what was observed.</p>\n")
            .append("<table class=\"sortable detection-unchecked\">\n<thead><tr><th>allocator</th>");
        for (String f : data.faults()) {
            html.append("<th>").append(esc(f)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (String a : allocators) {
            html.append("<tr><td>").append(esc(a)).append("</td>");
            for (String f : data.faults()) {
                DetectionData.ProbeRow p = byCell.get(a + "\u0000" + f);
                if (p == null) {
                    html.append("<td class=\"muted\">–</td>");
                } else {
                    html.append("<td class=\"").append(p.outcome().equals("silent") ? "muted" : "bad")
                        .append("\" title=\"").append(esc(p.detail())).append("\">").append(esc(p.outcome()))
                        .append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static List<String> levels(DetectionData data) {
        Set<String> levels = new LinkedHashSet<>();
        for (DetectionData.MatrixRow r : data.matrix()) {
            levels.add(r.level());
        }
        for (DetectionData.CostRow r : data.costs()) {
            if (!r.level().equals("off")) {
                levels.add(r.level());
            }
        }
        return List.copyOf(levels);
    }

    private static void num(StringBuilder html, long v, String extraClass) {
        cell(html, v, Long.toString(v), extraClass);
    }

    private static void cell(StringBuilder html, double sortValue, String text, String extraClass) {
        html.append("<td class=\"num").append(extraClass).append("\" data-v=\"")
            .append(Double.isFinite(sortValue) ? Svg.num(sortValue) : "").append("\">").append(esc(text))
            .append("</td>");
    }

    private static String esc(String s) {
        return Svg.escape(s);
    }
}
