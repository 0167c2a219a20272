package io.heaplab.alloc.checked;

/**
 * A FIFO of freed blocks held back from reuse, bounded in bytes (ASan's and Scudo's quarantine, without the
 * shuffling: heaplab's replays must be deterministic). Holding a block gives a write after free time to be caught:
 * its poison is verified when it leaves.
 *
 * <p>Layout: a ring of untagged addresses and their sizes in two growable primitive arrays.
 *
 * @implSpec Not thread-safe. Allocates only when the ring grows.
 */
final class Quarantine {

    private long[] addresses = new long[256];
    private long[] sizes = new long[256];
    private int head;
    private int count;
    private long heldBytes;

    /**
     * Appends a freed block.
     *
     * @param address   untagged address
     * @param byteSize  bytes it holds (size plus redzone)
     */
    void push(long address, long byteSize) {
        if (count == addresses.length) {
            long[] a = new long[count * 2];
            long[] s = new long[count * 2];
            for (int i = 0; i < count; i++) {
                a[i] = addresses[(head + i) % count];
                s[i] = sizes[(head + i) % count];
            }
            addresses = a;
            sizes = s;
            head = 0;
        }
        int tail = (head + count) % addresses.length;
        addresses[tail] = address;
        sizes[tail] = byteSize;
        count++;
        heldBytes += byteSize;
    }

    /** {@return the oldest block's address, removing it} Precondition: not empty. */
    long poll() {
        long address = addresses[head];
        heldBytes -= sizes[head];
        head = (head + 1) % addresses.length;
        count--;
        return address;
    }

    /** {@return the bytes held} */
    long heldBytes() {
        return heldBytes;
    }

    /** {@return whether nothing is held} */
    boolean isEmpty() {
        return count == 0;
    }

    /** Forgets every block. */
    void clear() {
        head = 0;
        count = 0;
        heldBytes = 0;
    }

    /** {@return the bytes of the arrays} */
    long metadataBytes() {
        return (long) addresses.length * 2 * Long.BYTES;
    }
}
