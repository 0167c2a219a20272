package io.heaplab.harness;

import io.heaplab.alloc.Layout;
import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceReader;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A whole trace held in primitive arrays, ready to be replayed without I/O, boxing or per-operation garbage.
 *
 * <h2>Representation</h2>
 * Operation {@code i} is {@code kind(i)} on block {@code id(i)}:
 * <pre>
 *   kind     ALLOC              FREE                 REALLOC              INVALID
 *   size[i]  requested bytes    the block's size     the new size         0
 *   old[i]   0                  0                    the block's old size 0
 *   shift[i] log2(alignment) of the block (a realloc keeps it)            0
 * </pre>
 * Sizes and alignments of frees and reallocations are resolved once at load time from the trace itself, so the
 * replay loop needs only {@code id -> address}. Ids are dense ({@code 0 <= id < idCount()}).
 *
 * <h2>Trace errors</h2>
 * An operation that breaks the trace's rules (free or realloc of an id that is not live, alloc of an id that is
 * live, a size or alignment that is not a valid {@link Layout}) is kept as {@link #INVALID}, skipped by every replay and counted in {@link #traceErrors()}; it never stops
 * the replay.
 *
 * @implSpec Immutable after loading; the arrays are exposed to the replay loops of this package only.
 */
public final class LoadedTrace {

    /** Operation kind: allocate block {@code id}. */
    public static final byte ALLOC = 0;
    /** Operation kind: free block {@code id}. */
    public static final byte FREE = 1;
    /** Operation kind: resize block {@code id}. */
    public static final byte REALLOC = 2;
    /** Operation kind: a trace error, skipped. */
    public static final byte INVALID = 3;

    /** Ids at or above this are rejected: the id → address map is a Java array. */
    static final long MAX_ID = Integer.MAX_VALUE - 16;

    private static final int FILE_MAGIC = 0x48504C54; // "HPLT"
    private static final int FILE_VERSION = 2;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private final String name;
    final byte[] kinds;
    final int[] ids;
    final long[] sizes;
    final long[] oldSizes;
    final byte[] alignShifts;
    private final int idCount;
    private final long traceErrors;
    /** Operations done when live requested bytes first reach their maximum, if every allocation succeeds. */
    private final int peakLiveOpCount;
    /** The blocks still live when the trace ends, as (id, size, alignShift) triples; released between replays. */
    final int[] liveAtEndIds;
    final long[] liveAtEndSizes;
    final byte[] liveAtEndShifts;

    private LoadedTrace(String name, byte[] kinds, int[] ids, long[] sizes, long[] oldSizes, byte[] alignShifts,
                        int idCount, long traceErrors, int peakLiveOpCount, int[] liveAtEndIds,
                        long[] liveAtEndSizes, byte[] liveAtEndShifts) {
        this.name = name;
        this.kinds = kinds;
        this.ids = ids;
        this.sizes = sizes;
        this.oldSizes = oldSizes;
        this.alignShifts = alignShifts;
        this.idCount = idCount;
        this.traceErrors = traceErrors;
        this.peakLiveOpCount = peakLiveOpCount;
        this.liveAtEndIds = liveAtEndIds;
        this.liveAtEndSizes = liveAtEndSizes;
        this.liveAtEndShifts = liveAtEndShifts;
    }

    /**
     * Reads a whole trace into memory.
     *
     * @param name   the name results will carry
     * @param reader the trace; read to its end, not closed
     * @return the loaded trace
     * @throws TraceFormatException if the trace is malformed, or an id is negative or above {@value #MAX_ID}
     * @throws IOException          if reading fails
     */
    public static LoadedTrace load(String name, TraceReader reader) throws IOException {
        long expectedOps = reader.header().opCount();
        long expectedIds = reader.header().idCount();
        int capacity = (int) Math.min(Math.max(expectedOps, 1024), Integer.MAX_VALUE - 16);
        Builder b = new Builder(capacity, expectedIds > 0 && expectedIds <= MAX_ID ? (int) expectedIds : 1024);
        TraceEvent event = new TraceEvent();
        while (reader.next(event)) {
            if (event.id < 0 || event.id > MAX_ID) {
                throw new TraceFormatException(reader.position(),
                    "expected a block id between 0 and " + MAX_ID + ", found " + event.id);
            }
            switch (event.kind) {
                case OpKind.ALLOC -> b.alloc((int) event.id, event.byteSize, event.byteAlignment);
                case OpKind.FREE -> b.free((int) event.id);
                case OpKind.REALLOC -> b.realloc((int) event.id, event.byteSize);
            }
        }
        return b.build(name);
    }

    /** {@return the name results carry} */
    public String name() {
        return name;
    }

    /** {@return the number of operations, trace errors included} */
    public int opCount() {
        return kinds.length;
    }

    /** {@return one more than the largest id used} */
    public int idCount() {
        return idCount;
    }

    /** {@return the number of operations that broke the trace's rules and are skipped} */
    public long traceErrors() {
        return traceErrors;
    }

    /**
     * {@return how many operations are done when live requested bytes first reach their maximum, provided every
     * allocation succeeds (0 for a trace that never allocates)}
     */
    public int peakLiveOpCount() {
        return peakLiveOpCount;
    }

    /**
     * {@return the first {@code opCount} operations of this trace} Its live-at-end set is empty: release it with
     * {@code reset()}.
     *
     * @param opCount how many operations to keep
     * @throws IllegalArgumentException if {@code opCount} is negative or above {@link #opCount()}
     */
    LoadedTrace prefix(int opCount) {
        if (opCount < 0 || opCount > kinds.length) {
            throw new IllegalArgumentException("prefix of " + opCount + " operations of a trace of " + kinds.length);
        }
        return new LoadedTrace(name, Arrays.copyOf(kinds, opCount), Arrays.copyOf(ids, opCount),
            Arrays.copyOf(sizes, opCount), Arrays.copyOf(oldSizes, opCount), Arrays.copyOf(alignShifts, opCount),
            idCount, 0, Math.min(peakLiveOpCount, opCount), new int[0], new long[0], new byte[0]);
    }

    /**
     * Writes this trace in heaplab's private cache format (used to hand a loaded trace to a forked JVM).
     *
     * <h2>Format</h2> Native byte order, no padding:
     * <pre>
     *   int magic 0x48504C54, int version 2, int opCount, int idCount, int peakLiveOpCount, int liveAtEnd,
     *   long traceErrors, int nameBytes, UTF-8 name,
     *   byte[opCount] kinds, byte[opCount] alignShifts, int[opCount] ids, long[opCount] sizes, long[opCount] oldSizes,
     *   byte[liveAtEnd] shifts, int[liveAtEnd] ids, long[liveAtEnd] sizes
     * </pre>
     * Arrays are copied in bulk, so a forked JVM reads a trace of a million operations in milliseconds.
     *
     * @param file where to write
     * @throws IOException if writing fails
     */
    public void writeTo(Path file) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int n = kinds.length;
        int live = liveAtEndIds.length;
        long size = 6 * Integer.BYTES + Long.BYTES + Integer.BYTES + nameBytes.length
            + n * (2L + Integer.BYTES + 2L * Long.BYTES) + live * (1L + Integer.BYTES + Long.BYTES);
        try (Arena arena = Arena.ofConfined();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                 StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
            MemorySegment m = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            long at = 0;
            for (int v : new int[] {FILE_MAGIC, FILE_VERSION, n, idCount, peakLiveOpCount, live}) {
                m.set(INT, at, v);
                at += Integer.BYTES;
            }
            m.set(LONG, at, traceErrors);
            at += Long.BYTES;
            m.set(INT, at, nameBytes.length);
            at += Integer.BYTES;
            at = put(m, at, MemorySegment.ofArray(nameBytes));
            at = put(m, at, MemorySegment.ofArray(kinds));
            at = put(m, at, MemorySegment.ofArray(alignShifts));
            at = put(m, at, MemorySegment.ofArray(ids));
            at = put(m, at, MemorySegment.ofArray(sizes));
            at = put(m, at, MemorySegment.ofArray(oldSizes));
            at = put(m, at, MemorySegment.ofArray(liveAtEndShifts));
            at = put(m, at, MemorySegment.ofArray(liveAtEndIds));
            put(m, at, MemorySegment.ofArray(liveAtEndSizes));
        }
    }

    /**
     * Reads a trace written by {@link #writeTo}.
     *
     * @param file the file
     * @return the trace
     * @throws IOException if reading fails or the file is not in the cache format
     */
    public static LoadedTrace readFrom(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment m = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            if (m.byteSize() < 8 || m.get(INT, 0) != FILE_MAGIC || m.get(INT, 4) != FILE_VERSION) {
                throw new IOException(file + ": not a heaplab loaded-trace file of version " + FILE_VERSION);
            }
            int n = m.get(INT, 8);
            int idCount = m.get(INT, 12);
            int peak = m.get(INT, 16);
            int live = m.get(INT, 20);
            long errors = m.get(LONG, 24);
            int nameLength = m.get(INT, 32);
            long at = 36;
            byte[] nameBytes = new byte[nameLength];
            at = get(m, at, MemorySegment.ofArray(nameBytes));
            byte[] kinds = new byte[n];
            byte[] shifts = new byte[n];
            int[] ids = new int[n];
            long[] sizes = new long[n];
            long[] oldSizes = new long[n];
            byte[] liveShifts = new byte[live];
            int[] liveIds = new int[live];
            long[] liveSizes = new long[live];
            at = get(m, at, MemorySegment.ofArray(kinds));
            at = get(m, at, MemorySegment.ofArray(shifts));
            at = get(m, at, MemorySegment.ofArray(ids));
            at = get(m, at, MemorySegment.ofArray(sizes));
            at = get(m, at, MemorySegment.ofArray(oldSizes));
            at = get(m, at, MemorySegment.ofArray(liveShifts));
            at = get(m, at, MemorySegment.ofArray(liveIds));
            get(m, at, MemorySegment.ofArray(liveSizes));
            return new LoadedTrace(new String(nameBytes, StandardCharsets.UTF_8), kinds, ids, sizes, oldSizes, shifts,
                idCount, errors, peak, liveIds, liveSizes, liveShifts);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(file + ": truncated loaded-trace file", e);
        }
    }

    private static long put(MemorySegment file, long at, MemorySegment array) {
        MemorySegment.copy(array, 0, file, at, array.byteSize());
        return at + array.byteSize();
    }

    private static long get(MemorySegment file, long at, MemorySegment array) {
        MemorySegment.copy(file, at, array, 0, array.byteSize());
        return at + array.byteSize();
    }

    /** Accumulates operations, tracking which ids are live to resolve sizes and detect trace errors. */
    static final class Builder {
        private byte[] kinds;
        private int[] ids;
        private long[] sizes;
        private long[] oldSizes;
        private byte[] shifts;
        private int count;
        private long errors;
        private int maxId = -1;
        private long live;
        private long peakLive;
        private int peakOps;
        /** Per id: current size, or -1 when not live. */
        private long[] liveSize;
        private byte[] liveShift;

        Builder(int opCapacity, int idCapacity) {
            kinds = new byte[opCapacity];
            ids = new int[opCapacity];
            sizes = new long[opCapacity];
            oldSizes = new long[opCapacity];
            shifts = new byte[opCapacity];
            liveSize = new long[Math.max(idCapacity, 16)];
            Arrays.fill(liveSize, -1);
            liveShift = new byte[liveSize.length];
        }

        void alloc(int id, long byteSize, long byteAlignment) {
            ensureId(id);
            if (liveSize[id] >= 0 || !Layout.isValid(byteSize, byteAlignment)) {
                add(INVALID, id, 0, 0, (byte) 0);
                return;
            }
            byte shift = (byte) Long.numberOfTrailingZeros(byteAlignment);
            liveSize[id] = byteSize;
            liveShift[id] = shift;
            add(ALLOC, id, byteSize, 0, shift);
            grew(byteSize);
        }

        void free(int id) {
            ensureId(id);
            if (liveSize[id] < 0) {
                add(INVALID, id, 0, 0, (byte) 0);
                return;
            }
            add(FREE, id, liveSize[id], 0, liveShift[id]);
            live -= liveSize[id];
            liveSize[id] = -1;
        }

        void realloc(int id, long newByteSize) {
            ensureId(id);
            if (liveSize[id] < 0 || !Layout.isValid(newByteSize, 1L << liveShift[id])) {
                add(INVALID, id, 0, 0, (byte) 0);
                return;
            }
            add(REALLOC, id, newByteSize, liveSize[id], liveShift[id]);
            grew(newByteSize - liveSize[id]);
            liveSize[id] = newByteSize;
        }

        /** Tracks live requested bytes after the operation just added. */
        private void grew(long deltaBytes) {
            live += deltaBytes;
            if (live > peakLive) {
                peakLive = live;
                peakOps = count;
            }
        }

        private void ensureId(int id) {
            if (id >= liveSize.length) {
                int old = liveSize.length;
                int grown = (int) Math.min(MAX_ID + 1, Math.max((long) id + 1, old * 2L));
                liveSize = Arrays.copyOf(liveSize, grown);
                Arrays.fill(liveSize, old, grown, -1);
                liveShift = Arrays.copyOf(liveShift, grown);
            }
            maxId = Math.max(maxId, id);
        }

        private void add(byte kind, int id, long size, long oldSize, byte shift) {
            if (count == kinds.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 16, count * 2L);
                if (grown == count) {
                    throw new IllegalStateException("trace has more than " + count + " operations");
                }
                kinds = Arrays.copyOf(kinds, grown);
                ids = Arrays.copyOf(ids, grown);
                sizes = Arrays.copyOf(sizes, grown);
                oldSizes = Arrays.copyOf(oldSizes, grown);
                shifts = Arrays.copyOf(shifts, grown);
            }
            if (kind == INVALID) {
                errors++;
            }
            kinds[count] = kind;
            ids[count] = id;
            sizes[count] = size;
            oldSizes[count] = oldSize;
            shifts[count] = shift;
            count++;
        }

        LoadedTrace build(String name) {
            int live = 0;
            for (int id = 0; id <= maxId; id++) {
                if (liveSize[id] >= 0) {
                    live++;
                }
            }
            int[] liveIds = new int[live];
            long[] liveSizes = new long[live];
            byte[] liveShifts = new byte[live];
            int k = 0;
            for (int id = 0; id <= maxId; id++) {
                if (liveSize[id] >= 0) {
                    liveIds[k] = id;
                    liveSizes[k] = liveSize[id];
                    liveShifts[k] = liveShift[id];
                    k++;
                }
            }
            return new LoadedTrace(name, Arrays.copyOf(kinds, count), Arrays.copyOf(ids, count),
                Arrays.copyOf(sizes, count), Arrays.copyOf(oldSizes, count), Arrays.copyOf(shifts, count),
                maxId + 1, errors, peakOps, liveIds, liveSizes, liveShifts);
        }
    }
}
