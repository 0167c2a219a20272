package io.heaplab.trace;

import java.io.IOException;

/**
 * A streaming writer of a trace in one {@link TraceFormat}; memory use is independent of the trace's length.
 * The header is written when the writer is created; {@link #close()} finishes the file.
 *
 * @implSpec Not thread-safe.
 */
public interface TraceWriter extends AutoCloseable {

    /**
     * Appends one operation. The writer does not check liveness; readers do.
     *
     * @param event the operation; its {@code threadId} and {@code timestampNanos} are written when not -1
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if the event breaks a format limit (negative id or size, alignment not a power
     *                                  of two); the message names the event
     */
    void write(TraceEvent event) throws IOException;

    /** {@return the number of operations written so far} */
    long opCount();

    /**
     * Finishes and closes the file.
     *
     * @throws IOException           if writing fails
     * @throws IllegalStateException if the header promised a number of operations and a different number was written
     */
    @Override
    void close() throws IOException;
}
