package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * malloc-lab's {@code realloc-bal} pattern, which punishes a naive realloc: one block starts at 256-1024 bytes and
 * grows by 128 bytes per step while a small block (16-256 bytes) is allocated and the previous small block freed
 * in between, so the grown block's neighbour is usually taken. When it reaches 16-64 KiB it is freed and a new one
 * starts. Each step is 3 operations (realloc, alloc small, free older small). Alignment 8.
 */
final class ReallocGrowth extends GeneratedTrace {

    private final IntRing smalls = new IntRing();
    private int big = -1;
    private long maxBytes;
    private int stage;

    ReallocGrowth(long opCount, long seed) {
        super(opCount, seed);
    }

    @Override
    protected void step(TraceEvent event) {
        if (big < 0) {
            big = alloc(event, random.nextLong(256, 1025), 8);
            maxBytes = random.nextLong(16 << 10, (64 << 10) + 1);
            stage = 0;
            return;
        }
        switch (stage) {
            case 0 -> {
                if (sizeOf(big) + 128 > maxBytes) {
                    free(event, big);
                    big = -1;
                    return;
                }
                realloc(event, big, sizeOf(big) + 128);
                stage = 1;
            }
            case 1 -> {
                smalls.pushBack(alloc(event, random.nextLong(16, 257), 8));
                stage = smalls.size() > 1 ? 2 : 0;
            }
            default -> {
                free(event, smalls.popFront());
                stage = 0;
            }
        }
    }
}
