package io.heaplab.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Every measure of every pair as {@code name: value} lines, one block per pair: what {@code heaplab replay}
 * prints under its table.
 */
final class DetailTextFormat implements ResultFormat {

    @Override
    public void write(ResultsDocument document, Writer out) throws IOException {
        StringBuilder s = new StringBuilder();
        for (PairResult r : document.results()) {
            s.append(r.allocator()).append(" on ").append(r.workload()).append(": ")
                .append(r.status().name().toLowerCase(Locale.ROOT))
                .append(r.message().isEmpty() ? "" : " (" + r.message() + ")").append('\n');
            if (!r.measured()) {
                continue;
            }
            OperationCounts c = r.counts();
            MemoryMetrics m = r.memory();
            line(s, "operations", c.ops() + " (" + c.allocs() + " allocs, " + c.frees() + " frees, "
                + c.reallocsInPlace() + " reallocs in place, " + c.reallocsMoved() + " moved)");
            line(s, "failed allocations", Long.toString(c.failedAllocations()));
            line(s, "skipped / trace errors", c.skippedOps() + " / " + c.traceErrors());
            line(s, "corrupted blocks", document.settings().verify() ? Long.toString(c.verifyErrors()) : "not verified");
            line(s, "peak live bytes", Long.toString(m.peakLiveBytes()));
            line(s, "peak footprint bytes", m.footprintObservable() ? Long.toString(m.peakFootprintBytes())
                : "not observable");
            line(s, "utilization", percent(m.utilization()));
            line(s, "fragmentation (JW #4)", percent(m.fragmentation()));
            line(s, "internal fragmentation", m.internalFragmentationBytes() < 0 ? "not observable"
                : m.internalFragmentationBytes() + " bytes at peak live");
            line(s, "external fragmentation", percent(m.externalFragmentation()) + " at peak live, "
                + percent(m.externalFragmentationMean()) + " mean over time");
            line(s, "throughput", throughput(r));
            LatencySummary l = r.latency();
            line(s, "latency ns", l.measured()
                ? String.format(Locale.ROOT, "p50 %d, p90 %d, p99 %d, p99.9 %d, max %d (1 op in %d timed, %d samples;"
                    + " timer cost %.0f ns included)", l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.p999Nanos(),
                    l.maxNanos(), l.sampleEvery(), l.sampledOps(), l.timerOverheadNanos())
                : "not measured");
            Detections d = r.detections();
            if (d != null) {
                line(s, "misuses (--check " + d.level() + ")", d.summary().substring("detections: ".length()));
                for (String message : d.messages()) {
                    s.append("    ").append(message).append('\n');
                }
            }
            BaselineComparison b = r.baseline();
            if (b != null) {
                line(s, "vs " + b.baseline(), comparison(b));
            }
            if (r.status() == PairResult.Status.DEGRADED) {
                line(s, "verdict", "left out of fastest / least wasteful: " + c.failedAllocations()
                    + " allocations failed");
            }
        }
        out.write(s.toString());
        out.flush();
    }

    /** Throughput with its interval; never NaN: "n/a" and why when there is no interval. */
    private static String throughput(PairResult r) {
        Estimate e = r.opsPerSecond();
        if (!Double.isFinite(e.mean())) {
            return "not measured";
        }
        String where = e.sampleCount() + (e.sampleCount() == 1 ? " run" : " runs") + " in "
            + (r.forks() == 0 ? "this JVM" : r.forks() + (r.forks() == 1 ? " fork" : " forks"));
        String interval = Double.isFinite(e.ci95Low()) && Double.isFinite(e.ci95High())
            ? String.format(Locale.ROOT, "95%% CI [%.3f, %.3f]", e.ci95Low() / 1e6, e.ci95High() / 1e6)
            : "95% CI n/a (an interval needs at least 2 runs)";
        return String.format(Locale.ROOT, "%.3f Mops/s, %s, %s", e.mean() / 1e6, interval, where);
    }

    /** A baseline comparison; never NaN: "n/a" and why for a missing interval or p-value. */
    private static String comparison(BaselineComparison b) {
        String interval = Double.isFinite(b.ci95Low()) && Double.isFinite(b.ci95High())
            ? String.format(Locale.ROOT, "[%.3f, %.3f]", b.ci95Low(), b.ci95High())
            : "[n/a: " + (Double.isFinite(b.pValue()) ? "unbounded, the baseline's own interval contains 0"
                : "needs at least 2 runs on each side") + "]";
        String test = Double.isFinite(b.pValue())
            ? String.format(Locale.ROOT, "%s p = %.4f: %s", b.test(), b.pValue(),
                b.significant() ? "significant" : "no significant difference")
            : b.test() + " p = n/a: no test with fewer than 2 runs on each side";
        return String.format(Locale.ROOT, "%.3fx %s, %s", b.ratio(), interval, test);
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append("  ").append(name).append(": ").append(value).append('\n');
    }

    private static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f %%", ratio * 100) : "not observable";
    }
}
