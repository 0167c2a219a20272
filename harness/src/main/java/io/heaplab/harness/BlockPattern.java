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
     * Writes the pattern into bytes {@code [from, to)} of the block at {@code address}.
     *
     * @param memory  the allocator's memory
     * @param address the block's address
     * @param from    first block offset to write, in bytes
     * @param to      end block offset, in bytes
     * @param seed    the block's seed
     */
    static void fill(MemorySegment memory, long address, long from, long to, long seed) {
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

    /**
     * {@return the first block offset in {@code [0, length)} whose byte differs from the pattern, or -1}
     *
     * @param memory  the allocator's memory
     * @param address the block's address
     * @param length  bytes to check, from the block's start
     * @param seed    the block's seed
     */
    static long firstMismatch(MemorySegment memory, long address, long length, long seed) {
        long k = 0;
        for (; k + 8 <= length; k += 8) {
            if (memory.get(WORD, address + k) != seed + k * GOLDEN) {
                for (long b = k; b < k + 8; b++) {
                    if (memory.get(ValueLayout.JAVA_BYTE, address + b) != expectedByte(seed, b)) {
                        return b;
                    }
                }
            }
        }
        for (; k < length; k++) {
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
