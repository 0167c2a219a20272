package io.heaplab.report.html;

import io.heaplab.report.BaselineComparison;
import io.heaplab.report.EnvironmentInfo;
import io.heaplab.report.Estimate;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.RunSettings;
import io.heaplab.report.SizeHistogram;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code index.html} of a report: one self-contained page (inline CSS, SVG and a few lines of script; no
 * network access, enforced by a {@code Content-Security-Policy} of {@code default-src 'none'}).
 *
 * <p>Sections: how the results were measured; "in short" per workload; the summary across workloads; optionally a
 * second run against the first; then per workload the comparison table (the source of truth, every chart's numbers
 * are in it) and its charts. The script only makes tables sortable and sets {@code data-heaplab-ready="1"} on the
 * {@code <html>} element when it ran without error (the browser test checks it).
 */
final class HtmlReport {

    private final StringBuilder html = new StringBuilder(64 * 1024);

    private HtmlReport() {
    }

    /**
     * {@return the page for {@code document}}
     *
     * @param document   the results
     * @param comparison a second run against a first one, or {@code null}
     */
    static String render(ResultsDocument document, RunComparison comparison) {
        return render(document, comparison, Map.of());
    }

    /**
     * {@return the page for {@code document}, with each workload's request sizes where known}
     *
     * @param document   the results
     * @param comparison a second run against a first one, or {@code null}
     * @param sizes      request-size histograms by workload name (workloads without one get no size chart)
     */
    static String render(ResultsDocument document, RunComparison comparison, Map<String, SizeHistogram> sizes) {
        return new HtmlReport().page(document, comparison, sizes);
    }

    private String page(ResultsDocument document, RunComparison comparison, Map<String, SizeHistogram> sizes) {
        Map<String, List<PairResult>> byWorkload = document.byWorkload();
        Palette palette = new Palette(document.results().stream().map(PairResult::allocator).distinct().toList());
        SuiteSummary summary = SuiteSummary.of(document);
        String baseline = document.settings().baseline();
        head("heaplab report");
        html.append("<h1>heaplab report</h1>\n");
        settings(document.environment(), document.settings(), byWorkload.size());
        html.append("<nav><b>Workloads:</b> ");
        int w = 0;
        for (String workload : byWorkload.keySet()) {
            html.append(w > 0 ? " · " : "").append("<a href=\"#w").append(w++).append("\">").append(esc(workload))
                .append("</a>");
        }
        html.append("</nav>\n");
        html.append("<section id=\"in-short\"><h2>In short</h2>\n<ul>\n");
        for (Map.Entry<String, List<String>> e : summary.inShort().entrySet()) {
            html.append("<li><b>").append(esc(e.getKey())).append("</b>: ")
                .append(e.getValue().isEmpty() ? "nothing measured" : esc(String.join("; ", e.getValue())))
                .append("</li>\n");
        }
        html.append("</ul>\n<p class=\"note\">\"Fastest\" names every allocator not significantly slower than the top "
            + "one (Welch t-test, p ≥ 0.05 = tie); allocators that failed allocations are never named.</p></section>\n");
        suite(summary, baseline, palette);
        if (comparison != null) {
            comparison(comparison);
        }
        w = 0;
        for (Map.Entry<String, List<PairResult>> e : byWorkload.entrySet()) {
            String id = "w" + w++;
            html.append("<section id=\"").append(id).append("\"><h2>Workload: ").append(esc(e.getKey()))
                .append("</h2>\n");
            table(e.getValue(), baseline);
            WorkloadCharts charts = new WorkloadCharts(id, e.getKey(), e.getValue(), palette);
            html.append("<div class=\"charts\">\n");
            figure(charts.throughput(baseline));
            figure(charts.footprintSplit());
            figure(charts.timeline());
            figure(charts.latency());
            figure(charts.sizes(sizes.get(e.getKey())));
            html.append("</div></section>\n");
        }
        legend();
        html.append(SCRIPT).append("</body>\n</html>\n");
        return html.toString();
    }

    private void head(String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
            .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    private void settings(EnvironmentInfo env, RunSettings s, int workloads) {
        html.append("<p class=\"meta\"><code>").append(esc(s.command())).append("</code><br>\n")
            .append(workloads).append(" workload(s); ").append(s.forks() == 0 ? "measured in one JVM"
                : s.forks() + " forked JVM(s) per pair").append(", ").append(s.runsPerFork())
            .append(" measured runs of ≥ ").append(s.minRunMillis()).append(" ms after ").append(s.warmupsPerFork())
            .append(" warm-ups each; research heaps of ").append(esc(Units.bytes(s.heapBytes())))
            .append(s.verify() ? "; block contents verified" : "").append(s.baseline().isEmpty() ? ""
                : "; throughput ratios relative to <b>" + esc(s.baseline()) + "</b>")
            .append(".<br>\nheaplab ").append(esc(env.heaplabVersion())).append(" · JDK ").append(esc(env.jdk()))
            .append(" · ").append(esc(env.os())).append(' ').append(esc(env.arch())).append(" · ")
            .append(env.cpuCount()).append(" CPUs · ").append(esc(env.timestamp())).append("</p>\n");
    }

    private void suite(SuiteSummary summary, String baseline, Palette palette) {
        html.append("<section id=\"suite\"><h2>Across workloads</h2>\n<table class=\"sortable\">\n<thead><tr>")
            .append("<th>allocator</th><th>kind</th><th>workloads</th><th>throughput vs ")
            .append(esc(baseline.isEmpty() ? "baseline" : baseline))
            .append(" (geometric mean)</th><th>mean utilization</th><th>fastest on</th><th>least waste on</th>")
            .append("<th>failed on</th></tr></thead>\n<tbody>\n");
        List<BarChart.Bar> bars = new java.util.ArrayList<>();
        for (SuiteSummary.AllocatorSummary a : summary.allocators()) {
            html.append("<tr><td>").append(esc(a.allocator())).append("</td><td>").append(esc(a.kind()))
                .append("</td>").append(num(a.measured(), Integer.toString(a.measured())))
                .append(num(a.ratioGeoMean(), Units.ratio(a.ratioGeoMean())
                    + (a.ratioCount() > 0 ? " (" + a.ratioCount() + ")" : "")))
                .append(num(a.utilizationMean(), Units.percent(a.utilizationMean())))
                .append("<td>").append(esc(String.join(", ", a.fastestOn()))).append("</td><td>")
                .append(esc(String.join(", ", a.leastWastefulOn()))).append("</td><td class=\"")
                .append(a.failedOn().isEmpty() ? "" : "bad").append("\">").append(esc(String.join(", ", a.failedOn())))
                .append("</td></tr>\n");
            if (Double.isFinite(a.ratioGeoMean())) {
                bars.add(new BarChart.Bar(a.allocator(), a.ratioGeoMean(), Double.NaN, Double.NaN,
                    palette.colour(a.allocator())));
            }
        }
        html.append("</tbody></table>\n");
        if (!bars.isEmpty()) {
            StringBuilder alt = new StringBuilder("Geometric mean over the workloads of each allocator's throughput "
                + "relative to " + baseline + " (1 = as fast): ");
            bars.forEach(b -> alt.append(b.label()).append(' ').append(Units.ratio(b.value())).append("; "));
            html.append("<div class=\"charts\">\n");
            // ratios multiply, so a log axis: 2× faster and 2× slower sit equally far from the dashed 1× line
            double least = bars.stream().mapToDouble(BarChart.Bar::value).filter(v -> v > 0).min().orElse(1);
            String label = "geometric mean of throughput ratio (× " + baseline + ", log scale, higher is better)";
            figure(BarChart.render("suite-ratio", "Throughput relative to " + baseline + " across workloads",
                alt.toString().trim(), bars, 1.0, Units::trim,
                max -> Axis.log(Math.min(least, 0.5), Math.max(max, 2), label, Units::trim)));
            html.append("</div>\n");
        }
        html.append("</section>\n");
    }

    private void comparison(RunComparison c) {
        html.append("<section id=\"runs\"><h2>").append(esc(c.after())).append(" against ").append(esc(c.before()))
            .append("</h2>\n<table class=\"sortable\">\n<thead><tr><th>allocator</th><th>workload</th>")
            .append("<th>before (M ops/s)</th><th>after (M ops/s)</th><th>ratio</th><th>p (Welch)</th>")
            .append("<th>significant</th><th>utilization before</th><th>utilization after</th></tr></thead>\n<tbody>\n");
        for (RunComparison.Row r : c.rows()) {
            html.append("<tr><td>").append(esc(r.allocator())).append("</td><td>").append(esc(r.workload()))
                .append("</td>").append(num(r.beforeOpsPerSecond(), Units.mega(r.beforeOpsPerSecond())))
                .append(num(r.afterOpsPerSecond(), Units.mega(r.afterOpsPerSecond())))
                .append(num(r.ratio(), Units.ratio(r.ratio()))).append(num(r.pValue(), Units.pValue(r.pValue())))
                .append("<td>").append(r.significant() ? (r.ratio() > 1 ? "faster" : "slower") : "~ (no change)")
                .append("</td>").append(num(r.beforeUtilization(), Units.percent(r.beforeUtilization())))
                .append(num(r.afterUtilization(), Units.percent(r.afterUtilization()))).append("</tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"note\">ratio = after / before in throughput; significant when "
            + "Welch's t-test on the raw run samples gives p &lt; 0.05, as benchstat reports.</p></section>\n");
    }

    private void table(List<PairResult> results, String baseline) {
        html.append("<table class=\"sortable\">\n<thead><tr><th>allocator</th><th>status</th>")
            .append("<th>utilization</th><th>fragmentation</th><th>internal frag.</th><th>external frag.</th>")
            .append("<th>peak footprint</th><th>throughput (M ops/s, 95% CI)</th><th>vs ")
            .append(esc(baseline.isEmpty() ? "baseline" : baseline)).append(" (95% CI)</th><th>p</th>")
            .append("<th>p50 / p99 latency</th><th>failed allocs</th></tr></thead>\n<tbody>\n");
        for (PairResult r : results) {
            html.append("<tr><td>").append(esc(r.allocator())).append("</td>");
            if (r.status() != PairResult.Status.OK) {
                html.append("<td class=\"").append(r.status() == PairResult.Status.FAILED ? "bad" : "muted")
                    .append("\" colspan=\"11\">").append(esc(r.status().name().toLowerCase(Locale.ROOT)))
                    .append(": ").append(esc(r.message())).append("</td></tr>\n");
                continue;
            }
            Estimate ops = r.opsPerSecond();
            BaselineComparison b = r.baseline();
            html.append("<td>ok</td>")
                .append(num(r.memory().utilization(), Units.percent(r.memory().utilization())))
                .append(num(r.memory().fragmentation(), Units.percent(r.memory().fragmentation())))
                .append(num(r.memory().internalFragmentationBytes(), Units.bytes(
                    r.memory().internalFragmentationBytes())))
                .append(num(r.memory().externalFragmentation(), Units.percent(r.memory().externalFragmentation())))
                .append(num(r.memory().peakFootprintBytes(), Units.bytes(r.memory().peakFootprintBytes())))
                .append(num(ops.mean(), Units.mega(ops.mean()) + (Double.isFinite(ops.ci95Low()) ? " ["
                    + Units.mega(ops.ci95Low()) + ", " + Units.mega(ops.ci95High()) + "]" : "")));
            if (b == null) {
                html.append(r.allocator().equals(baseline) ? "<td>baseline</td><td></td>" : "<td>–</td><td></td>");
            } else {
                html.append(num(b.ratio(), Units.ratio(b.ratio()) + (Double.isFinite(b.ci95Low()) ? " ["
                        + Units.trim(b.ci95Low()) + ", " + Units.trim(b.ci95High()) + "]" : "")
                        + (b.significant() ? "" : " n.s.")))
                    .append(num(b.pValue(), Units.pValue(b.pValue())));
            }
            html.append(num(r.latency().p99Nanos(), Units.nanos(r.latency().p50Nanos()) + " / "
                    + Units.nanos(r.latency().p99Nanos())))
                .append("<td class=\"num").append(r.counts().failedAllocations() > 0 ? " bad" : "").append("\">")
                .append(r.counts().failedAllocations()).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private void figure(String svg) {
        if (!svg.isEmpty()) {
            html.append("<figure>\n").append(svg).append("</figure>\n");
        }
    }

    private void legend() {
        html.append("""
            <section id="legend"><h2>What the numbers mean</h2><dl>
            <dt>utilization</dt><dd>peak live requested bytes / peak heap footprint (CS:APP malloc lab); 100 % = no waste.</dd>
            <dt>fragmentation</dt><dd>peak footprint / peak live bytes − 1 (Johnstone &amp; Wilson, measure 4).</dd>
            <dt>internal frag.</dt><dd>bytes granted beyond the requests (rounding, size classes, headers) when live bytes peak.</dd>
            <dt>external frag.</dt><dd>1 − largest free block / all free bytes inside the footprint, when live bytes peak.</dd>
            <dt>throughput</dt><dd>trace operations (alloc, free, realloc) replayed per second; mean and 95 % confidence interval over the runs.</dd>
            <dt>vs baseline</dt><dd>throughput ratio with its 95 % interval (Fieller) and p-value; n.s. = not significant (p ≥ 0.05).</dd>
            <dt>latency</dt><dd>percentiles of sampled single operations, timer cost included.</dd>
            <dt>–</dt><dd>not observable: native allocators expose no heap footprint.</dd>
            </dl><p class="note">Numbers in the tables are the source of truth; every chart has a text alternative.
            Colours: Okabe–Ito palette (colour-blind safe).</p></section>
            """);
    }

    /** A numeric cell: right-aligned, sortable by its raw value. */
    private static String num(double raw, String shown) {
        return "<td class=\"num\" data-v=\"" + (Double.isFinite(raw) && raw >= -0.5 ? Svg.num(raw) : "") + "\">"
            + esc(shown) + "</td>";
    }

    private static String esc(String s) {
        return Svg.escape(s);
    }

    static final String CSS = """
        body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1400px;padding:0 1em;color:#111;background:#fff}
        h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
        .meta{color:#333;font-size:.9em}.note{color:#555;font-size:.85em}
        table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
        th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}
        th{background:#f0f0f0;cursor:pointer}td.num{text-align:right;font-variant-numeric:tabular-nums}
        td.bad{color:#D55E00;font-weight:bold}td.muted{color:#666}
        .charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}svg.chart{max-width:100%;height:auto}
        nav{margin:.5em 0}dt{font-weight:bold}dd{margin:0 0 .4em 1.5em}
        """;

    /** Sortable tables (click a header); marks the page ready for the browser test. */
    static final String SCRIPT = """
        <script>
        (function () {
          document.querySelectorAll('table.sortable').forEach(function (table) {
            table.querySelectorAll('th').forEach(function (th, col) {
              th.addEventListener('click', function () {
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                var dir = th.dataset.dir === 'asc' ? -1 : 1;
                th.dataset.dir = dir === 1 ? 'asc' : 'desc';
                rows.sort(function (a, b) {
                  var x = a.cells[col], y = b.cells[col];
                  if (!x || !y) { return 0; }
                  var vx = x.dataset.v, vy = y.dataset.v;
                  if (vx !== undefined && vy !== undefined && vx !== '' && vy !== '') { return dir * (vx - vy); }
                  return dir * x.textContent.localeCompare(y.textContent);
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
          });
          document.documentElement.dataset.heaplabReady = '1';
        })();
        </script>
        """;
}
