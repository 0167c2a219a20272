package io.heaplab.workloads.imports;

import io.heaplab.trace.Compression;
import io.heaplab.trace.TraceFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of a foreign recording with a cap on their length, so that a hostile file without line breaks cannot
 * exhaust the heap. Knows its line number for messages.
 *
 * @implSpec Not thread-safe.
 */
final class BoundedLineReader implements AutoCloseable {

    /** Longer lines are rejected: heaptrack's longest lines (module maps, command lines) are far shorter. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final String fileName;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;

    BoundedLineReader(InputStream in, String fileName) {
        this.in = in;
        this.fileName = fileName;
    }

    /** {@return the next line without its line break (and without a trailing {@code \r}), or null at the end} */
    String next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n;
                try {
                    n = in.read(buffer, 0, buffer.length);
                } catch (Compression.CorruptInputException e) {
                    throw new TraceFormatException(fileName + ":" + (lineNumber + 1), e.getMessage());
                }
                if (n <= 0) {
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return decode(length);
                }
                pos = 0;
                limit = n;
            }
            any = true;
            byte b = buffer[pos++];
            if (b == '\n') {
                lineNumber++;
                return decode(length);
            }
            if (length == MAX_LINE_BYTES) {
                throw new TraceFormatException(fileName + ":" + (lineNumber + 1), "line longer than "
                    + MAX_LINE_BYTES + " bytes");
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
            }
            line[length++] = b;
        }
    }

    private String decode(int length) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, 0, end, StandardCharsets.UTF_8);
    }

    /** {@return the number of lines returned so far} */
    long lineCount() {
        return lineNumber;
    }

    /** {@return {@code file:line} of the last line returned} */
    String position() {
        return fileName + ":" + lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
