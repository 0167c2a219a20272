package io.heaplab.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a trace in the binary format described in {@link BinaryTraceReader}. Attributes are written sorted by key
 * so that the output is deterministic.
 *
 * @implSpec Not thread-safe. {@link #write} allocates nothing.
 */
public final class BinaryTraceWriter implements TraceWriter {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private final long declaredOps;
    private long opCount;
    private long lastTimestamp;

    /**
     * Writes the header.
     *
     * @param out    the destination (compressed or not); closed by {@link #close()}
     * @param header the header to write
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if a header string is longer than {@value TraceLimits#MAX_STRING_BYTES} UTF-8
     *                                  bytes or there are more than {@value TraceLimits#MAX_ATTRIBUTES} attributes
     */
    public BinaryTraceWriter(OutputStream out, TraceHeader header) throws IOException {
        this.out = out;
        this.declaredOps = header.opCount();
        if (header.attributes().size() > TraceLimits.MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(header.attributes().size() + " attributes; at most "
                + TraceLimits.MAX_ATTRIBUTES + " are allowed");
        }
        put(BinaryTraceReader.MAGIC);
        putByte(BinaryTraceReader.VERSION);
        putVarint(0);
        putString(header.name());
        putString(header.source());
        putVarint(header.opCount() + 1);
        putVarint(header.idCount() + 1);
        putVarint(header.attributes().size());
        for (Map.Entry<String, String> e : new TreeMap<>(header.attributes()).entrySet()) {
            putString(e.getKey());
            putString(e.getValue());
        }
    }

    @Override
    public void write(TraceEvent event) throws IOException {
        String problem = TraceLimits.check(event.kind, event.id, event.byteSize, event.byteAlignment, -1);
        if (problem != null) {
            throw new IllegalArgumentException("cannot write '" + event + "': " + problem);
        }
        if (event.timestampNanos < -1 || event.threadId < -1 || event.timestampNanos > TraceLimits.MAX_TIMESTAMP_NANOS) {
            throw new IllegalArgumentException("cannot write '" + event + "': thread id " + event.threadId
                + " or timestamp " + event.timestampNanos + " out of range");
        }
        if (buffer.length - length < 64) {
            flushBuffer();
        }
        int op = switch (event.kind) {
            case ALLOC -> BinaryTraceReader.OP_ALLOC;
            case FREE -> BinaryTraceReader.OP_FREE;
            case REALLOC -> BinaryTraceReader.OP_REALLOC;
            case WRITE, FREE_AT -> throw new IllegalArgumentException("cannot write '" + event
                + "': fault operations exist only in the text format");
        };
        int tag = op;
        int log2Align = event.kind == OpKind.ALLOC ? Long.numberOfTrailingZeros(event.byteAlignment) : 0;
        tag |= Math.min(log2Align, BinaryTraceReader.ALIGN_ESCAPE) << BinaryTraceReader.ALIGN_SHIFT;
        if (event.threadId >= 0) {
            tag |= BinaryTraceReader.HAS_THREAD;
        }
        if (event.timestampNanos >= 0) {
            tag |= BinaryTraceReader.HAS_TIME;
        }
        putByte(tag);
        if (log2Align >= BinaryTraceReader.ALIGN_ESCAPE) {
            putVarint(log2Align);
        }
        putVarint(event.id);
        if (event.kind != OpKind.FREE) {
            putVarint(event.byteSize);
        }
        if (event.threadId >= 0) {
            putVarint(event.threadId);
        }
        if (event.timestampNanos >= 0) {
            long delta = event.timestampNanos - lastTimestamp;
            putVarint((delta << 1) ^ (delta >> 63));
            lastTimestamp = event.timestampNanos;
        }
        opCount++;
    }

    @Override
    public long opCount() {
        return opCount;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            if (buffer.length - length < 16) {
                flushBuffer();
            }
            putByte(BinaryTraceReader.OP_END);
            putVarint(opCount);
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

    private void putString(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > TraceLimits.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("header string of " + bytes.length + " bytes; at most "
                + TraceLimits.MAX_STRING_BYTES + " are allowed");
        }
        putVarint(bytes.length);
        flushBuffer();
        out.write(bytes);
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putByte(int b) {
        buffer[length++] = (byte) b;
    }

    /** Writes a non-negative value as an unsigned LEB128 varint. */
    private void putVarint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            buffer[length++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }
}
