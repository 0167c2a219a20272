package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * A program in phases, as compilers and servers run: build up a working set of 500-2000 blocks, churn it (random
 * frees and allocs) for twice as many operations, tear it down oldest first, then start the next phase with the
 * next size distribution (small exponential, medium uniform, large power law, in turn). Objects allocated together
 * die together, one of the regularities random traces lack (Wilson et al. 1995).
 */
final class PhasedProgram extends GeneratedTrace {

    private static final SizeDistribution[] PHASE_SIZES = {
        new SizeDistribution.Exponential(8, 40, 4096),
        new SizeDistribution.Uniform(64, 1024),
        new SizeDistribution.PowerLaw(256, 1.5, 1 << 20),
    };

    private final IntRing live = new IntRing();
    private int phase = -1;
    private int stage;
    private long stageOpsLeft;
    private int workingSet;

    PhasedProgram(long opCount, long seed) {
        super(opCount, seed);
    }

    @Override
    protected void step(TraceEvent event) {
        if (phase < 0 || (stage == 2 && live.size() == 0)) {
            phase++;
            stage = 0;
            workingSet = random.nextInt(500, 2001);
        }
        SizeDistribution sizes = PHASE_SIZES[phase % PHASE_SIZES.length];
        if (stage == 0 && live.size() >= workingSet) {
            stage = 1;
            stageOpsLeft = 2L * workingSet;
        }
        if (stage == 1 && stageOpsLeft-- <= 0) {
            stage = 2;
        }
        switch (stage) {
            case 0 -> live.pushBack(alloc(event, sizes.sample(random), 16));
            case 1 -> {
                if (live.size() > 0 && random.nextLong(2L * workingSet) < live.size()) {
                    free(event, live.take(FreeOrder.RANDOM, random));
                } else {
                    live.pushBack(alloc(event, sizes.sample(random), 16));
                }
            }
            default -> free(event, live.popFront());
        }
    }
}
