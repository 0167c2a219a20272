package io.heaplab.cli;

import io.heaplab.report.TextTable;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceStats;
import io.heaplab.workloads.WorkloadCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.DoubleToLongFunction;

/** {@code heaplab trace stats FILE}: what a trace does (ops, peak live bytes, sizes, lifetimes). */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Validate a trace (or a built-in workload) and print its operations, peak live bytes, size "
        + "histogram and lifetime summary.")
public final class TraceStatsCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 40;

    /** Marks a percentile estimated from a histogram, not computed exactly. */
    private static final String APPROXIMATE = "\u2248";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A trace file, or the name of a built-in workload.")
    private String file;

    @Override
    public Integer call() throws Exception {
        if (WorkloadCatalog.builtIn().find(file).isEmpty()) {
            TraceFiles.requireInput(Path.of(file));
        }
        TraceStats stats = TraceFiles.userInput(() -> {
            try (TraceReader reader = WorkloadCatalog.open(file)) {
                return TraceStats.of(reader);
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        var header = stats.header();
        out.println("trace:          " + (header.name().isEmpty() ? file : header.name())
            + (header.source().isEmpty() ? "" : " (" + header.source() + ")"));
        out.println("ops:            " + stats.opCount() + " (alloc " + stats.allocCount() + ", free "
            + stats.freeCount() + ", realloc " + stats.reallocCount() + ")");
        out.println("ids:            " + stats.idCount());
        out.println("peak live:      " + stats.peakLiveBytes() + " bytes (" + TraceFiles.humanBytes(stats.peakLiveBytes())
            + ") in up to " + stats.peakLiveBlocks() + " blocks");
        out.println("never freed:    " + stats.neverFreedBlocks() + " blocks, " + stats.finalLiveBytes() + " bytes");
        out.println("distinct sizes: " + stats.distinctSizes());
        out.println("sizes (bytes):  " + (stats.requestCount() == 0 ? "none requested"
            : summary(stats.minSize(), stats.meanSize(), stats.maxSize(), stats::sizeAtPercentile)));
        out.println("lifetime (ops): " + (stats.lifetimeCount() == 0 ? "no block freed"
            : summary(stats.minLifetime(), stats.meanLifetime(), stats.maxLifetime(), stats::lifetimeAtPercentile)));
        if (stats.requestCount() > 0) {
            out.println("                " + APPROXIMATE + " = within 0.1% (HdrHistogram, 3 significant digits); "
                + "min, mean and max are exact");
        }
        if (!header.attributes().isEmpty()) {
            StringBuilder attributes = new StringBuilder();
            new TreeMap<>(header.attributes()).forEach((k, v) -> attributes.append(attributes.isEmpty() ? "" : ", ")
                .append(k).append('=').append(v));
            out.println("attributes:     " + attributes);
        }
        out.println();
        out.println("size histogram (requested sizes of allocs and reallocs):");
        out.print(histogram(stats));
        out.flush();
        return ExitCode.OK;
    }

    /** {@return {@code min A, mean B, max C; p50 ≈ D, p90 ≈ E, p99 ≈ F}: exact extremes and mean, estimated percentiles} */
    private static String summary(long min, double mean, long max, DoubleToLongFunction percentile) {
        return "min " + min + ", mean " + String.format(Locale.ROOT, "%.1f", mean) + ", max " + max + "; p50 "
            + APPROXIMATE + " " + percentile.applyAsLong(50) + ", p90 " + APPROXIMATE + " "
            + percentile.applyAsLong(90) + ", p99 " + APPROXIMATE + " " + percentile.applyAsLong(99);
    }

    private static String histogram(TraceStats stats) {
        long total = 0;
        long max = 0;
        for (int c = 0; c < stats.sizeClassLimit(); c++) {
            total += stats.sizeClassCount(c);
            max = Math.max(max, stats.sizeClassCount(c));
        }
        TextTable table = new TextTable("bytes", "count", "%", "");
        for (int c = 0; c < stats.sizeClassLimit(); c++) {
            long count = stats.sizeClassCount(c);
            if (count == 0) {
                continue;
            }
            String range = c == 0 ? "0" : c == 1 ? "1" : (1L << (c - 1)) + "-" + ((1L << c) - 1);
            int bar = (int) Math.max(1, Math.round((double) count * BAR_WIDTH / max));
            table.row(range, count, String.format(Locale.ROOT, "%.1f", 100.0 * count / total), "#".repeat(bar));
        }
        return table.render();
    }
}
