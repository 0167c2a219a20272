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

/** {@code heaplab trace stats FILE}: what a trace does (ops, peak live bytes, sizes, lifetimes). */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Validate a trace (or a built-in workload) and print its operations, peak live bytes, size "
        + "histogram and lifetime summary.")
public final class TraceStatsCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 40;

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
        out.println("sizes (bytes):  p50 " + stats.sizeAtPercentile(50) + ", p90 " + stats.sizeAtPercentile(90)
            + ", p99 " + stats.sizeAtPercentile(99) + ", max " + stats.sizeAtPercentile(100));
        out.println("lifetime (ops): mean " + String.format(Locale.ROOT, "%.1f", stats.meanLifetime()) + ", p50 "
            + stats.lifetimeAtPercentile(50) + ", p90 " + stats.lifetimeAtPercentile(90) + ", p99 "
            + stats.lifetimeAtPercentile(99) + ", max " + stats.lifetimeAtPercentile(100));
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
