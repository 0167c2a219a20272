package io.heaplab.harness;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file format of a {@link LoadedTrace}: how a trace too large for memory is spilled to disk and streamed back
 * chunk by chunk, and how a loaded trace is handed to a forked JVM.
 *
 * <h2>Format (version 3)</h2> Native byte order. {@code C} = {@link OpChunk#CAPACITY}.
 * <pre>
 *   offset 0   int magic 0x48504C54 ("HPLT"), int version 3, long opCount, int slotCount, int liveAtEnd,
 *              long peakLiveOpCount, long traceErrors, long trailerOffset, int nameBytes, int C   (zero-padded to 64)
 *   offset 64 + k * C * 22: chunk k, columnar, always C operations long (the last one padded):
 *              byte[C] kinds, byte[C] alignShifts, int[C] slots, long[C] byteSizes, long[C] oldByteSizes
 *   trailerOffset: UTF-8 name, byte[liveAtEnd] alignShifts, int[liveAtEnd] slots, long[liveAtEnd] byteSizes
 * </pre>
 * A chunk is one positioned read and five bulk copies into an {@link OpChunk}'s arrays, so streaming needs no more
 * memory than one chunk and does not grow the process's resident set (the page cache holds the file).
 *
 * @implSpec Not thread-safe; a {@link Reader} or {@link Writer} keeps one reusable I/O buffer.
 */
final class ChunkFile {

    static final int MAGIC = 0x48504C54;
    static final int VERSION = 3;
    static final int HEADER_BYTES = 64;
    static final long CHUNK_BYTES = (long) OpChunk.CAPACITY * OpChunk.BYTES_PER_OP;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final int C = OpChunk.CAPACITY;

    private ChunkFile() {
    }

    /**
     * What a chunk file says about its trace, besides the operations.
     *
     * @param name            the trace's name
     * @param opCount         operations
     * @param slotCount       block slots (the size of an address map)
     * @param peakLiveOpCount operations done when live requested bytes first peak
     * @param traceErrors     invalid operations
     * @param liveAtEndSlots  slots live at the end
     * @param liveAtEndSizes  their sizes in bytes
     * @param liveAtEndShifts their log2 alignments
     */
    record Meta(String name, long opCount, int slotCount, long peakLiveOpCount, long traceErrors,
                int[] liveAtEndSlots, long[] liveAtEndSizes, byte[] liveAtEndShifts) {
    }

    /** {@return the file offset of chunk {@code k}} @param k a chunk index */
    static long chunkOffset(long k) {
        return HEADER_BYTES + k * CHUNK_BYTES;
    }

    /** Writes chunks in order, then the metadata. */
    static final class Writer implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect((int) CHUNK_BYTES).order(ByteOrder.nativeOrder());
        private final MemorySegment segment = MemorySegment.ofBuffer(buffer);
        private long chunks;

        /**
         * @param file an existing file, truncated
         * @throws IOException if it cannot be opened
         */
        Writer(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        /**
         * Appends a chunk.
         *
         * @param chunk operations {@code 0 .. chunk.count - 1} are written
         * @throws IOException if writing fails
         */
        void write(OpChunk chunk) throws IOException {
            int n = chunk.count;
            MemorySegment.copy(chunk.kinds, 0, segment, ValueLayout.JAVA_BYTE, 0, n);
            MemorySegment.copy(chunk.alignShifts, 0, segment, ValueLayout.JAVA_BYTE, C, n);
            MemorySegment.copy(chunk.slots, 0, segment, INT, 2L * C, n);
            MemorySegment.copy(chunk.byteSizes, 0, segment, LONG, 6L * C, n);
            MemorySegment.copy(chunk.oldByteSizes, 0, segment, LONG, 14L * C, n);
            writeFully(buffer.clear(), chunkOffset(chunks++));
        }

        /**
         * Writes the trailer and the header.
         *
         * @param meta the trace's metadata; {@code meta.opCount()} must match the chunks written
         * @throws IOException if writing fails
         */
        void finish(Meta meta) throws IOException {
            byte[] name = meta.name().getBytes(StandardCharsets.UTF_8);
            int live = meta.liveAtEndSlots().length;
            long trailerOffset = chunkOffset(chunks);
            ByteBuffer trailer = ByteBuffer.allocate(Math.toIntExact(name.length
                    + (long) live * (1 + Integer.BYTES + Long.BYTES)))
                .order(ByteOrder.nativeOrder());
            trailer.put(name).put(meta.liveAtEndShifts());
            trailer.asIntBuffer().put(meta.liveAtEndSlots());
            trailer.position(trailer.position() + live * Integer.BYTES);
            trailer.asLongBuffer().put(meta.liveAtEndSizes());
            writeFully(trailer.clear(), trailerOffset);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
            header.putInt(MAGIC).putInt(VERSION).putLong(meta.opCount()).putInt(meta.slotCount()).putInt(live)
                .putLong(meta.peakLiveOpCount()).putLong(meta.traceErrors()).putLong(trailerOffset)
                .putInt(name.length).putInt(C);
            writeFully(header.clear(), 0);
        }

        private void writeFully(ByteBuffer source, long position) throws IOException {
            while (source.hasRemaining()) {
                position += channel.write(source, position);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Reads the metadata, then any chunk on demand. */
    static final class Reader implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private ByteBuffer buffer;
        private MemorySegment segment;
        private final Meta meta;

        /**
         * Opens {@code file} and reads its metadata.
         *
         * @param file a chunk file
         * @throws IOException if reading fails, or the file is not a chunk file of version 3 or is truncated
         */
        Reader(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                this.meta = readMeta();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private Meta readMeta() throws IOException {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
            readFully(header, 0);
            header.flip();
            if (header.getInt() != MAGIC || header.getInt() != VERSION) {
                throw new IOException(file + ": not a heaplab loaded-trace file of version " + VERSION);
            }
            long opCount = header.getLong();
            int slotCount = header.getInt();
            int live = header.getInt();
            long peak = header.getLong();
            long errors = header.getLong();
            long trailerOffset = header.getLong();
            int nameBytes = header.getInt();
            int capacity = header.getInt();
            long chunks = (opCount + C - 1) / C;
            if (opCount < 0 || slotCount < 0 || live < 0 || live > slotCount || nameBytes < 0 || capacity != C
                || trailerOffset != chunkOffset(chunks)
                || channel.size() != trailerOffset + nameBytes + (long) live * (1 + Integer.BYTES + Long.BYTES)) {
                throw new IOException(file + ": corrupt or truncated loaded-trace file");
            }
            ByteBuffer trailer = ByteBuffer.allocate(Math.toIntExact(channel.size() - trailerOffset))
                .order(ByteOrder.nativeOrder());
            readFully(trailer, trailerOffset);
            trailer.flip();
            byte[] name = new byte[nameBytes];
            byte[] shifts = new byte[live];
            int[] slots = new int[live];
            long[] sizes = new long[live];
            trailer.get(name).get(shifts);
            trailer.asIntBuffer().get(slots);
            trailer.position(trailer.position() + live * Integer.BYTES);
            trailer.asLongBuffer().get(sizes);
            return new Meta(new String(name, StandardCharsets.UTF_8), opCount, slotCount, peak, errors, slots, sizes,
                shifts);
        }

        /** {@return the metadata} */
        Meta meta() {
            return meta;
        }

        /**
         * Reads chunk {@code k} into {@code into}.
         *
         * @param k    a chunk index below {@code ceil(opCount / C)}
         * @param into a chunk of capacity {@code C}
         * @throws IOException if reading fails
         */
        void read(long k, OpChunk into) throws IOException {
            if (buffer == null) {
                buffer = ByteBuffer.allocateDirect((int) CHUNK_BYTES).order(ByteOrder.nativeOrder());
                segment = MemorySegment.ofBuffer(buffer);
            }
            long first = k * C;
            int n = (int) Math.min(C, meta.opCount() - first);
            buffer.clear();
            readFully(buffer, chunkOffset(k));
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, into.kinds, 0, n);
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, C, into.alignShifts, 0, n);
            MemorySegment.copy(segment, INT, 2L * C, into.slots, 0, n);
            MemorySegment.copy(segment, LONG, 6L * C, into.byteSizes, 0, n);
            MemorySegment.copy(segment, LONG, 14L * C, into.oldByteSizes, 0, n);
            into.count = n;
            into.first = first;
        }

        private void readFully(ByteBuffer target, long position) throws IOException {
            while (target.hasRemaining()) {
                int read = channel.read(target, position);
                if (read < 0) {
                    throw new EOFException(file + ": truncated loaded-trace file");
                }
                position += read;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
