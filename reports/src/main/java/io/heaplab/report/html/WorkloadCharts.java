package io.heaplab.report.html;

import io.heaplab.report.LatencySummary;
import io.heaplab.report.PairResult;
import io.heaplab.report.SizeHistogram;
import io.heaplab.report.TimelinePoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The charts of one workload's results: throughput with error bars, the footprint split, footprint and live bytes
 * over time, and latency percentiles. Each method returns an SVG document, or an empty string when the results hold
 * nothing to draw. Only measured pairs ({@code status ok}) are drawn; the table lists the others.
 */
final class WorkloadCharts {

    private final String idPrefix;
    private final String workload;
    private final List<PairResult> measured;
    private final Palette palette;

    /**
     * @param idPrefix unique id prefix for this workload's charts
     * @param workload the workload's name
     * @param results  its results, in table order
     * @param palette  the report's allocator colours
     */
    WorkloadCharts(String idPrefix, String workload, List<PairResult> results, Palette palette) {
        this.idPrefix = idPrefix;
        this.workload = workload;
        this.measured = results.stream().filter(r -> r.status() == PairResult.Status.OK).toList();
        this.palette = palette;
    }

    /** {@return throughput bars (M ops/s) with 95 % confidence intervals; the baseline's mean as a dashed line} */
    String throughput(String baseline) {
        List<BarChart.Bar> bars = new ArrayList<>();
        double reference = Double.NaN;
        StringBuilder alt = new StringBuilder("Throughput on " + workload + " in millions of operations per second, "
            + "mean and 95% confidence interval: ");
        for (PairResult r : measured) {
            double mean = r.opsPerSecond().mean() / 1e6;
            bars.add(new BarChart.Bar(r.allocator(), mean, r.opsPerSecond().ci95Low() / 1e6,
                r.opsPerSecond().ci95High() / 1e6, palette.colour(r.allocator())));
            if (r.allocator().equals(baseline)) {
                reference = mean;
            }
            alt.append(r.allocator()).append(' ').append(Units.trim(mean)).append("; ");
        }
        if (bars.isEmpty()) {
            return "";
        }
        return BarChart.render(idPrefix + "-throughput", "Throughput on " + workload + (Double.isFinite(reference)
                ? " (dashed line: " + baseline + ")" : ""), alt.toString().trim(), "throughput (M ops/s, higher is better)",
            bars, reference, Units::trim);
    }

    /**
     * {@return stacked bars splitting each research allocator's peak footprint into live data, internal
     * fragmentation and the rest (external fragmentation and unused space)}
     */
    String footprintSplit() {
        List<StackedBarChart.Bar> bars = new ArrayList<>();
        StringBuilder alt = new StringBuilder("How each allocator's peak heap footprint on " + workload
            + " divides into live data, internal fragmentation and external fragmentation or unused space: ");
        for (PairResult r : measured) {
            if (!r.memory().footprintObservable()) {
                continue;
            }
            double footprint = r.memory().peakFootprintBytes();
            double live = r.memory().utilization();
            double internal = r.memory().internalFragmentationBytes() < 0 ? 0
                : r.memory().internalFragmentationBytes() / footprint;
            double rest = Math.max(0, 1 - live - internal);
            bars.add(new StackedBarChart.Bar(r.allocator(), new double[] {live, internal, rest}));
            alt.append(String.format(Locale.ROOT, "%s %s live, %s internal, %s external or unused; ", r.allocator(),
                Units.percent(live), Units.percent(internal), Units.percent(rest)));
        }
        if (bars.isEmpty()) {
            return "";
        }
        return StackedBarChart.render(idPrefix + "-memory", "Peak footprint on " + workload + ": where the bytes go",
            alt.toString().trim(), "share of peak heap footprint (live data = utilization, higher is better)",
            List.of(new StackedBarChart.Part("live data", Palette.OKABE_ITO.get(0)),
                new StackedBarChart.Part("internal fragmentation", Palette.OKABE_ITO.get(1)),
                new StackedBarChart.Part("external fragmentation + unused", "#BBBBBB")),
            bars);
    }

    /** {@return live bytes (once: the same trace for all) and each allocator's footprint over the replay} */
    String timeline() {
        List<LineChart.Series> series = new ArrayList<>();
        double maxOp = 0;
        double maxBytes = 0;
        PairResult liveSource = null;
        for (PairResult r : measured) {
            List<TimelinePoint> t = r.timeline();
            if (t.size() < 2) {
                continue;
            }
            if (liveSource == null) {
                liveSource = r;
            }
            if (t.stream().allMatch(p -> p.footprintBytes() < 0)) {
                continue;
            }
            double[] xs = new double[t.size()];
            double[] ys = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
                xs[i] = t.get(i).opIndex();
                ys[i] = t.get(i).footprintBytes() < 0 ? Double.NaN : t.get(i).footprintBytes();
                maxOp = Math.max(maxOp, xs[i]);
                maxBytes = Math.max(maxBytes, ys[i] >= 0 ? ys[i] : 0);
            }
            series.add(new LineChart.Series(r.allocator() + " footprint", palette.colour(r.allocator()),
                palette.dash(r.allocator()), xs, ys, false));
        }
        if (liveSource == null) {
            return "";
        }
        List<TimelinePoint> t = liveSource.timeline();
        double[] xs = new double[t.size()];
        double[] ys = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            xs[i] = t.get(i).opIndex();
            ys[i] = t.get(i).liveBytes();
            maxOp = Math.max(maxOp, xs[i]);
            maxBytes = Math.max(maxBytes, ys[i]);
        }
        series.addFirst(new LineChart.Series("live bytes", "#000000", "4 2", xs, ys, false));
        Axis x = Axis.linear(0, maxOp, "operations replayed", Units::trim);
        Axis y = Axis.bytes(maxBytes, "bytes");
        return LineChart.render(idPrefix + "-timeline", "Footprint and live bytes over time on " + workload,
            "Live requested bytes (dashed, the same for every allocator) and each research allocator's footprint "
                + "high-water mark against operations replayed on " + workload + "; peak live "
                + Units.bytes(liveSource.memory().peakLiveBytes()) + ". The gap between a footprint line and the "
                + "live line is memory the allocator holds but the program does not use.",
            x, y, series);
    }

    /** {@return latency percentiles per allocator on a log 1/(1−p) axis, as HdrHistogram's plotter draws them} */
    String latency() {
        List<LineChart.Series> series = new ArrayList<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        StringBuilder alt = new StringBuilder("Per-operation latency percentiles on " + workload
            + " in nanoseconds (p50, p90, p99, p99.9, max): ");
        for (PairResult r : measured) {
            LatencySummary l = r.latency();
            if (!l.measured()) {
                continue;
            }
            double[] ys = {l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.p999Nanos(), l.maxNanos()};
            for (double v : ys) {
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            series.add(new LineChart.Series(r.allocator(), palette.colour(r.allocator()), palette.dash(r.allocator()),
                LATENCY_X, ys, true));
            alt.append(String.format(Locale.ROOT, "%s %d, %d, %d, %d, %d; ", r.allocator(), l.p50Nanos(),
                l.p90Nanos(), l.p99Nanos(), l.p999Nanos(), l.maxNanos()));
        }
        if (series.isEmpty() || max <= 0) {
            return "";
        }
        Axis x = new Axis(1, 1e4, true, "percentile (spaced by log 1/(1−p))", List.of(new Axis.Tick(2, "50%"),
            new Axis.Tick(10, "90%"), new Axis.Tick(100, "99%"), new Axis.Tick(1000, "99.9%"),
            new Axis.Tick(1e4, "max")));
        Axis y = Axis.log(min, max, "latency (ns, log scale; timer cost included)", Units::nanos);
        return LineChart.render(idPrefix + "-latency", "Latency percentiles on " + workload, alt.toString().trim(),
            x, y, series);
    }

    /**
     * {@return the workload's request sizes as bars per power-of-two class (from the smallest to the largest
     * non-empty class), or an empty string without a histogram}
     *
     * @param histogram the workload's sizes, or null
     */
    String sizes(SizeHistogram histogram) {
        if (histogram == null) {
            return "";
        }
        long[] counts = histogram.log2Counts();
        int first = -1;
        int last = -1;
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                first = first < 0 ? k : first;
                last = k;
                total += counts[k];
            }
        }
        if (first < 0) {
            return "";
        }
        List<BarChart.Bar> bars = new ArrayList<>();
        StringBuilder alt = new StringBuilder("Share of the " + total + " allocation requests of " + workload
            + " per size class: ");
        for (int k = first; k <= last; k++) {
            String label = k == 0 ? "0 B" : Units.bytes(SizeHistogram.classLowBytes(k)) + " – "
                + Units.bytes(SizeHistogram.classLowBytes(k + 1) - 1);
            double share = (double) counts[k] / total;
            bars.add(new BarChart.Bar(label, share * 100, Double.NaN, Double.NaN, Palette.OKABE_ITO.get(2)));
            alt.append(label).append(' ').append(Units.percent(share)).append("; ");
        }
        return BarChart.render(idPrefix + "-sizes", "Request sizes in " + workload, alt.toString().trim(),
            "share of allocation requests (%)", bars, Double.NaN, v -> Units.trim(v) + " %");
    }

    /** Where p50, p90, p99, p99.9 and max sit on the 1/(1−p) axis (max drawn one decade past p99.9). */
    private static final double[] LATENCY_X = {2, 10, 100, 1000, 1e4};
}
