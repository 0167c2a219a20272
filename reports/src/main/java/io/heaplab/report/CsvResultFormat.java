package io.heaplab.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV rendering of a {@link ResultsDocument}: a header line, then one line per (allocator, workload) pair with
 * the same fields as the JSON (nested objects flattened, e.g. {@code opsPerSecondMean}, {@code latencyP99Ns},
 * {@code baselineRatio}; no timeline). Unobserved values and the fields of unmeasured pairs are empty cells.
 * {@code detections} (total) and {@code detectionKinds} ({@code double-free=2;invalid-free=1}) are filled for a
 * checked replay ({@code --check cheap|full}) only. Fields containing a comma, quote or line break are quoted as in RFC 4180. Lines end with {@code \n}.
 */
final class CsvResultFormat implements ResultFormat {

    /** The header line's fields, in order. */
    static final List<String> COLUMNS = List.of("allocator", "allocatorKind", "workload", "status", "message",
        "heapBytes", "ops", "allocs", "frees", "reallocsInPlace", "reallocsMoved", "failedAllocations", "skippedOps",
        "traceErrors", "verifyErrors", "peakLiveBytes", "peakFootprintBytes", "utilization", "fragmentation",
        "internalFragmentationBytes", "externalFragmentation", "externalFragmentationMean", "opsPerSecondMean",
        "opsPerSecondCi95Low", "opsPerSecondCi95High", "runs", "forks", "warmupsPerFork", "latencyP50Ns",
        "latencyP90Ns", "latencyP99Ns", "latencyP999Ns", "latencyMaxNs", "baseline", "baselineRatio",
        "baselineRatioCi95Low", "baselineRatioCi95High", "baselinePValue", "baselineSignificant",
        "detections", "detectionKinds");

    @Override
    public void write(ResultsDocument document, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        for (PairResult r : document.results()) {
            out.write(String.join(",", cells(r).stream().map(CsvResultFormat::quote).toList()));
            out.write('\n');
        }
        out.flush();
    }

    private static List<String> cells(PairResult r) {
        List<String> c = new ArrayList<>(List.of(r.allocator(), r.allocatorKind(), r.workload(),
            r.status().name().toLowerCase(Locale.ROOT), r.message()));
        if (!r.measured()) {
            while (c.size() < COLUMNS.size()) {
                c.add("");
            }
            return c;
        }
        OperationCounts n = r.counts();
        MemoryMetrics m = r.memory();
        Estimate ops = r.opsPerSecond();
        LatencySummary l = r.latency();
        c.add(bytes(r.heapBytes()));
        for (long v : new long[] {n.ops(), n.allocs(), n.frees(), n.reallocsInPlace(), n.reallocsMoved(),
            n.failedAllocations(), n.skippedOps(), n.traceErrors(), n.verifyErrors(), m.peakLiveBytes()}) {
            c.add(Long.toString(v));
        }
        c.add(bytes(m.peakFootprintBytes()));
        c.add(real(m.utilization()));
        c.add(real(m.fragmentation()));
        c.add(bytes(m.internalFragmentationBytes()));
        c.add(real(m.externalFragmentation()));
        c.add(real(m.externalFragmentationMean()));
        c.add(real(ops.mean()));
        c.add(real(ops.ci95Low()));
        c.add(real(ops.ci95High()));
        c.add(Integer.toString(r.runs()));
        c.add(Integer.toString(r.forks()));
        c.add(Integer.toString(r.warmupsPerFork()));
        for (long v : new long[] {l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.p999Nanos(), l.maxNanos()}) {
            c.add(l.measured() ? Long.toString(v) : "");
        }
        BaselineComparison b = r.baseline();
        if (b == null) {
            c.addAll(List.of("", "", "", "", "", ""));
        } else {
            c.addAll(List.of(b.baseline(), real(b.ratio()), real(b.ci95Low()), real(b.ci95High()), real(b.pValue()),
                Boolean.toString(b.significant())));
        }
        Detections d = r.detections();
        c.add(d == null ? "" : Long.toString(d.total()));
        c.add(d == null ? "" : d.kindsCell());
        return c;
    }

    private static String bytes(long value) {
        return value < 0 ? "" : Long.toString(value);
    }

    private static String real(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
