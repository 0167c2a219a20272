package io.heaplab.report.html;

import io.heaplab.report.LatencySummary;

import java.util.Locale;

/**
 * A latency summary in HdrHistogram's percentile-distribution text format ({@code .hgrm}), which HdrHistogram's
 * plotter and most latency tools read.
 *
 * <h2>Format</h2>
 * <pre>
 *        Value     Percentile TotalCount 1/(1-Percentile)
 *
 *       50.000 0.500000000000        500           2.00
 *      ...
 *     9000.000 1.000000000000       1000
 * #[Max     =     9000.000, Total count    =         1000]
 * </pre>
 * The rows are the percentiles the results carry (p50, p90, p99, p99.9 and max), not every bucket of the original
 * histogram; {@code TotalCount} is the number of sampled operations at or below each value (p × sampled ops).
 */
final class HgrmFile {

    private HgrmFile() {
    }

    /**
     * {@return the {@code .hgrm} text of {@code latency}}
     *
     * @param latency a measured latency summary ({@link LatencySummary#measured()})
     */
    static String render(LatencySummary latency) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%12s %14s %10s %14s%n%n", "Value",
            "Percentile", "TotalCount", "1/(1-Percentile)"));
        long n = latency.sampledOps();
        double[] ps = {0.5, 0.9, 0.99, 0.999};
        long[] vs = {latency.p50Nanos(), latency.p90Nanos(), latency.p99Nanos(), latency.p999Nanos()};
        for (int i = 0; i < ps.length; i++) {
            b.append(String.format(Locale.ROOT, "%12.3f %2.12f %10d %14.2f%n", (double) vs[i], ps[i],
                Math.round(ps[i] * n), 1 / (1 - ps[i])));
        }
        b.append(String.format(Locale.ROOT, "%12.3f %2.12f %10d%n", (double) latency.maxNanos(), 1.0, n));
        b.append(String.format(Locale.ROOT, "#[Max     = %12.3f, Total count    = %12d]%n",
            (double) latency.maxNanos(), n));
        b.append(String.format(Locale.ROOT, "#[Unit    = ns, one operation in %d timed, timer cost %.1f ns included]%n",
            latency.sampleEvery(), latency.timerOverheadNanos()));
        return b.toString();
    }
}
