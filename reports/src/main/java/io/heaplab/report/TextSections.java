package io.heaplab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sections of the terminal rendering ({@link ResultFormats#TEXT}), each a string of whole lines, so that a
 * command can print each workload's table as soon as that workload is measured.
 *
 * <ol>
 *   <li>{@link #header}: what each figure rests on.</li>
 *   <li>{@link #workload}, once per workload: a table (allocator, util %, frag %, internal %, ext. frag %,
 *       Mops/s ± 95 % CI, ratio to the baseline, p99 latency, failed allocations), a note per pair not measured or
 *       degraded, and the "In short" line from the {@link WorkloadVerdict}.</li>
 *   <li>{@link #summary}: the {@link SuiteSummary} table and its overall verdict.</li>
 *   <li>{@link #legend}: what every column means.</li>
 * </ol>
 * No section ever prints NaN: what was not observed is "n/a", and the legend or a note says why.
 *
 * @implSpec Stateless and thread-safe.
 */
public final class TextSections {

    private static final String NOT_OBSERVABLE = "n/a";

    private TextSections() {
    }

    /**
     * {@return the first line: how many pairs and what each throughput figure rests on}
     *
     * @param s          how the results were measured
     * @param allocators how many allocators
     * @param workloads  how many workloads
     */
    public static String header(RunSettings s, int allocators, int workloads) {
        String where = s.forks() == 0 ? "in this JVM" : s.forks() + (s.forks() == 1 ? " forked JVM" : " forked JVMs")
            + " per allocator";
        return allocators + (allocators == 1 ? " allocator" : " allocators") + " x " + workloads
            + (workloads == 1 ? " workload" : " workloads") + "; each throughput figure rests on "
            + Math.max(1, s.forks()) * s.runsPerFork() + " timed runs (" + where + ", " + s.runsPerFork()
            + " runs of >= " + s.minRunMillis() + " ms after " + s.warmupsPerFork()
            + (s.warmupsPerFork() == 1 ? " warm-up" : " warm-ups") + " each"
            + (s.forks() > 0 ? ", 2 more on a JVM's first workload" : "") + ")"
            + (s.verify() ? "; block contents verified" : "") + ".\n";
    }

    /**
     * {@return one workload's section: a blank line, its title, table, notes and "In short" line}
     *
     * @param workload the workload's name
     * @param results  its pairs, in display order
     * @param verdict  who did best, or {@code null} for no "In short" line
     * @param baseline the baseline allocator's name, or {@code null}
     */
    public static String workload(String workload, List<PairResult> results, WorkloadVerdict verdict,
                                  String baseline) {
        StringBuilder text = new StringBuilder();
        text.append('\n').append("Workload: ").append(workload).append('\n');
        TextTable table = new TextTable("allocator", "util %", "frag %", "internal %", "ext.frag %",
            "Mops/s (95% CI)", baseline == null ? "ratio" : "vs " + baseline, "p99 ns", "failed");
        List<String> notes = new ArrayList<>();
        List<String> detections = new ArrayList<>();
        for (PairResult r : results) {
            if (r.detections() != null) {
                detections.add("  " + r.allocator() + ": " + r.detections().summary());
            }
            if (!r.measured()) {
                notes.add("  " + r.allocator() + ": " + r.status().name().toLowerCase(Locale.ROOT)
                    + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
                continue;
            }
            boolean degraded = r.status() == PairResult.Status.DEGRADED;
            MemoryMetrics m = r.memory();
            table.row(r.allocator() + (degraded ? " (degraded)" : ""), percent(m.utilization()),
                percent(m.fragmentation()),
                m.internalFragmentationBytes() < 0 || m.peakLiveBytes() == 0 ? NOT_OBSERVABLE
                    : percent((double) m.internalFragmentationBytes() / m.peakLiveBytes()),
                percent(m.externalFragmentation()), throughput(r.opsPerSecond()),
                r.allocator().equals(baseline) ? "baseline" : ratio(r.baseline()),
                r.latency().measured() ? Long.toString(r.latency().p99Nanos()) : NOT_OBSERVABLE,
                Long.toString(r.counts().failedAllocations()));
            if (degraded) {
                notes.add("  " + r.allocator() + ": degraded (" + r.counts().failedAllocations()
                    + " allocations failed: it replayed less than the others, so it is left out of the verdicts)");
            }
            if (r.counts().verifyErrors() > 0 || r.counts().traceErrors() > 0) {
                notes.add("  " + r.allocator() + ": " + r.counts().verifyErrors() + " corrupted blocks, "
                    + r.counts().traceErrors() + " trace errors" + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
            }
        }
        if (table.rowCount() > 0) {
            text.append(table.render());
        }
        if (!notes.isEmpty()) {
            text.append("Not measured, degraded or with errors:\n");
            for (String note : notes) {
                text.append(note).append('\n');
            }
        }
        if (!detections.isEmpty()) {
            text.append("Misuses detected by the checked allocators (--check ")
                .append(results.stream().filter(r -> r.detections() != null).findFirst().orElseThrow()
                    .detections().level())
                .append("):\n");
            for (String line : detections) {
                text.append(line).append('\n');
            }
        }
        if (verdict != null) {
            text.append(verdict(verdict));
        }
        return text.toString();
    }

    /** The "In short" line: never names a degraded allocator, says "tie" when the best are not distinguishable. */
    static String verdict(WorkloadVerdict v) {
        List<String> parts = new ArrayList<>();
        if (!v.leastWasteful().isEmpty()) {
            parts.add(best("least memory wasted by", v.leastWasteful(), "util " + percent(v.utilization()) + " %",
                "equal utilization"));
        }
        if (!v.fastest().isEmpty()) {
            parts.add(best("fastest", v.fastest(), String.format(Locale.ROOT, "%.2f Mops/s", v.opsPerSecond() / 1e6),
                "no significant difference"));
        }
        if (parts.isEmpty() && v.excluded().isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("In short:");
        line.append(parts.isEmpty() ? " no allocator replayed the whole workload" : " " + String.join("; ", parts));
        if (!v.excluded().isEmpty()) {
            line.append("; left out (failed allocations): ").append(String.join(", ", v.excluded()));
        }
        return line.append(".\n").toString();
    }

    private static String best(String what, List<String> names, String figure, String why) {
        if (names.size() == 1) {
            return what + " " + names.getFirst() + " (" + figure + ")";
        }
        return what.replace(" by", "") + ": tie between " + String.join(", ", names) + " (" + why + "; best " + figure + ")";
    }

    /**
     * {@return the suite summary: a blank line, a table per allocator and the overall verdict}
     *
     * @param s the summary
     */
    public static String summary(SuiteSummary s) {
        boolean ratios = !s.baseline().isEmpty();
        StringBuilder text = new StringBuilder("\nSuite summary over " + s.workloads() + " workloads");
        text.append(ratios ? " (throughput: geometric mean of the ratio to " + s.baseline()
            + ", 95% interval across workloads):\n" : " (no baseline, so no throughput ratios):\n");
        TextTable table = ratios
            ? new TextTable("allocator", "vs " + s.baseline() + " (geomean)", "95% interval", "workloads", "mean util %")
            : new TextTable("allocator", "mean util %", "workloads");
        for (SuiteSummary.Entry e : s.allocators()) {
            String util = percent(e.meanUtilization());
            if (ratios) {
                table.row(e.allocator(),
                    Double.isFinite(e.geomeanRatio()) ? String.format(Locale.ROOT, "%.2fx", e.geomeanRatio()) : "-",
                    Double.isFinite(e.ci95Low()) && Double.isFinite(e.ci95High())
                        ? String.format(Locale.ROOT, "[%.2f, %.2f]", e.ci95Low(), e.ci95High()) : NOT_OBSERVABLE,
                    e.ratioWorkloads() + "/" + s.workloads(), util);
            } else {
                table.row(e.allocator(), util, e.utilizationWorkloads() + "/" + s.workloads());
            }
        }
        text.append(table.render());
        List<String> parts = new ArrayList<>();
        if (!s.leastWasteful().isEmpty()) {
            parts.add(best("least memory wasted by", s.leastWasteful(), "highest mean utilization",
                "equal mean utilization"));
        }
        if (!s.fastest().isEmpty()) {
            parts.add(best("fastest", s.fastest(), "highest geometric mean",
                "no significant difference, paired t-test on the per-workload log-ratios"));
        }
        if (!parts.isEmpty()) {
            text.append("Overall: ").append(String.join("; ", parts))
                .append(" (among allocators measured on every workload).\n");
        }
        return text.toString();
    }

    /**
     * {@return a blank line and the legend explaining every column}
     *
     * @param baseline the baseline allocator's name, or {@code null}
     */
    public static String legend(String baseline) {
        return "\n" + String.join("\n",
            "What the columns mean (higher util and Mops/s are better, lower everything else):",
            "  util %       peak live bytes / peak heap footprint (CS:APP malloc-lab utilization; 100 = no waste)",
            "  frag %       peak footprint / peak live bytes - 1 (Johnstone & Wilson measure #4)",
            "  internal %   bytes granted beyond the request (rounding, size classes) / live bytes, at peak live",
            "  ext.frag %   1 - largest free block / all free bytes inside the footprint, at peak live",
            "  Mops/s       millions of trace operations (alloc, free, realloc) replayed per second, mean and 95% CI",
            baseline == null
                ? "  ratio        no baseline chosen (--baseline NAME)"
                : "  vs " + baseline + (" ".repeat(Math.max(1, 10 - baseline.length())))
                    + "ops/s relative to " + baseline + " [95% CI]; n.s. = no significant difference (p >= 0.05)",
            "  p99 ns       99th percentile latency of one operation, timer cost included",
            "  failed       allocations the allocator could not satisfy within its heap; a pair with any is",
            "               'degraded': it replayed less, so it is never compared, named fastest or least wasteful",
            "  n/a          not observable: native allocators (glibc, jemalloc, mimalloc) expose no heap footprint;",
            "               a 95% interval needs at least 2 runs",
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
