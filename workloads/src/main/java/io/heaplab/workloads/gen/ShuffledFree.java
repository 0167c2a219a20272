package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * Allocate a batch of 500-2000 blocks of 16-256 bytes (uniform), then free the whole batch in a random order, and
 * repeat: the classic "live set plus shuffled frees" micro-benchmark, hard on free lists because neighbours are
 * rarely freed together. Alignment 16.
 */
final class ShuffledFree extends GeneratedTrace {

    private final IntRing batch = new IntRing();
    private int toAllocate;
    private boolean freeing = true;

    ShuffledFree(long opCount, long seed) {
        super(opCount, seed);
    }

    @Override
    protected void step(TraceEvent event) {
        if (freeing && batch.size() == 0) {
            freeing = false;
            toAllocate = random.nextInt(500, 2001);
        }
        if (!freeing) {
            batch.pushBack(alloc(event, random.nextLong(16, 257), 16));
            freeing = --toAllocate == 0;
        } else {
            free(event, batch.take(FreeOrder.RANDOM, random));
        }
    }
}
