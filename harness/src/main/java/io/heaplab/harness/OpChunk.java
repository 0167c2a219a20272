package io.heaplab.harness;

/**
 * One chunk of a {@link LoadedTrace}: up to {@link #CAPACITY} consecutive operations in primitive arrays, the unit
 * in which a trace is kept in memory, written to and read back from its spill file, and replayed.
 *
 * <p>Operation {@code j} of the chunk (trace operation {@code first + j}) is {@code kinds[j]} on block slot
 * {@code slots[j]}, with {@code byteSizes[j]}, {@code oldByteSizes[j]} and {@code alignShifts[j]} as
 * {@link LoadedTrace} describes.
 *
 * @implSpec Mutable: a streamed trace refills one chunk per read. Not thread-safe.
 */
final class OpChunk {

    /**
     * Operations per chunk: 16 Ki operations are 352 KiB of arrays, small enough to stay in a core's L2 cache while
     * the chunk is replayed, large enough that the per-chunk work (a read, five bulk copies) is under 1 % of it.
     */
    static final int CAPACITY = 1 << 14;
    /** Bytes one operation takes in the arrays (and in a spill file): kind, shift, slot, size, old size. */
    static final int BYTES_PER_OP = 1 + 1 + Integer.BYTES + Long.BYTES + Long.BYTES;

    final byte[] kinds;
    final byte[] alignShifts;
    final int[] slots;
    final long[] byteSizes;
    final long[] oldByteSizes;
    /** Operations held, {@code 0 <= count <= kinds.length}. */
    int count;
    /** The trace index of operation 0 of this chunk; -1 when the chunk holds nothing yet. */
    long first = -1;

    /** @param capacity how many operations the arrays hold */
    OpChunk(int capacity) {
        kinds = new byte[capacity];
        alignShifts = new byte[capacity];
        slots = new int[capacity];
        byteSizes = new long[capacity];
        oldByteSizes = new long[capacity];
    }

    /** {@return a copy holding only the {@code count} operations, for the last chunk of a resident trace} */
    OpChunk trimmed() {
        OpChunk c = new OpChunk(count);
        System.arraycopy(kinds, 0, c.kinds, 0, count);
        System.arraycopy(alignShifts, 0, c.alignShifts, 0, count);
        System.arraycopy(slots, 0, c.slots, 0, count);
        System.arraycopy(byteSizes, 0, c.byteSizes, 0, count);
        System.arraycopy(oldByteSizes, 0, c.oldByteSizes, 0, count);
        c.count = count;
        c.first = first;
        return c;
    }
}
