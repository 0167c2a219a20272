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
            if (r.status() != PairResult.Status.OK) {
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
            Estimate e = r.opsPerSecond();
            line(s, "throughput", Double.isFinite(e.mean())
                ? String.format(Locale.ROOT, "%.3f Mops/s, 95%% CI [%.3f, %.3f], %d runs in %s", e.mean() / 1e6,
                    e.ci95Low() / 1e6, e.ci95High() / 1e6, e.sampleCount(),
                    r.forks() == 0 ? "this JVM" : r.forks() + (r.forks() == 1 ? " fork" : " forks"))
                : "not measured");
            LatencySummary l = r.latency();
            line(s, "latency ns", l.measured()
                ? String.format(Locale.ROOT, "p50 %d, p90 %d, p99 %d, p99.9 %d, max %d (1 op in %d timed, %d samples;"
                    + " timer cost %.0f ns included)", l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.p999Nanos(),
                    l.maxNanos(), l.sampleEvery(), l.sampledOps(), l.timerOverheadNanos())
                : "not measured");
            BaselineComparison b = r.baseline();
            if (b != null) {
                line(s, "vs " + b.baseline(), String.format(Locale.ROOT, "%.3fx [%.3f, %.3f], %s p = %.4f: %s",
                    b.ratio(), b.ci95Low(), b.ci95High(), b.test(), b.pValue(),
                    b.significant() ? "significant" : "no significant difference"));
            }
        }
        out.write(s.toString());
        out.flush();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append("  ").append(name).append(": ").append(value).append('\n');
    }

    private static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f %%", ratio * 100) : "not observable";
    }
}
