package io.heaplab.harness;

import java.io.IOException;
import java.util.List;

/**
 * Where the harness gets workloads: the built-in catalog by name, or a trace file by path.
 *
 * <p>Until the workloads module's catalog is available on this branch this knows no workloads.
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
        return List.of();
    }

    /** {@return every built-in workload} */
    public static List<Entry> all() {
        return List.of();
    }

    /**
     * Loads a workload fully into memory.
     *
     * @param nameOrPath a built-in workload's name, or a trace file's path
     * @return the loaded trace
     * @throws IllegalArgumentException if it is neither a known name nor an existing file; the message lists the
     *                                  known names
     * @throws io.heaplab.trace.TraceFormatException if the trace file is malformed
     * @throws IOException              if reading fails
     */
    public static LoadedTrace load(String nameOrPath) throws IOException {
        throw new IllegalArgumentException("unknown workload '" + nameOrPath + "' (no workloads are available yet)");
    }
}
