package io.heaplab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a heaplab trace in the binary format, version 1.
 *
 * <h2>Binary format, version 1</h2>
 * All integers are unsigned LEB128 varints (7 bits per byte, low group first, high bit = more follows, at most 9
 * bytes, so values are below 2<sup>63</sup>); a "string" is a varint byte length (at most {@value TraceLimits#MAX_STRING_BYTES})
 * followed by that many UTF-8 bytes. The whole file may be gzip- or zstd-compressed ({@link Compression}).
 * <pre>
 * header:
 *   4 bytes   magic "HLTB" (0x48 0x4C 0x54 0x42)
 *   1 byte    format version = 1
 *   varint    flags = 0 (reserved)
 *   string    name
 *   string    source
 *   varint    opCount + 1   (0 = unknown)
 *   varint    idCount + 1   (0 = unknown)
 *   varint    attribute count (at most {@value TraceLimits#MAX_ATTRIBUTES}), then per attribute: string key, string value
 * records, one per operation:
 *   1 byte    tag:  bits 0-1 op (0 alloc, 1 free, 2 realloc, 3 end of trace)
 *                   bit 2      a thread id follows
 *                   bit 3      a timestamp follows
 *                   bits 4-7   alloc only: log2(alignment), or 15 = "log2(alignment) follows as a varint"; else 0
 *   [varint]  log2(alignment), if bits 4-7 are 15
 *   varint    id
 *   [varint]  size in bytes (alloc and realloc)
 *   [varint]  thread id (if bit 2)
 *   [varint]  timestamp: zigzag-encoded difference in nanoseconds from the previous record's timestamp (first: from 0)
 * end of trace:
 *   1 byte    tag 3
 *   varint    number of operations (must match the records read: detects truncation)
 *   then end of file
 * </pre>
 * A typical record takes 3-5 bytes. Positions in messages are {@code file@byteOffset} of the record in the
 * decompressed stream, e.g. {@code x.hltrace@1234: unknown tag 0x37; expected an operation (bits 0-1 = 0..3)}.
 *
 * @implSpec Not thread-safe. {@link #next} allocates nothing.
 */
public final class BinaryTraceReader implements TraceReader {

    /** The first four bytes of every binary trace. */
    static final byte[] MAGIC = {'H', 'L', 'T', 'B'};
    /** The format version this reader reads. */
    static final int VERSION = 1;
    static final int OP_ALLOC = 0;
    static final int OP_FREE = 1;
    static final int OP_REALLOC = 2;
    static final int OP_END = 3;
    static final int HAS_THREAD = 1 << 2;
    static final int HAS_TIME = 1 << 3;
    static final int ALIGN_SHIFT = 4;
    static final int ALIGN_ESCAPE = 15;

    private final InputStream in;
    private final String fileName;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferLimit;
    /** Offset in the decompressed stream of {@code buffer[0]}. */
    private long bufferOffset;
    private long recordOffset;
    private long opCount;
    private long lastTimestamp;
    private boolean ended;
    private final TraceHeader header;
    private final long declaredOps;
    private final long idCount;

    /**
     * Reads the header; operations follow with {@link #next}.
     *
     * @param in       the (already decompressed) bytes; closed by {@link #close()}
     * @param fileName the name used in messages
     * @throws TraceFormatException if the magic, version or header is malformed
     * @throws IOException          if reading fails
     */
    public BinaryTraceReader(InputStream in, String fileName) throws IOException {
        this.in = in;
        this.fileName = fileName;
        this.header = readHeader();
        this.declaredOps = header.opCount();
        this.idCount = header.idCount();
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public String position() {
        return fileName + "@" + recordOffset;
    }

    @Override
    public boolean next(TraceEvent event) throws IOException {
        if (ended) {
            return false;
        }
        recordOffset = bufferOffset + bufferPos;
        int tag = readByte("an operation tag");
        int op = tag & 3;
        int alignCode = tag >>> ALIGN_SHIFT;
        if (op == OP_END) {
            if (tag != OP_END) {
                throw error("end-of-trace tag with flags 0x" + Integer.toHexString(tag) + "; expected 0x03");
            }
            long count = varint("the operation count");
            if (count != opCount) {
                throw error("end-of-trace count " + count + " but " + opCount + " operations were read");
            }
            if (declaredOps >= 0 && declaredOps != opCount) {
                throw error("trace ends after " + opCount + " operations but the header says " + declaredOps);
            }
            recordOffset = bufferOffset + bufferPos;
            if (bufferPos < bufferLimit || refill()) {
                throw error("unexpected bytes after the end of the trace");
            }
            ended = true;
            return false;
        }
        if (op != OP_ALLOC && alignCode != 0) {
            throw error("tag 0x" + Integer.toHexString(tag) + " has alignment bits on a non-alloc operation");
        }
        long log2Align = alignCode == ALIGN_ESCAPE ? varint("log2(alignment)") : alignCode;
        if (log2Align > 62) {
            throw error("log2(alignment) " + log2Align + " is absurd");
        }
        long id = varint("an id");
        switch (op) {
            case OP_ALLOC -> event.alloc(id, varint("a size"), 1L << log2Align);
            case OP_FREE -> event.free(id);
            default -> event.realloc(id, varint("a size"));
        }
        if ((tag & HAS_THREAD) != 0) {
            event.threadId = varint("a thread id");
        }
        if ((tag & HAS_TIME) != 0) {
            long zigzag = varint("a timestamp delta");
            long timestamp = lastTimestamp + ((zigzag >>> 1) ^ -(zigzag & 1));
            if (timestamp < 0 || timestamp > TraceLimits.MAX_TIMESTAMP_NANOS) {
                throw error("timestamp " + timestamp + " is out of range (0 to " + TraceLimits.MAX_TIMESTAMP_NANOS
                    + " ns)");
            }
            lastTimestamp = timestamp;
            event.timestampNanos = timestamp;
        }
        String problem = TraceLimits.check(event.kind, event.id, event.byteSize, event.byteAlignment, idCount);
        if (problem != null) {
            throw error(problem + " in '" + event + "'");
        }
        if (declaredOps >= 0 && opCount >= declaredOps) {
            throw error("more operations than the header's count " + declaredOps);
        }
        opCount++;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private TraceHeader readHeader() throws IOException {
        for (byte expected : MAGIC) {
            int b = bufferPos < bufferLimit || refill() ? buffer[bufferPos++] & 0xff : -1;
            if (b != expected) {
                throw new TraceFormatException(fileName + "@0", "not a heaplab binary trace; expected the magic 'HLTB'");
            }
        }
        recordOffset = 4;
        int version = readByte("the format version");
        if (version != VERSION) {
            throw error("unsupported binary trace version " + version + "; this heaplab reads version " + VERSION);
        }
        recordOffset = bufferOffset + bufferPos;
        long flags = varint("the flags");
        if (flags != 0) {
            throw error("unknown flags 0x" + Long.toHexString(flags) + "; expected 0");
        }
        String name = string("the name");
        String source = string("the source");
        long ops = varint("the operation count") - 1;
        long ids = varint("the id count") - 1;
        String problem = TraceLimits.checkCount("ops", ops);
        if (problem == null) {
            problem = TraceLimits.checkCount("ids", ids);
        }
        if (problem != null) {
            throw error(problem);
        }
        long attributeCount = varint("the attribute count");
        if (attributeCount > TraceLimits.MAX_ATTRIBUTES) {
            throw error(attributeCount + " attributes; at most " + TraceLimits.MAX_ATTRIBUTES + " are allowed");
        }
        Map<String, String> attributes = new HashMap<>();
        for (long i = 0; i < attributeCount; i++) {
            attributes.put(string("an attribute key"), string("an attribute value"));
        }
        return new TraceHeader(name, source, ops, ids, attributes);
    }

    private String string(String what) throws IOException {
        recordOffset = bufferOffset + bufferPos;
        long length = varint("the length of " + what);
        if (length > TraceLimits.MAX_STRING_BYTES) {
            throw error(what + " is " + length + " bytes long; at most " + TraceLimits.MAX_STRING_BYTES
                + " are allowed");
        }
        byte[] bytes = new byte[(int) length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) readByte(what);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw error(what + " is not valid UTF-8");
        }
    }

    private long varint(String what) throws IOException {
        long value = 0;
        for (int shift = 0; shift <= 56; shift += 7) {
            int b = readByte(what);
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw error("varint for " + what + " is longer than 9 bytes; expected a value below 2^63");
    }

    private int readByte(String what) throws IOException {
        if (bufferPos == bufferLimit && !refill()) {
            throw error("file ends in the middle of a record; expected " + what + " (truncated file?)");
        }
        return buffer[bufferPos++] & 0xff;
    }

    private boolean refill() throws IOException {
        bufferOffset += bufferLimit;
        bufferPos = 0;
        bufferLimit = 0;
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (Compression.CorruptInputException e) {
            throw error(e.getMessage());
        }
        if (n <= 0) {
            return false;
        }
        bufferLimit = n;
        return true;
    }

    private TraceFormatException error(String problem) {
        return new TraceFormatException(position(), problem);
    }
}
