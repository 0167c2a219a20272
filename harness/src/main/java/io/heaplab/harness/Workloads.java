package io.heaplab.harness;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import io.heaplab.workloads.Workload;
import io.heaplab.workloads.WorkloadCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the harness gets workloads: the workloads module's built-in catalog by name, or a trace file by path.
 *
 * @implSpec Stateless.
 */
public final class Workloads {

    /**
     * A workload the catalog offers.
     *
     * @param name        its name
     * @param description one line
     */
    public record Entry(String name, String description) {
    }

    private Workloads() {
    }

    /** {@return the built-in suite that {@code heaplab compare} runs by default} */
    public static List<Entry> suite() {
        return entries(WorkloadCatalog.builtIn().suite());
    }

    /** {@return every built-in workload} */
    public static List<Entry> all() {
        return entries(WorkloadCatalog.builtIn().all());
    }

    /**
     * Loads a workload for replay (so that timing never includes parsing): into memory, or, when it is long, into a
     * temporary file that replays stream (see {@link LoadedTrace}).
     *
     * @param nameOrPath a built-in workload's name, or a trace file's path
     * @return the loaded trace, named {@code nameOrPath}
     * @throws IllegalArgumentException if it is neither a known name nor an existing file; the message lists the
     *                                  known names
     * @throws io.heaplab.trace.TraceFormatException if the trace file is malformed (the message names file:line)
     * @throws TraceTooLargeException   if its blocks live at once need more than the maximum Java heap
     * @throws IOException              if reading fails
     */
    public static LoadedTrace load(String nameOrPath) throws IOException {
        try (TraceReader reader = WorkloadCatalog.open(nameOrPath)) {
            return LoadedTrace.load(nameOrPath, reader);
        }
    }

    /**
     * As {@link #load(String)}; with {@code keepMisuses}, a trace file is read without liveness checks and a double
     * free in it is kept as {@link LoadedTrace#STALE_FREE}, to be replayed on a checked allocator (other operations
     * on ids that are not live are counted as trace errors and skipped).
     *
     * @param nameOrPath  a built-in workload's name, or a trace file's path
     * @param keepMisuses whether to keep double frees
     * @return the loaded trace, named {@code nameOrPath}
     * @throws IllegalArgumentException if it is neither a known name nor an existing file
     * @throws io.heaplab.trace.TraceFormatException if the trace file is malformed
     * @throws TraceTooLargeException   if its slots need more than the maximum Java heap
     * @throws IOException              if reading fails
     */
    public static LoadedTrace load(String nameOrPath, boolean keepMisuses) throws IOException {
        Path file;
        try {
            file = Path.of(nameOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            return load(nameOrPath);
        }
        if (!keepMisuses || !Files.isRegularFile(file)) {
            return load(nameOrPath);
        }
        try (TraceReader reader = Traces.openUnchecked(Files.newInputStream(file), nameOrPath)) {
            return LoadedTrace.load(nameOrPath, reader, true);
        }
    }

    private static List<Entry> entries(List<Workload> workloads) {
        return workloads.stream().map(w -> new Entry(w.name(), w.description())).toList();
    }
}
