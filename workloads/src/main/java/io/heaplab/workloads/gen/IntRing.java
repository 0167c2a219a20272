package io.heaplab.workloads.gen;

import java.util.Arrays;

/**
 * A growable ring of block ids in allocation order: take from the front (FIFO), the back (LIFO) or anywhere
 * (swap-remove, which breaks the order; used for random frees).
 *
 * @implSpec Not thread-safe. Allocates only when it grows.
 */
final class IntRing {

    private int[] items = new int[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void pushBack(int id) {
        if (size == items.length) {
            int[] bigger = new int[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) & (items.length - 1)];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = id;
        size++;
    }

    int popFront() {
        int id = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return id;
    }

    int popBack() {
        size--;
        return items[(head + size) & (items.length - 1)];
    }

    int get(int index) {
        return items[(head + index) & (items.length - 1)];
    }

    /** Removes the item at {@code index}, moving the last item into its place. */
    int swapRemove(int index) {
        int slot = (head + index) & (items.length - 1);
        int id = items[slot];
        items[slot] = items[(head + size - 1) & (items.length - 1)];
        size--;
        return id;
    }

    int take(FreeOrder order, java.util.random.RandomGenerator random) {
        return switch (order) {
            case LIFO -> popBack();
            case FIFO -> popFront();
            case RANDOM, LIFETIME -> swapRemove(random.nextInt(size));
        };
    }

    void clear() {
        head = 0;
        size = 0;
        Arrays.fill(items, 0);
    }
}
