package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * malloc-lab's {@code coalescing-bal} pattern: allocate two neighbours A and B of S bytes, free both, then ask for
 * one block of 2S bytes, which fits in place only if the allocator merged A and B; free it. S is 255, 1023 or 4095
 * bytes (odd, as in malloc-lab). Each 7-operation round also allocates a 16-byte fence that stays live, or frees
 * the oldest fence once 64 are live, so that freed space is not just the top of the heap. Alignment 8.
 */
final class Coalescing extends GeneratedTrace {

    private static final long[] SIZES = {255, 1023, 4095};
    private static final int MAX_FENCES = 64;
    private final IntRing fences = new IntRing();
    private int stage;
    private long byteSize;
    private int a;
    private int b;
    private int merged;

    Coalescing(long opCount, long seed) {
        super(opCount, seed);
    }

    @Override
    protected void step(TraceEvent event) {
        switch (stage) {
            case 0 -> {
                byteSize = SIZES[random.nextInt(SIZES.length)];
                a = alloc(event, byteSize, 8);
            }
            case 1 -> b = alloc(event, byteSize, 8);
            case 2 -> free(event, a);
            case 3 -> free(event, b);
            case 4 -> merged = alloc(event, 2 * byteSize, 8);
            case 5 -> {
                if (fences.size() < MAX_FENCES) {
                    fences.pushBack(alloc(event, 16, 8));
                } else {
                    free(event, fences.popFront());
                }
            }
            default -> free(event, merged);
        }
        stage = (stage + 1) % 7;
    }
}
