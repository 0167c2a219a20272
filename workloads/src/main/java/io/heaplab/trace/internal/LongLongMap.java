package io.heaplab.trace.internal;

import java.util.Arrays;

/**
 * An open-addressing hash map from non-negative {@code long} keys to {@code long} values, with linear probing and
 * backward-shift deletion (no tombstones), for per-live-block bookkeeping on hot paths.
 *
 * <p>Memory is proportional to the number of live entries (the table doubles at 1/2 load and never shrinks), not to
 * the largest key, so hostile ids such as 2<sup>31</sup> cost no more than small ones.
 *
 * @implSpec Not thread-safe. {@link #get}, {@link #put} and {@link #remove} allocate only when the table grows.
 */
public final class LongLongMap {

    private static final long EMPTY = -1;

    private long[] keys;
    private long[] values;
    private int mask;
    private int size;

    /** Creates an empty map. */
    public LongLongMap() {
        keys = new long[16];
        values = new long[16];
        Arrays.fill(keys, EMPTY);
        mask = 15;
    }

    /** {@return the number of entries} */
    public int size() {
        return size;
    }

    /**
     * {@return the value of {@code key}, or {@code missing} if absent}
     *
     * @param key     a non-negative key
     * @param missing what to return when {@code key} is absent
     */
    public long get(long key, long missing) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * {@return whether {@code key} is present}
     *
     * @param key a non-negative key
     */
    public boolean containsKey(long key) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Sets {@code key} to {@code value}.
     *
     * @param key   a non-negative key
     * @param value the value
     */
    public void put(long key, long value) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size > (mask + 1) >>> 1) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Removes {@code key}.
     *
     * @param key     a non-negative key
     * @param missing what to return when {@code key} is absent
     * @return the removed value, or {@code missing}
     */
    public long remove(long key, long missing) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == EMPTY) {
                return missing;
            }
            if (k == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        long removed = values[i];
        size--;
        // Backward-shift: move later entries of the probe run into the hole if their home slot allows it.
        int hole = i;
        int j = (i + 1) & mask;
        while (keys[j] != EMPTY) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        keys[hole] = EMPTY;
        return removed;
    }

    /** Removes every entry, keeping the table's capacity. */
    public void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /**
     * Calls {@code action} for every entry, in no particular order.
     *
     * @param action receives key and value
     */
    public void forEach(EntryConsumer action) {
        for (int i = 0; i <= mask; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** Receives one entry. */
    @FunctionalInterface
    public interface EntryConsumer {
        /**
         * @param key   the key
         * @param value the value
         */
        void accept(long key, long value);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        int capacity = oldKeys.length << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int j = slot(oldKeys[i]);
                while (keys[j] != EMPTY) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
