package io.heaplab.trace;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The two encodings of a heaplab trace. Both carry the same content (header and operations), so converting between
 * them is lossless; comments in a text trace are not part of the content and are dropped.
 */
public enum TraceFormat {
    /** Human-readable, diff-able lines; see {@link TextTraceReader} for the grammar. */
    TEXT,
    /** Compact tagged varint records for long traces; see {@link BinaryTraceReader} for the layout. */
    BINARY;

    /**
     * {@return the format a file name implies} A name ending in {@code .trace} or {@code .txt} (before an optional
     * {@code .gz} or {@code .zst}) is {@link #TEXT}; any other name is {@link #BINARY} (heaplab's own binary traces
     * are called {@code *.hltrace}).
     *
     * @param file the file whose name decides
     */
    public static TraceFormat forPath(Path file) {
        String name = Compression.stripSuffix(file.getFileName().toString()).toLowerCase(Locale.ROOT);
        return name.endsWith(".trace") || name.endsWith(".txt") ? TEXT : BINARY;
    }
}
