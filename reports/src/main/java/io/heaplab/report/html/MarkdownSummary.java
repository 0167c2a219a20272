package io.heaplab.report.html;

import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.md}: the report as GitHub-flavoured Markdown tables, for papers and READMEs: the "in short" lines,
 * the summary across workloads, then one table per workload (utilization, throughput with its 95 % interval, ratio
 * to the baseline, p99 latency, failed allocations).
 */
final class MarkdownSummary {

    private MarkdownSummary() {
    }

    /**
     * {@return the Markdown text, lines ending in {@code \n}}
     *
     * @param document the results
     */
    static String render(ResultsDocument document) {
        SuiteSummary summary = SuiteSummary.of(document);
        String baseline = document.settings().baseline().isEmpty() ? "baseline" : document.settings().baseline();
        StringBuilder md = new StringBuilder("# heaplab results\n\n`").append(document.settings().command())
            .append("` — ").append(document.environment().timestamp()).append(", JDK ")
            .append(document.environment().jdk()).append(", ").append(document.environment().cpuCount())
            .append(" CPUs\n\n## In short\n\n");
        for (Map.Entry<String, List<String>> e : summary.inShort().entrySet()) {
            md.append("- **").append(cell(e.getKey())).append("**: ")
                .append(e.getValue().isEmpty() ? "nothing measured" : cell(String.join("; ", e.getValue())))
                .append('\n');
        }
        md.append("\n## Across workloads\n\n| allocator | workloads | throughput vs ").append(cell(baseline))
            .append(" (geo. mean) | mean utilization | failed on |\n|---|---:|---:|---:|---|\n");
        for (SuiteSummary.AllocatorSummary a : summary.allocators()) {
            md.append("| ").append(cell(a.allocator())).append(" | ").append(a.measured()).append(" | ")
                .append(Units.ratio(a.ratioGeoMean())).append(" | ").append(Units.percent(a.utilizationMean()))
                .append(" | ").append(cell(String.join(", ", a.failedOn()))).append(" |\n");
        }
        for (Map.Entry<String, List<PairResult>> e : document.byWorkload().entrySet()) {
            md.append("\n## ").append(cell(e.getKey())).append("\n\n| allocator | utilization | Mops/s (95% CI) | vs ")
                .append(cell(baseline)).append(" | p99 latency | failed allocs |\n|---|---:|---:|---:|---:|---:|\n");
            for (PairResult r : e.getValue()) {
                md.append("| ").append(cell(r.allocator())).append(" | ");
                if (r.status() != PairResult.Status.OK) {
                    md.append(r.status().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                        .append(cell(r.message())).append(" | | | | |\n");
                    continue;
                }
                md.append(Units.percent(r.memory().utilization())).append(" | ")
                    .append(Units.mega(r.opsPerSecond().mean()));
                if (Double.isFinite(r.opsPerSecond().ci95Low())) {
                    md.append(" [").append(Units.mega(r.opsPerSecond().ci95Low())).append(", ")
                        .append(Units.mega(r.opsPerSecond().ci95High())).append(']');
                }
                md.append(" | ").append(r.baseline() == null ? (r.allocator().equals(baseline) ? "baseline" : "–")
                        : Units.ratio(r.baseline().ratio()) + (r.baseline().significant() ? "" : " n.s."))
                    .append(" | ").append(Units.nanos(r.latency().p99Nanos())).append(" | ")
                    .append(r.counts().failedAllocations()).append(" |\n");
            }
        }
        md.append("\nutilization = peak live bytes / peak footprint; n.s. = not significantly different from ")
            .append(cell(baseline)).append(" (p ≥ 0.05); – = not observable.\n");
        return md.toString();
    }

    /** Text safe inside a table cell: pipes escaped, line breaks flattened. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }
}
