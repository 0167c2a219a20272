package io.heaplab.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal rendering of a {@link ResultsDocument}, written for someone who has never seen heaplab:
 * a line saying what each figure rests on, one {@link TextTable} per workload (allocator, util %, frag %,
 * internal %, ext. frag %, Mops/s ± 95 % CI, ratio to the baseline, p99 latency, failed allocations), a line per
 * pair that was not measured and why, and a legend explaining every column.
 */
final class TextResultFormat implements ResultFormat {

    private static final String NOT_OBSERVABLE = "n/a";

    @Override
    public void write(ResultsDocument document, Writer out) throws IOException {
        RunSettings s = document.settings();
        StringBuilder text = new StringBuilder();
        text.append(summaryLine(document)).append('\n');
        String baseline = s.baseline() == null || s.baseline().isEmpty() ? null : s.baseline();
        for (Map.Entry<String, List<PairResult>> group : document.byWorkload().entrySet()) {
            text.append('\n').append("Workload: ").append(group.getKey()).append('\n');
            TextTable table = new TextTable("allocator", "util %", "frag %", "internal %", "ext.frag %",
                "Mops/s (95% CI)", baseline == null ? "ratio" : "vs " + baseline, "p99 ns", "failed");
            List<String> notes = new ArrayList<>();
            for (PairResult r : group.getValue()) {
                if (r.status() != PairResult.Status.OK) {
                    notes.add("  " + r.allocator() + ": " + r.status().name().toLowerCase(Locale.ROOT)
                        + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
                    continue;
                }
                MemoryMetrics m = r.memory();
                table.row(r.allocator(), percent(m.utilization()), percent(m.fragmentation()),
                    m.internalFragmentationBytes() < 0 || m.peakLiveBytes() == 0 ? NOT_OBSERVABLE
                        : percent((double) m.internalFragmentationBytes() / m.peakLiveBytes()),
                    percent(m.externalFragmentation()), throughput(r.opsPerSecond()),
                    r.allocator().equals(baseline) ? "baseline" : ratio(r.baseline()),
                    r.latency().measured() ? Long.toString(r.latency().p99Nanos()) : NOT_OBSERVABLE,
                    Long.toString(r.counts().failedAllocations()));
                if (r.counts().verifyErrors() > 0 || r.counts().traceErrors() > 0) {
                    notes.add("  " + r.allocator() + ": " + r.counts().verifyErrors() + " corrupted blocks, "
                        + r.counts().traceErrors() + " trace errors" + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
                }
            }
            if (table.rowCount() > 0) {
                text.append(table.render());
            }
            if (!notes.isEmpty()) {
                text.append("Not measured or with errors:\n");
                for (String note : notes) {
                    text.append(note).append('\n');
                }
            }
            text.append(verdict(group.getValue()));
        }
        text.append('\n').append(legend(baseline));
        out.write(text.toString());
        out.flush();
    }

    /** One line naming the most memory-efficient and the fastest measured allocator, or nothing. */
    private static String verdict(List<PairResult> results) {
        PairResult leanest = null;
        PairResult fastest = null;
        for (PairResult r : results) {
            if (r.status() != PairResult.Status.OK) {
                continue;
            }
            if (Double.isFinite(r.memory().utilization())
                && (leanest == null || r.memory().utilization() > leanest.memory().utilization())) {
                leanest = r;
            }
            if (Double.isFinite(r.opsPerSecond().mean())
                && (fastest == null || r.opsPerSecond().mean() > fastest.opsPerSecond().mean())) {
                fastest = r;
            }
        }
        if (leanest == null && fastest == null) {
            return "";
        }
        StringBuilder line = new StringBuilder("In short:");
        if (leanest != null) {
            line.append(" least memory wasted by ").append(leanest.allocator()).append(" (util ")
                .append(percent(leanest.memory().utilization())).append(" %)");
        }
        if (fastest != null) {
            line.append(leanest != null ? ";" : "").append(" fastest ").append(fastest.allocator()).append(" (")
                .append(throughput(fastest.opsPerSecond()).replaceAll(" ±.*", "")).append(" Mops/s)");
        }
        return line.append(".\n").toString();
    }

    private static String summaryLine(ResultsDocument document) {
        RunSettings s = document.settings();
        long allocators = document.results().stream().map(PairResult::allocator).distinct().count();
        long workloads = document.results().stream().map(PairResult::workload).distinct().count();
        String where = s.forks() == 0 ? "in this JVM" : s.forks() + (s.forks() == 1 ? " forked JVM" : " forked JVMs")
            + " per pair";
        return allocators + (allocators == 1 ? " allocator" : " allocators") + " x " + workloads
            + (workloads == 1 ? " workload" : " workloads") + "; each throughput figure rests on "
            + Math.max(1, s.forks()) * s.runsPerFork() + " timed runs (" + where + ", " + s.runsPerFork()
            + " runs of >= " + s.minRunMillis() + " ms after " + s.warmupsPerFork() + " warm-ups each)"
            + (s.verify() ? "; block contents verified" : "") + ".";
    }

    private static String legend(String baseline) {
        return String.join("\n",
            "What the columns mean (higher util and Mops/s are better, lower everything else):",
            "  util %       peak live bytes / peak heap footprint (CS:APP malloc-lab utilization; 100 = no waste)",
            "  frag %       peak footprint / peak live bytes - 1 (Johnstone & Wilson measure #4)",
            "  internal %   bytes granted beyond the request (rounding, size classes) / live bytes, at peak live",
            "  ext.frag %   1 - largest free block / all free bytes inside the footprint, at peak live",
            "  Mops/s       millions of trace operations (alloc, free, realloc) replayed per second, mean and 95% CI",
            baseline == null
                ? "  ratio        no baseline chosen (--baseline NAME)"
                : "  vs " + baseline + (" ".repeat(Math.max(1, 10 - baseline.length())))
                    + "ops/s relative to " + baseline + " [95% CI]; n.s. = no significant difference (Welch t-test, p >= 0.05)",
            "  p99 ns       99th percentile latency of one operation, timer cost included",
            "  failed       allocations the allocator could not satisfy within its heap",
            "  n/a          not observable: native allocators (glibc, jemalloc, mimalloc) expose no heap footprint",
            "");
    }

    private static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.1f", ratio * 100) : NOT_OBSERVABLE;
    }

    private static String throughput(Estimate e) {
        if (!Double.isFinite(e.mean())) {
            return NOT_OBSERVABLE;
        }
        if (!Double.isFinite(e.ci95Low())) {
            return String.format(Locale.ROOT, "%.2f", e.mean() / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f", e.mean() / 1e6, (e.ci95High() - e.ci95Low()) / 2 / 1e6);
    }

    private static String ratio(BaselineComparison b) {
        if (b == null || !Double.isFinite(b.ratio())) {
            return "-";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.2fx", b.ratio()));
        if (Double.isFinite(b.ci95Low()) && Double.isFinite(b.ci95High())) {
            s.append(String.format(Locale.ROOT, " [%.2f, %.2f]", b.ci95Low(), b.ci95High()));
        }
        if (!b.significant()) {
            s.append(" n.s.");
        }
        return s.toString();
    }
}
