package io.heaplab.workloads.imports;

import io.heaplab.trace.Compression;
import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceLimits;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.internal.IdPool;
import io.heaplab.trace.internal.LongLongMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The common part of the importers: reads a foreign recording line by line and turns it into canonical trace
 * operations. Blocks are identified in the input by a <em>key</em> (a pointer, or a malloc-lab id); each live key
 * is mapped to a dense heaplab id from an {@link IdPool}, and the id is released when the block is freed. What the
 * input does that cannot be mapped (a free of an unknown key, ...) is counted under an {@code import.*} key and
 * ends up in the trace header's attributes, never silently dropped.
 *
 * @implSpec Not thread-safe. Memory is proportional to the live blocks.
 */
abstract sealed class ImportingReader implements TraceReader
    permits MallocLabImporter.Reader, HeaptrackImporter.Reader, MtraceImporter.Reader {

    private final BoundedLineReader lines;
    private final TraceHeader header;
    private final IdPool ids = new IdPool();
    private final LongLongMap idOfKey = new LongLongMap();
    private final Map<String, Long> counts = new TreeMap<>();
    private final TraceEvent[] queue = {new TraceEvent(), new TraceEvent()};
    private int queueHead;
    private int queueSize;
    /** The timestamp given to the operations emitted next, or -1. */
    protected long timestampNanos = -1;

    ImportingReader(Path input, String name, String source) throws IOException {
        this.lines = new BoundedLineReader(Compression.open(input), input.toString());
        this.header = new TraceHeader(name, source, -1, -1, Map.of());
    }

    /** Parses one input line, emitting zero, one or two operations. */
    abstract void parse(String line);

    @Override
    public final TraceHeader header() {
        return header;
    }

    @Override
    public final String position() {
        return lines.position();
    }

    @Override
    public final boolean next(TraceEvent event) throws IOException {
        while (queueSize == 0) {
            String line = lines.next();
            if (line == null) {
                return false;
            }
            parse(line);
        }
        TraceEvent head = queue[queueHead];
        switch (head.kind) {
            case ALLOC -> event.alloc(head.id, head.byteSize, head.byteAlignment);
            case FREE -> event.free(head.id);
            case REALLOC -> event.realloc(head.id, head.byteSize);
        }
        event.timestampNanos = head.timestampNanos;
        queueHead = (queueHead + 1) % queue.length;
        queueSize--;
        return true;
    }

    /** {@return what could not be mapped, by {@code import.*} key; complete once the reader reached its end} */
    public final Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** {@return the number of input lines read so far (blank ones included)} */
    public final long lineCount() {
        return lines.lineCount();
    }

    /** {@return 1 + the largest id emitted; complete once the reader reached its end} */
    public final long idCount() {
        return ids.idCount();
    }

    @Override
    public final void close() throws IOException {
        lines.close();
    }

    // ---- helpers for the importers ----

    final boolean isLive(long key) {
        return idOfKey.containsKey(key);
    }

    /** Emits an alloc of a block known by {@code key}, which must not be live. */
    final void alloc(long key, long byteSize, long byteAlignment) {
        checkSize(byteSize);
        int id = ids.acquire();
        idOfKey.put(key, id);
        emit(OpKind.ALLOC, id, byteSize, byteAlignment);
    }

    /** Emits a free of the live block {@code key}. */
    final void free(long key) {
        long id = idOfKey.remove(key, -1);
        assert id >= 0 : "free of a key that is not live: " + key;
        ids.release((int) id);
        emit(OpKind.FREE, id, 0, 0);
    }

    /** Emits a realloc of the live block {@code key}, which is known by {@code newKey} afterwards. */
    final void realloc(long key, long newKey, long newByteSize) {
        checkSize(newByteSize);
        long id = idOfKey.remove(key, -1);
        assert id >= 0 : "realloc of a key that is not live: " + key;
        idOfKey.put(newKey, id);
        emit(OpKind.REALLOC, id, newByteSize, 0);
    }

    /** Forgets the live block {@code key} without freeing it: it stays live (leaked) in the trace. */
    final void forget(long key) {
        idOfKey.remove(key, -1);
    }

    /** Counts one input event that could not be mapped as it stands. */
    final void count(String what) {
        counts.merge("import." + what, 1L, Long::sum);
    }

    final TraceFormatException error(String problem) {
        return new TraceFormatException(lines.position(), problem);
    }

    private void checkSize(long byteSize) {
        if (byteSize < 0 || byteSize > TraceLimits.MAX_BYTE_SIZE) {
            throw error("size " + byteSize + " is absurd (limit " + TraceLimits.MAX_BYTE_SIZE + " bytes)");
        }
    }

    private void emit(OpKind kind, long id, long byteSize, long byteAlignment) {
        TraceEvent slot = queue[(queueHead + queueSize) % queue.length];
        switch (kind) {
            case ALLOC -> slot.alloc(id, byteSize, byteAlignment);
            case FREE -> slot.free(id);
            case REALLOC -> slot.realloc(id, byteSize);
        }
        slot.timestampNanos = timestampNanos;
        queueSize++;
    }

    /** Splits a line on runs of blanks. */
    static String[] fields(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
    }

    /** Parses a decimal number or throws a message naming what was expected. */
    final long decimal(String text, String expected) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("expected " + expected + ", found '" + shorten(text) + "'");
        }
    }

    /** Parses a hexadecimal number (with or without {@code 0x}) below 2^63, or throws. */
    final long hex(String text, String expected) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            long value = Long.parseUnsignedLong(digits, 16);
            if (value < 0) {
                throw error("expected " + expected + " below 2^63, found '" + shorten(text) + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw error("expected " + expected + " in hexadecimal, found '" + shorten(text) + "'");
        }
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine;
    }

    /** Fails with a clean message when the input file is missing, before any parsing. */
    static void requireFile(Path input) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new java.nio.file.NoSuchFileException(input.toString());
        }
    }
}
