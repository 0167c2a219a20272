package io.heaplab.workloads;

import io.heaplab.trace.TraceReader;

import java.io.IOException;

/**
 * A named built-in workload: a recorded program or a seeded generator at a fixed size.
 *
 * @param name        the name used on the command line, e.g. {@code python-strings}
 * @param description one line saying what it does
 * @param kind        recorded or generated
 * @param inSuite     whether {@code heaplab compare} replays it by default
 * @param source      opens the trace
 */
public record Workload(String name, String description, Kind kind, boolean inSuite, Source source) {

    /** Where a workload's operations come from. */
    public enum Kind {
        /** Recorded from a real program (with heaptrack), shipped as a trace resource. */
        RECORDED,
        /** Produced on the fly by a seeded generator. */
        GENERATED
    }

    /** Opens a fresh reader of the workload's trace. */
    @FunctionalInterface
    public interface Source {
        /**
         * {@return a reader positioned after the header}
         *
         * @throws IOException if the trace cannot be read
         */
        TraceReader open() throws IOException;
    }

    /**
     * {@return a fresh reader of this workload's trace, whose header gives the op and id counts} Every call starts
     * from the beginning; the trace is the same every time.
     *
     * @throws IOException if the trace cannot be read
     */
    public TraceReader open() throws IOException {
        return source.open();
    }
}
