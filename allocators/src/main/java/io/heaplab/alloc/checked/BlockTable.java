package io.heaplab.alloc.checked;

import java.util.Arrays;

/**
 * The out-of-band record of every address a {@link CheckedAllocator} ever handed out, keyed by untagged address:
 * state, generation, requested size, alignment and the op indices at which the block was allocated and freed.
 *
 * <h2>Layout</h2> An open-addressing hash table with linear probing over parallel primitive arrays ({@code keys},
 * {@code sizes}, {@code allocOps}, {@code freeOps}, {@code bits}); slot {@code i} is empty when
 * {@code keys[i] == EMPTY}. Records are never removed: a freed block's record keeps its generation, so the next
 * block at that address gets the next generation (see {@link TaggedAddress}). The table therefore holds one record
 * per distinct block address ever used, at most {@code heapBytes / minimum block size}.
 * <pre>
 * bits[i]:  31        23 22                 8 7     6 5          0
 *          +-----------+--------------------+-------+------------+
 *          |  unused   | generation (15 b)  | state | log2(align)|
 *          +-----------+--------------------+-------+------------+
 * </pre>
 * Capacity is a power of two, doubled when more than half full, so a probe visits O(1) slots on average.
 *
 * @implSpec Not thread-safe. {@link #find} and the setters allocate nothing; {@link #insert} allocates only when
 * the table grows (amortised O(1)).
 */
final class BlockTable {

    /** State of a live block. */
    static final int LIVE = 1;
    /** State of a freed block held in the quarantine (level FULL). */
    static final int QUARANTINED = 2;
    /** State of a freed block given back to the inner allocator. */
    static final int FREED = 3;

    private static final long EMPTY = -1L;
    private static final int ALIGN_BITS = 6;
    private static final int STATE_SHIFT = ALIGN_BITS;
    private static final int STATE_BITS = 2;
    private static final int GEN_SHIFT = STATE_SHIFT + STATE_BITS;
    private static final int INITIAL_CAPACITY = 1024;

    private long[] keys;
    private long[] sizes;
    private long[] allocOps;
    private long[] freeOps;
    private int[] bits;
    private int size;
    private int mask;

    BlockTable() {
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        sizes = new long[capacity];
        allocOps = new long[capacity];
        freeOps = new long[capacity];
        bits = new int[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Forgets every record. */
    void clear() {
        allocate(INITIAL_CAPACITY);
    }

    /** {@return the bytes of the arrays} */
    long metadataBytes() {
        return (long) keys.length * (4 * Long.BYTES + Integer.BYTES);
    }

    private static int hash(long address) {
        long h = address * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * {@return the slot holding {@code address}, or -1}
     *
     * @param address an untagged address
     */
    int find(long address) {
        int i = hash(address) & mask;
        while (true) {
            long key = keys[i];
            if (key == address) {
                return i;
            }
            if (key == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Records a new live block at {@code address}, with the generation after the one last used there.
     *
     * @param address       an untagged address
     * @param byteSize      requested size
     * @param byteAlignment alignment, a power of two
     * @param op            the op index of the allocation
     * @return the slot
     */
    int insert(long address, long byteSize, long byteAlignment, long op) {
        int slot = find(address);
        // A new address starts at a generation derived from it, not at 1: then the tag of an address computed from
        // another block's tagged address (an interior free) matches the record found there only by chance.
        int generation = (int) ((address * 0x9E3779B97F4A7C15L) >>> 49) % TaggedAddress.MAX_GENERATION;
        if (slot < 0) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            slot = hash(address) & mask;
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = address;
            size++;
        } else {
            generation = generation(slot);
        }
        sizes[slot] = byteSize;
        allocOps[slot] = op;
        freeOps[slot] = -1;
        bits[slot] = (TaggedAddress.next(generation) << GEN_SHIFT) | (LIVE << STATE_SHIFT)
            | Long.numberOfTrailingZeros(byteAlignment);
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldSizes = sizes;
        long[] oldAllocOps = allocOps;
        long[] oldFreeOps = freeOps;
        int[] oldBits = bits;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = hash(oldKeys[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                sizes[i] = oldSizes[j];
                allocOps[i] = oldAllocOps[j];
                freeOps[i] = oldFreeOps[j];
                bits[i] = oldBits[j];
                size++;
            }
        }
    }

    /** {@return the number of slots, for scans} */
    int capacity() {
        return keys.length;
    }

    /** {@return whether slot {@code i} holds a record} */
    boolean used(int i) {
        return keys[i] != EMPTY;
    }

    long address(int slot) {
        return keys[slot];
    }

    long byteSize(int slot) {
        return sizes[slot];
    }

    long byteAlignment(int slot) {
        return 1L << (bits[slot] & ((1 << ALIGN_BITS) - 1));
    }

    int state(int slot) {
        return (bits[slot] >>> STATE_SHIFT) & ((1 << STATE_BITS) - 1);
    }

    int generation(int slot) {
        return bits[slot] >>> GEN_SHIFT;
    }

    long allocOp(int slot) {
        return allocOps[slot];
    }

    long freeOp(int slot) {
        return freeOps[slot];
    }

    /** Sets the state of slot {@code slot}, and its free op when leaving the live state. */
    void setState(int slot, int state, long freeOp) {
        bits[slot] = (bits[slot] & ~(((1 << STATE_BITS) - 1) << STATE_SHIFT)) | (state << STATE_SHIFT);
        if (state != LIVE && freeOps[slot] < 0) {
            freeOps[slot] = freeOp;
        }
    }

    /** Sets the requested size of a live block after an in-place reallocation. */
    void setByteSize(int slot, long byteSize) {
        sizes[slot] = byteSize;
    }
}
