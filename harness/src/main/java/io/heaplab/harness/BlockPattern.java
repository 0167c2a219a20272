package io.heaplab.harness;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The byte pattern the verifying replay writes into every block and checks on free and realloc.
 *
 * <p>The byte at block offset {@code k} is a function of the block's seed and {@code k}: the 8-byte word at every
 * block offset {@code k} that is a multiple of 8 holds {@code seed + k * 0x9E3779B97F4A7C15} in native byte order,
 * and a partial word at the block's end holds that word's leading bytes. Because
 * the pattern depends on the offset inside the block and on a per-block seed, a block that overlaps another, or is
 * written by the allocator (e.g. a free-list link stored in a live block), fails the check with overwhelming odds.
 *
 * @implSpec Stateless; allocates nothing.
 */
final class BlockPattern {

    /** Blocks up to this size are covered entirely. */
    static final long DENSE_BYTES = 1024;
    /** Larger blocks: head and tail windows of this many bytes are covered entirely. */
    static final long WINDOW_BYTES = 512;
    /** Larger blocks: between the windows, one word at every multiple of this. */
    static final long STRIDE_BYTES = 256;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

    private BlockPattern() {
    }

    /** {@return a seed for a block, mixed from its id and the operation that allocated it} */
    static long seed(long id, long opIndex) {
        long z = (id + 1) * GOLDEN ^ (opIndex + 1) * 0xD1B54A32D192ED03L; // never 0 for small ids: fresh memory is 0
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Writes the pattern into the bytes the layout of a block of {@code length} bytes covers.
     *
     * @param memory  the allocator's memory
     * @param address the block's address
     * @param length  the block's size in bytes
     * @param seed    the block's seed
     */
    static void fill(MemorySegment memory, long address, long length, long seed) {
        if (length <= DENSE_BYTES) {
            fillRange(memory, address, 0, length, seed);
            return;
        }
        fillRange(memory, address, 0, WINDOW_BYTES, seed);
        for (long k = WINDOW_BYTES; k + Long.BYTES <= length - WINDOW_BYTES; k += STRIDE_BYTES) {
            memory.set(WORD, address + k, seed + k * GOLDEN);
        }
        fillRange(memory, address, length - WINDOW_BYTES, length, seed);
    }

    /**
     * {@return the first block offset below {@code limit}, among those the layout of a {@code length}-byte block
     * covers, whose byte differs from the pattern; or -1}
     *
     * @param memory  the allocator's memory
     * @param address the block's address
     * @param length  the size the block had when its pattern was written
     * @param limit   check only offsets below this (a reallocation keeps {@code min(old, new)} bytes)
     * @param seed    the block's seed
     */
    static long firstMismatch(MemorySegment memory, long address, long length, long limit, long seed) {
        if (length <= DENSE_BYTES) {
            return mismatchRange(memory, address, 0, Math.min(length, limit), seed);
        }
        long bad = mismatchRange(memory, address, 0, Math.min(WINDOW_BYTES, limit), seed);
        for (long k = WINDOW_BYTES; bad < 0 && k + Long.BYTES <= length - WINDOW_BYTES && k + Long.BYTES <= limit;
             k += STRIDE_BYTES) {
            bad = mismatchRange(memory, address, k, k + Long.BYTES, seed);
        }
        if (bad < 0 && limit > length - WINDOW_BYTES) {
            bad = mismatchRange(memory, address, length - WINDOW_BYTES, Math.min(length, limit), seed);
        }
        return bad;
    }

    private static void fillRange(MemorySegment memory, long address, long from, long to, long seed) {
        long k = from;
        for (; k < to && (k & 7) != 0; k++) {
            memory.set(ValueLayout.JAVA_BYTE, address + k, expectedByte(seed, k));
        }
        for (; k + 8 <= to; k += 8) {
            memory.set(WORD, address + k, seed + k * GOLDEN);
        }
        for (; k < to; k++) {
            memory.set(ValueLayout.JAVA_BYTE, address + k, expectedByte(seed, k));
        }
    }

    private static long mismatchRange(MemorySegment memory, long address, long from, long to, long seed) {
        long k = from;
        for (; k < to && (k & 7) != 0; k++) {
            if (memory.get(ValueLayout.JAVA_BYTE, address + k) != expectedByte(seed, k)) {
                return k;
            }
        }
        for (; k + 8 <= to; k += 8) {
            if (memory.get(WORD, address + k) != seed + k * GOLDEN) {
                for (long b = k; b < k + 8; b++) {
                    if (memory.get(ValueLayout.JAVA_BYTE, address + b) != expectedByte(seed, b)) {
                        return b;
                    }
                }
            }
        }
        for (; k < to; k++) {
            if (memory.get(ValueLayout.JAVA_BYTE, address + k) != expectedByte(seed, k)) {
                return k;
            }
        }
        return -1;
    }

    /** The byte the pattern's word puts at block offset {@code b}. */
    private static byte expectedByte(long seed, long b) {
        long word = seed + (b & ~7L) * GOLDEN;
        return LITTLE_ENDIAN
            ? (byte) (word >>> (8 * (b & 7)))
            : (byte) (word >>> (8 * (7 - (b & 7))));
    }
}
