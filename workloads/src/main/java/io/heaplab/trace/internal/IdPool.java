package io.heaplab.trace.internal;

import java.util.Arrays;

/**
 * Hands out dense block ids: a freed id is reused (last freed, first reused) before a new one is minted, so the
 * largest id stays below the peak number of live blocks and replay can index primitive arrays by id.
 *
 * @implSpec Not thread-safe. Allocates only when its free stack grows.
 */
public final class IdPool {

    private int[] freeIds = new int[64];
    private int freeCount;
    private int minted;

    /** {@return a currently unused id} */
    public int acquire() {
        if (freeCount > 0) {
            return freeIds[--freeCount];
        }
        return minted++;
    }

    /**
     * Returns {@code id} to the pool.
     *
     * @param id an id obtained from {@link #acquire()} and not released since
     */
    public void release(int id) {
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeIds.length * 2);
        }
        freeIds[freeCount++] = id;
    }

    /** {@return 1 + the largest id ever handed out, i.e. the trace's id count} */
    public int idCount() {
        return minted;
    }
}
