package io.heaplab.trace;

import java.io.IOException;

/**
 * A streaming reader of a trace: memory use independent of the trace's length.
 *
 * <pre>{@code
 * try (TraceReader reader = ...) {
 *     TraceEvent event = new TraceEvent();
 *     while (reader.next(event)) {
 *         switch (event.kind) { ... }
 *     }
 * }
 * }</pre>
 *
 * @implSpec Not thread-safe.
 */
public interface TraceReader extends AutoCloseable {

    /** {@return the trace's header (name, source, counts), available before the first {@link #next}} */
    TraceHeader header();

    /**
     * Reads the next operation into {@code event}.
     *
     * @param event the cursor to fill
     * @return {@code false} at the end of the trace (then {@code event} is unchanged)
     * @throws TraceFormatException if the input is malformed; its message names the {@linkplain #position() position},
     *                              what was found and what was expected
     * @throws IOException          if reading fails
     */
    boolean next(TraceEvent event) throws IOException;

    /** {@return where the reader is, for messages: {@code file:line} for text, {@code file@byteOffset} for binary} */
    String position();

    @Override
    void close() throws IOException;
}
