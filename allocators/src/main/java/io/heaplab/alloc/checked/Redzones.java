package io.heaplab.alloc.checked;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The byte patterns of level FULL: the canary written into the redzone after each block, and the poison a freed
 * block is filled with.
 *
 * <ul>
 *   <li>Canary: 8-byte words derived from the block's address (so a canary copied from another block does not
 *       pass), the first byte always 0 (as hardened_malloc's, it also stops a string read running off the end).</li>
 *   <li>Poison: {@value #POISON} in every byte (mimalloc's freed-memory fill {@code 0xDF}).</li>
 * </ul>
 */
final class Redzones {

    /** The poison byte of freed blocks. */
    static final byte POISON = (byte) 0xDF;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long POISON_WORD = 0xDFDFDFDFDFDFDFDFL;

    private Redzones() {
    }

    private static long canaryWord(long blockAddress, int word) {
        long h = (blockAddress + word) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return word == 0 ? h & ~0xFFL : h;
    }

    /** Writes the canary of the block at {@code address} (size {@code byteSize}) into its redzone. */
    static void writeCanary(MemorySegment memory, long address, long byteSize, int redzoneBytes) {
        for (int w = 0; w < redzoneBytes / 8; w++) {
            memory.set(WORD, address + byteSize + 8L * w, canaryWord(address, w));
        }
    }

    /** {@return the offset from the block start of the first redzone byte that changed, or -1} */
    static long checkCanary(MemorySegment memory, long address, long byteSize, int redzoneBytes) {
        for (int w = 0; w < redzoneBytes / 8; w++) {
            long at = address + byteSize + 8L * w;
            long diff = memory.get(WORD, at) ^ canaryWord(address, w);
            if (diff != 0) {
                return byteSize + 8L * w + Long.numberOfTrailingZeros(diff) / 8;
            }
        }
        return -1;
    }

    /** Fills {@code byteCount} bytes at {@code address} with the poison. */
    static void poison(MemorySegment memory, long address, long byteCount) {
        memory.asSlice(address, byteCount).fill(POISON);
    }

    /** {@return the offset of the first of {@code byteCount} bytes at {@code address} that is not poison, or -1} */
    static long checkPoison(MemorySegment memory, long address, long byteCount) {
        long i = 0;
        for (; i + 8 <= byteCount; i += 8) {
            long diff = memory.get(WORD, address + i) ^ POISON_WORD;
            if (diff != 0) {
                return i + Long.numberOfTrailingZeros(diff) / 8;
            }
        }
        for (; i < byteCount; i++) {
            if (memory.get(ValueLayout.JAVA_BYTE, address + i) != POISON) {
                return i;
            }
        }
        return -1;
    }
}
