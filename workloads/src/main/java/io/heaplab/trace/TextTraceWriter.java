package io.heaplab.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a trace in the text format described in {@link TextTraceReader}. Attributes are written sorted by key, and
 * line breaks inside header strings become spaces, so that the output is deterministic and stays one item per line.
 *
 * @implSpec Not thread-safe. {@link #write} allocates nothing: digits go straight into a byte buffer.
 */
public final class TextTraceWriter implements TraceWriter {

    private static final byte[] ALLOC = "alloc ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FREE = "free ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REALLOC = "realloc ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRITE = "write ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FREE_AT = "free-at ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TID = " tid=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NS = " ns=".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private final long declaredOps;
    private long opCount;

    /**
     * Writes the header.
     *
     * @param out    the destination (compressed or not); closed by {@link #close()}
     * @param header the header to write
     * @throws IOException if writing fails
     */
    public TextTraceWriter(OutputStream out, TraceHeader header) throws IOException {
        this.out = out;
        this.declaredOps = header.opCount();
        StringBuilder text = new StringBuilder(TextTraceReader.MAGIC_LINE).append('\n');
        if (!header.name().isEmpty()) {
            text.append("%name ").append(oneLine(header.name())).append('\n');
        }
        if (!header.source().isEmpty()) {
            text.append("%source ").append(oneLine(header.source())).append('\n');
        }
        if (header.opCount() >= 0) {
            text.append("%ops ").append(header.opCount()).append('\n');
        }
        if (header.idCount() >= 0) {
            text.append("%ids ").append(header.idCount()).append('\n');
        }
        for (Map.Entry<String, String> e : new TreeMap<>(header.attributes()).entrySet()) {
            text.append("%attr ").append(oneLine(e.getKey()).replace(' ', '_')).append(' ')
                .append(oneLine(e.getValue())).append('\n');
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(TraceEvent event) throws IOException {
        String problem = TraceLimits.check(event.kind, event.id, event.byteSize, event.byteAlignment, -1);
        if (problem != null) {
            throw new IllegalArgumentException("cannot write '" + event + "': " + problem);
        }
        if (buffer.length - length < 128) {
            flushBuffer();
        }
        switch (event.kind) {
            case ALLOC -> {
                put(ALLOC);
                putNumber(event.id);
                putByte(' ');
                putNumber(event.byteSize);
                putByte(' ');
                putNumber(event.byteAlignment);
            }
            case FREE -> {
                put(FREE);
                putNumber(event.id);
            }
            case REALLOC -> {
                put(REALLOC);
                putNumber(event.id);
                putByte(' ');
                putNumber(event.byteSize);
            }
            case WRITE, FREE_AT -> {
                put(event.kind == OpKind.WRITE ? WRITE : FREE_AT);
                putNumber(event.id);
                putByte(' ');
                putSigned(event.byteOffset);
                putByte(' ');
                putNumber(event.byteSize);
                if (event.kind == OpKind.FREE_AT) {
                    putByte(' ');
                    putNumber(event.byteAlignment);
                }
            }
        }
        if (event.threadId >= 0) {
            put(TID);
            putNumber(event.threadId);
        }
        if (event.timestampNanos >= 0) {
            put(NS);
            putNumber(event.timestampNanos);
        }
        putByte('\n');
        opCount++;
    }

    @Override
    public long opCount() {
        return opCount;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flushBuffer();
        }
        if (declaredOps >= 0 && declaredOps != opCount) {
            throw new IllegalStateException("the header promised " + declaredOps + " operations but " + opCount
                + " were written");
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putByte(char c) {
        buffer[length++] = (byte) c;
    }

    /** Writes a non-negative number in decimal. */
    private void putSigned(long value) {
        if (value < 0) {
            putByte('-');
            putNumber(-value);
        } else {
            putNumber(value);
        }
    }

    private void putNumber(long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = length + digits;
        long v = value;
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        length = end;
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').strip();
    }
}
