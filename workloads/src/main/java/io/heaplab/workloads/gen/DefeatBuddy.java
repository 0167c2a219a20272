package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * malloc-lab's {@code binary-bal} pattern, which "defeats buddy algorithms": in each round, allocate K pairs of a
 * small power-of-two block and a large non-power-of-two block (16 and 112 bytes, or 64 and 448), free all the small
 * ones, then allocate K blocks of 8 times the small size, which fit none of the holes; finally free everything
 * oldest first. K is 500-2000 per round. Alignment 8, as in malloc-lab.
 */
final class DefeatBuddy extends GeneratedTrace {

    private final IntRing small = new IntRing();
    private final IntRing rest = new IntRing();
    private int stage = 3;
    private int remaining;
    private long smallBytes;
    private long largeBytes;
    private boolean nextIsSmall;

    DefeatBuddy(long opCount, long seed) {
        super(opCount, seed);
    }

    @Override
    protected void step(TraceEvent event) {
        if (stage == 3 && rest.size() == 0) {
            boolean tiny = random.nextBoolean();
            smallBytes = tiny ? 16 : 64;
            largeBytes = tiny ? 112 : 448;
            remaining = 2 * random.nextInt(500, 2001);
            nextIsSmall = true;
            stage = 0;
        }
        switch (stage) {
            case 0 -> {
                if (nextIsSmall) {
                    small.pushBack(alloc(event, smallBytes, 8));
                } else {
                    rest.pushBack(alloc(event, largeBytes, 8));
                }
                nextIsSmall = !nextIsSmall;
                if (--remaining == 0) {
                    stage = 1;
                }
            }
            case 1 -> {
                free(event, small.popFront());
                if (small.size() == 0) {
                    stage = 2;
                    remaining = rest.size();
                }
            }
            case 2 -> {
                rest.pushBack(alloc(event, 8 * smallBytes, 8));
                if (--remaining == 0) {
                    stage = 3;
                }
            }
            default -> free(event, rest.popFront());
        }
    }
}
