package io.heaplab.harness;

import io.heaplab.alloc.Layout;
import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceLimits;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.internal.IdPool;
import io.heaplab.trace.internal.LongLongMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trace resolved into primitive arrays, ready to be replayed without parsing, boxing or per-operation garbage:
 * in memory when it is small, streamed chunk by chunk from a temporary file when it is not, so that replay memory
 * does not depend on the trace's length.
 *
 * <h2>Representation</h2>
 * The operations are cut into {@link OpChunk chunks} of {@link OpChunk#CAPACITY} operations. Operation {@code i}
 * is {@code kind} on block <em>slot</em> {@code slot}:
 * <pre>
 *   kind        ALLOC              FREE                 REALLOC              INVALID
 *   byteSize    requested bytes    the block's size     the new size         0
 *   oldByteSize 0                  0                    the block's old size 0
 *   alignShift  log2(alignment) of the block (a realloc keeps it)            0
 * </pre>
 * Sizes and alignments of frees and reallocations are resolved once at load time from the trace itself, so the
 * replay loop needs only {@code slot -> address}. Slots are the trace's ids renumbered densely at load time: an id
 * gets the most recently freed slot (or a new one) when it is allocated and gives it back when it is freed, so
 * {@link #slotCount()} is the largest number of blocks live at once, whatever the ids (any id that
 * {@link TraceLimits} accepts, up to {@value TraceLimits#MAX_ID}).
 *
 * <h2>Memory</h2>
 * <ul>
 *   <li>A trace of at most {@code residentOps} operations (32 MiB of arrays, about 1.5 million operations, or an
 *       eighth of the maximum heap if that is smaller) is kept in memory. A longer one is spilled, as it is read,
 *       to a temporary file in {@link ChunkFile}'s format in {@code java.io.tmpdir} (deleted at exit by
 *       {@link ExitCleanup}), and every replay reads it back one chunk at a time into one reused chunk.</li>
 *   <li>Header counts ({@code %ops}, {@code %ids}) are not trusted: nothing is sized from them.</li>
 *   <li>What must stay in memory is per live block: loading needs about {@value #BYTES_PER_LIVE_BLOCK} bytes for
 *       each block live at once (the id → slot map, and the slot → address and measuring maps that replays need).
 *       A trace needing more than the maximum heap fails with a {@link TraceTooLargeException}.</li>
 *   <li>Loaded with its misuses (for {@code --check}), a freed id keeps its slot until it is allocated again, so a
 *       trace that never reuses ids needs a slot per allocation, not per live block.</li>
 * </ul>
 *
 * <h2>Trace errors</h2>
 * An operation that breaks the trace's rules (free or realloc of an id that is not live, alloc of an id that is
 * live, a size or alignment that is not a valid {@link Layout}) is kept as {@link #INVALID}, skipped by every replay
 * and counted in {@link #traceErrors()}; it never stops the replay.
 *
 * @implSpec Immutable after loading, but a streamed trace reads through one reused chunk: not thread-safe, and a
 * chunk returned by {@link #chunk} is valid until the next call.
 */
public final class LoadedTrace {

    /** Operation kind: allocate a block. */
    public static final byte ALLOC = 0;
    /** Operation kind: free a block. */
    public static final byte FREE = 1;
    /** Operation kind: resize a block. */
    public static final byte REALLOC = 2;
    /** Operation kind: a trace error, skipped. */
    public static final byte INVALID = 3;
    /**
     * Operation kind (only in a trace {@linkplain #load(String, TraceReader, boolean) loaded with its misuses}): a free
     * of a block already freed, a double free. Its slot still holds the freed block (a freed id keeps its slot until
     * the id is allocated again); the replay frees the block's last address with its last layout again.
     */
    public static final byte STALE_FREE = 4;
    /**
     * Operation kind (misuses kept): a free of the slot's block address (the live block's, else the last freed one's)
     * plus {@code oldByteSize} bytes, with the layout ({@code byteSize}, {@code 1 << alignShift}) given; an offset
     * of 0 on a live block frees it (a free with a wrong layout). From an injected trace's {@code free-at}.
     */
    public static final byte FREE_AT = 5;
    /**
     * Operation kind (misuses kept): a raw write of {@code byteSize} bytes at the slot's block address (live, else the
     * last freed one) plus {@code oldByteSize}; from an injected trace's {@code write}.
     */
    public static final byte WRITE = 6;

    /** At most this many bytes of operations are kept in memory (when the heap is at least 8 times larger). */
    static final long RESIDENT_BYTES = 32L << 20;
    /**
     * Java heap needed per block live at once, estimated: while loading, the id → slot hash map (16 bytes an entry at
     * 1/4 to 1/2 load, so up to 64 bytes, and 96 while it doubles) and the slot's size and alignment (9 bytes, 18
     * while they double); while measuring, the address, granted-size and pattern-seed maps (24 bytes). Loading
     * refuses a trace whose estimate (with its in-memory operations) passes 3/4 of the maximum heap, leaving the
     * rest to the JVM and the trace reader.
     */
    static final int BYTES_PER_LIVE_BLOCK = 160;

    private final String name;
    private final long opCount;
    private final int slotCount;
    private final long traceErrors;
    /** Operations done when live requested bytes first reach their maximum, if every allocation succeeds. */
    private final long peakLiveOpCount;
    /** The blocks still live when the trace ends, as (slot, size, alignShift) triples; released between replays. */
    final int[] liveAtEndSlots;
    final long[] liveAtEndSizes;
    final byte[] liveAtEndShifts;
    /** Every chunk, when the trace is in memory; null when it is streamed. */
    private final OpChunk[] resident;
    /** The chunk file a streamed trace is read from; null when the trace is in memory. */
    private final Path file;
    /** Reads a streamed trace ahead of the replay; started on first use. */
    private ChunkPrefetcher prefetcher;

    private LoadedTrace(ChunkFile.Meta meta, OpChunk[] resident, Path file) {
        this.name = meta.name();
        this.opCount = meta.opCount();
        this.slotCount = meta.slotCount();
        this.traceErrors = meta.traceErrors();
        this.peakLiveOpCount = meta.peakLiveOpCount();
        this.liveAtEndSlots = meta.liveAtEndSlots();
        this.liveAtEndSizes = meta.liveAtEndSizes();
        this.liveAtEndShifts = meta.liveAtEndShifts();
        this.resident = resident;
        this.file = file;
    }

    /**
     * Reads a whole trace, into memory if it is small, else into a temporary file (see the class comment).
     *
     * @param name   the name results will carry
     * @param reader the trace; read to its end, not closed
     * @return the loaded trace
     * @throws TraceFormatException   if the trace is malformed, or an id is negative or above
     *                                {@value TraceLimits#MAX_ID}
     * @throws TraceTooLargeException if the blocks live at once need more than the maximum Java heap
     * @throws IOException            if reading the trace, or writing the temporary file, fails
     */
    public static LoadedTrace load(String name, TraceReader reader) throws IOException {
        return load(name, reader, residentOpLimit(), Runtime.getRuntime().maxMemory(), false);
    }

    /**
     * As {@link #load(String, TraceReader)}; with {@code keepMisuses}, a free of an id that was freed and not
     * allocated again becomes a {@link #STALE_FREE} (a double free to replay on a checked allocator) instead of a
     * trace error. Freed ids then keep their slots until they are allocated again, so {@link #slotCount()} can
     * exceed the largest number of blocks live at once.
     *
     * @param name        the name results will carry
     * @param reader      the trace; read to its end, not closed
     * @param keepMisuses whether double frees are kept as {@link #STALE_FREE}
     * @return the loaded trace
     * @throws TraceFormatException   if the trace is malformed
     * @throws TraceTooLargeException if the slots need more than the maximum Java heap
     * @throws IOException            if reading the trace, or writing the temporary file, fails
     */
    public static LoadedTrace load(String name, TraceReader reader, boolean keepMisuses) throws IOException {
        return load(name, reader, residentOpLimit(), Runtime.getRuntime().maxMemory(), keepMisuses);
    }

    static LoadedTrace load(String name, TraceReader reader, long residentOps, long maxHeapBytes) throws IOException {
        return load(name, reader, residentOps, maxHeapBytes, false);
    }

    /**
     * As {@link #load(String, TraceReader)}, keeping at most {@code residentOps} operations in memory and refusing
     * traces whose live blocks need more than {@code maxHeapBytes}.
     *
     * @param residentOps  a multiple of {@link OpChunk#CAPACITY}, at least one chunk
     * @param maxHeapBytes the Java heap the trace may use
     * @param keepMisuses  whether double frees are kept as {@link #STALE_FREE}
     */
    static LoadedTrace load(String name, TraceReader reader, long residentOps, long maxHeapBytes, boolean keepMisuses)
        throws IOException {
        Builder b = new Builder(name, residentOps, maxHeapBytes, keepMisuses);
        try {
            TraceEvent event = new TraceEvent();
            while (reader.next(event)) {
                if (event.id < 0 || event.id > TraceLimits.MAX_ID) {
                    throw new TraceFormatException(reader.position(),
                        "expected a block id between 0 and " + TraceLimits.MAX_ID + ", found " + event.id);
                }
                switch (event.kind) {
                    case OpKind.ALLOC -> b.alloc(event.id, event.byteSize, event.byteAlignment);
                    case OpKind.FREE -> b.free(event.id);
                    case OpKind.REALLOC -> b.realloc(event.id, event.byteSize);
                    case OpKind.FREE_AT -> b.freeAt(event.id, event.byteOffset, event.byteSize, event.byteAlignment);
                    case OpKind.WRITE -> b.write(event.id, event.byteOffset, event.byteSize);
                }
            }
            return b.build();
        } catch (OutOfMemoryError e) {
            long ops = b.count;
            long slots = b.pool.idCount();
            b.dropArrays(); // let the arrays go before building the message
            b.discard();
            throw new TraceTooLargeException(name, ops, slots, -1, maxHeapBytes);
        } catch (IOException | RuntimeException e) {
            b.discard();
            throw e;
        }
    }

    /** {@return how many operations are kept in memory before a trace is spilled, for this JVM's heap} */
    static long residentOpLimit() {
        long bytes = Math.min(RESIDENT_BYTES, Runtime.getRuntime().maxMemory() / 8);
        long chunks = Math.max(1, bytes / ChunkFile.CHUNK_BYTES);
        return chunks * OpChunk.CAPACITY;
    }

    /** {@return the name results carry} */
    public String name() {
        return name;
    }

    /** {@return the number of operations, trace errors included} */
    public long opCount() {
        return opCount;
    }

    /** {@return the number of block slots: the largest number of blocks live at once (an address map's size)} */
    public int slotCount() {
        return slotCount;
    }

    /** {@return the number of operations that broke the trace's rules and are skipped} */
    public long traceErrors() {
        return traceErrors;
    }

    /**
     * {@return how many operations are done when live requested bytes first reach their maximum, provided every
     * allocation succeeds (0 for a trace that never allocates)}
     */
    public long peakLiveOpCount() {
        return peakLiveOpCount;
    }

    /** {@return whether the operations are held in memory (else they are streamed from a temporary file)} */
    public boolean inMemory() {
        return resident != null;
    }

    /** {@return the number of chunks} */
    int chunkCount() {
        return (int) ((opCount + OpChunk.CAPACITY - 1) / OpChunk.CAPACITY);
    }

    /**
     * {@return chunk {@code k}: operations {@code k * CAPACITY} onwards} For a streamed trace the chunk comes from a
     * {@link ChunkPrefetcher} (which reads ahead on its own thread) and stays valid until the next call; nothing is
     * allocated after the first call.
     *
     * @param k a chunk index below {@link #chunkCount()}
     * @throws UncheckedIOException if the temporary file cannot be read
     */
    OpChunk chunk(int k) {
        if (resident != null) {
            return resident[k];
        }
        return streamed(k);
    }

    private OpChunk streamed(int k) {
        if (prefetcher == null) {
            try {
                prefetcher = new ChunkPrefetcher(new ChunkFile.Reader(file), chunkCount(), name);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spilled trace " + file + ": " + e.getMessage(), e);
            }
        }
        return prefetcher.get(k);
    }

    private ChunkFile.Meta meta() {
        return new ChunkFile.Meta(name, opCount, slotCount, peakLiveOpCount, traceErrors, liveAtEndSlots,
            liveAtEndSizes, liveAtEndShifts);
    }

    /**
     * Writes this trace in {@link ChunkFile}'s format, to hand it to a forked JVM. A streamed trace's file is
     * linked (or, across file systems, copied) rather than rewritten.
     *
     * @param target where to write; replaced if it exists
     * @throws IOException if writing fails
     */
    public void writeTo(Path target) throws IOException {
        if (resident == null) {
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        if (!Files.exists(target)) {
            Files.createFile(target);
        }
        try (ChunkFile.Writer w = new ChunkFile.Writer(target)) {
            for (OpChunk c : resident) {
                w.write(c);
            }
            w.finish(meta());
        }
    }

    /**
     * Reads a trace written by {@link #writeTo}: into memory if it is small, else streamed from {@code file}
     * itself, which must then exist as long as the trace is replayed.
     *
     * @param file the file
     * @return the trace
     * @throws IOException if reading fails or the file is not in the format
     */
    public static LoadedTrace readFrom(Path file) throws IOException {
        return readFrom(file, residentOpLimit());
    }

    static LoadedTrace readFrom(Path file, long residentOps) throws IOException {
        ChunkFile.Reader r = new ChunkFile.Reader(file);
        ChunkFile.Meta meta = r.meta();
        if (meta.opCount() > residentOps) {
            r.close();
            return new LoadedTrace(meta, null, file);
        }
        try (r) {
            OpChunk[] chunks = new OpChunk[(int) ((meta.opCount() + OpChunk.CAPACITY - 1) / OpChunk.CAPACITY)];
            for (int k = 0; k < chunks.length; k++) {
                OpChunk c = new OpChunk(OpChunk.CAPACITY);
                r.read(k, c);
                chunks[k] = c.count < OpChunk.CAPACITY ? c.trimmed() : c;
            }
            return new LoadedTrace(meta, chunks, null);
        }
    }

    /** Accumulates operations, tracking which ids are live to resolve sizes and detect trace errors. */
    static final class Builder {
        private final String name;
        private final long residentOps;
        private final long maxHeapBytes;
        private final boolean keepMisuses;
        /** With {@code keepMisuses}: freed id → the slot it keeps until it is allocated again. */
        private final LongLongMap deadSlotOf = new LongLongMap();
        private final List<OpChunk> chunks = new ArrayList<>();
        private OpChunk current = new OpChunk(OpChunk.CAPACITY);
        private Path spillFile;
        private ChunkFile.Writer spill;
        long count;
        private long errors;
        private long live;
        private long peakLive;
        private long peakOps;
        /** Trace id → slot, for live ids only. */
        private final LongLongMap slotOf = new LongLongMap();
        final IdPool pool = new IdPool();
        /** Per slot: the live block's size, or -1 when the slot is free. */
        private long[] slotSize = new long[0];
        private byte[] slotShift = new byte[0];
        /** With {@code keepMisuses}: per slot held by a freed id, the size the block had. */
        private long[] deadSize = new long[0];

        Builder(String name, long residentOps, long maxHeapBytes, boolean keepMisuses) {
            this.name = name;
            this.keepMisuses = keepMisuses;
            this.residentOps = residentOps;
            this.maxHeapBytes = maxHeapBytes;
            current.first = 0;
        }

        void alloc(long id, long byteSize, long byteAlignment) throws IOException {
            if (slotOf.containsKey(id) || !Layout.isValid(byteSize, byteAlignment)) {
                add(INVALID, 0, 0, 0, (byte) 0);
                return;
            }
            if (keepMisuses) {
                int dead = (int) deadSlotOf.remove(id, -1);
                if (dead >= 0) {
                    pool.release(dead);
                }
            }
            int slot = pool.acquire();
            ensureSlot(slot);
            slotOf.put(id, slot);
            byte shift = (byte) Long.numberOfTrailingZeros(byteAlignment);
            slotSize[slot] = byteSize;
            slotShift[slot] = shift;
            add(ALLOC, slot, byteSize, 0, shift);
            grew(byteSize);
        }

        /** A {@code free-at}: kept with misuses (an offset of 0 on a live block frees it), else a trace error. */
        void freeAt(long id, long offset, long byteSize, long byteAlignment) throws IOException {
            int slot = keepMisuses ? misuseSlot(id) : -1;
            if (slot < 0 || byteSize < 0 || byteAlignment <= 0 || Long.bitCount(byteAlignment) != 1) {
                add(INVALID, 0, 0, 0, (byte) 0);
                return;
            }
            add(FREE_AT, slot, byteSize, offset, (byte) Long.numberOfTrailingZeros(byteAlignment));
            if (offset == 0 && slotOf.containsKey(id)) {
                slotOf.remove(id, -1);
                release(id, slot);
            }
        }

        /** A raw {@code write}: kept with misuses, else a trace error. */
        void write(long id, long offset, long byteLength) throws IOException {
            int slot = keepMisuses ? misuseSlot(id) : -1;
            if (slot < 0 || byteLength < 0) {
                add(INVALID, 0, 0, 0, (byte) 0);
                return;
            }
            add(WRITE, slot, byteLength, offset, (byte) 0);
        }

        /** {@return the slot of {@code id}'s live block, else of its last freed block, else -1} */
        private int misuseSlot(long id) {
            int slot = (int) slotOf.get(id, -1);
            return slot >= 0 ? slot : (int) deadSlotOf.get(id, -1);
        }

        /** The block in {@code slot}, of live {@code id}, was freed: the slot is kept for misuses or released. */
        private void release(long id, int slot) {
            live -= slotSize[slot];
            if (keepMisuses) {
                deadSize[slot] = slotSize[slot];
                deadSlotOf.put(id, slot);
            } else {
                pool.release(slot);
            }
            slotSize[slot] = -1;
        }

        void free(long id) throws IOException {
            int slot = (int) slotOf.remove(id, -1);
            if (slot < 0) {
                int dead = keepMisuses ? (int) deadSlotOf.get(id, -1) : -1;
                if (dead >= 0) {
                    add(STALE_FREE, dead, deadSize[dead], 0, slotShift[dead]);
                } else {
                    add(INVALID, 0, 0, 0, (byte) 0);
                }
                return;
            }
            add(FREE, slot, slotSize[slot], 0, slotShift[slot]);
            release(id, slot);
        }

        void realloc(long id, long newByteSize) throws IOException {
            int slot = (int) slotOf.get(id, -1);
            if (slot < 0 || !Layout.isValid(newByteSize, 1L << slotShift[slot])) {
                add(INVALID, 0, 0, 0, (byte) 0);
                return;
            }
            add(REALLOC, slot, newByteSize, slotSize[slot], slotShift[slot]);
            grew(newByteSize - slotSize[slot]);
            slotSize[slot] = newByteSize;
        }

        /** Tracks live requested bytes after the operation just added. */
        private void grew(long deltaBytes) {
            live += deltaBytes;
            if (live > peakLive) {
                peakLive = live;
                peakOps = count;
            }
        }

        /** Grows the per-slot arrays geometrically, refusing a size the heap cannot hold. */
        private void ensureSlot(int slot) {
            if (slot < slotSize.length) {
                return;
            }
            int old = slotSize.length;
            int grown = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, old * 2L));
            long needed = (long) grown * BYTES_PER_LIVE_BLOCK + (spill == null ? count * OpChunk.BYTES_PER_OP : 0);
            if (needed > maxHeapBytes / 4 * 3) {
                throw new TraceTooLargeException(name, count, slot + 1L, needed, maxHeapBytes);
            }
            slotSize = Arrays.copyOf(slotSize, grown);
            Arrays.fill(slotSize, old, grown, -1);
            slotShift = Arrays.copyOf(slotShift, grown);
            if (keepMisuses) {
                deadSize = Arrays.copyOf(deadSize, grown);
            }
        }

        void add(byte kind, int slot, long byteSize, long oldByteSize, byte shift) throws IOException {
            if (current.count == OpChunk.CAPACITY) {
                flush();
            }
            if (kind == INVALID) {
                errors++;
            }
            int j = current.count++;
            current.kinds[j] = kind;
            current.slots[j] = slot;
            current.byteSizes[j] = byteSize;
            current.oldByteSizes[j] = oldByteSize;
            current.alignShifts[j] = shift;
            count++;
        }

        /** Moves the full current chunk to memory or, past {@code residentOps}, to the spill file. */
        private void flush() throws IOException {
            if (spill == null && (long) (chunks.size() + 1) * OpChunk.CAPACITY > residentOps) {
                spillFile = ExitCleanup.createTempFile("heaplab-trace-", ".spill");
                spill = new ChunkFile.Writer(spillFile);
                for (OpChunk c : chunks) {
                    spill.write(c);
                }
                chunks.clear();
            }
            long next = current.first + current.count;
            if (spill != null) {
                spill.write(current);
                current.count = 0;
            } else {
                chunks.add(current);
                current = new OpChunk(OpChunk.CAPACITY);
            }
            current.first = next;
        }

        LoadedTrace build() throws IOException {
            int liveCount = slotOf.size();
            int[] liveSlots = new int[liveCount];
            long[] liveSizes = new long[liveCount];
            byte[] liveShifts = new byte[liveCount];
            int k = 0;
            for (int slot = 0; slot < pool.idCount(); slot++) {
                if (slotSize[slot] >= 0) {
                    liveSlots[k] = slot;
                    liveSizes[k] = slotSize[slot];
                    liveShifts[k] = slotShift[slot];
                    k++;
                }
            }
            ChunkFile.Meta meta = new ChunkFile.Meta(name, count, pool.idCount(), peakOps, errors, liveSlots,
                liveSizes, liveShifts);
            if (spill == null) {
                if (current.count > 0) {
                    chunks.add(current.trimmed());
                }
                return new LoadedTrace(meta, chunks.toArray(new OpChunk[0]), null);
            }
            if (current.count > 0) {
                spill.write(current);
            }
            spill.finish(meta);
            spill.close();
            return new LoadedTrace(meta, null, spillFile);
        }

        /** Lets go of the operations and per-slot arrays of a load that failed. */
        void dropArrays() {
            chunks.clear();
            current = null;
            slotSize = null;
            slotShift = null;
        }

        /** Deletes the spill file of a load that failed. */
        void discard() throws IOException {
            if (spill != null) {
                spill.close();
                ExitCleanup.delete(spillFile);
            }
        }
    }
}
