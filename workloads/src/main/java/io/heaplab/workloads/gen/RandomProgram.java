package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * Allocations with sizes from a {@link SizeDistribution}, freed in a {@link FreeOrder}: a build-up to about
 * {@code targetLive} blocks, a steady state that hovers around it, then the frame's tear-down.
 *
 * <p>Steady state: with {@code live} blocks, the next operation is an alloc with probability
 * {@code 1 - live / (2 * targetLive)} (so the live count reverts to {@code targetLive}), otherwise a free chosen by
 * the order. With {@link FreeOrder#LIFETIME} each block instead draws an exponential lifetime with mean
 * {@code targetLive} operations at birth and is freed once it has expired (the live count then settles near
 * {@code targetLive / 2} by Little's law, as every op is either a birth or a death).
 */
final class RandomProgram extends GeneratedTrace {

    private final SizeDistribution sizes;
    private final FreeOrder order;
    private final int targetLive;
    private final long byteAlignment;
    private final IntRing live = new IntRing();
    private boolean buildingUp = true;
    /** LIFETIME: min-heap of (death op << 31 | id). */
    private long[] deaths = new long[64];
    private int deathCount;

    RandomProgram(long opCount, long seed, SizeDistribution sizes, FreeOrder order, int targetLive, long byteAlignment) {
        super(opCount, seed);
        this.sizes = sizes;
        this.order = order;
        this.targetLive = targetLive;
        this.byteAlignment = byteAlignment;
    }

    @Override
    protected void step(TraceEvent event) {
        if (order == FreeOrder.LIFETIME) {
            if (deathCount > 0 && (deaths[0] >>> 31) <= opIndex()) {
                free(event, (int) (popDeath() & Integer.MAX_VALUE));
            } else {
                int id = alloc(event, sizes.sample(random), byteAlignment);
                long death = opIndex() + 1 + (long) (random.nextExponential() * targetLive);
                pushDeath(death << 31 | id);
            }
            return;
        }
        if (buildingUp && live.size() >= targetLive) {
            buildingUp = false;
        }
        boolean allocate = buildingUp || live.size() == 0 || random.nextLong(2L * targetLive) >= live.size();
        if (allocate) {
            live.pushBack(alloc(event, sizes.sample(random), byteAlignment));
        } else {
            free(event, live.take(order, random));
        }
    }

    private void pushDeath(long entry) {
        if (deathCount == deaths.length) {
            deaths = java.util.Arrays.copyOf(deaths, deaths.length * 2);
        }
        int i = deathCount++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (deaths[parent] <= entry) {
                break;
            }
            deaths[i] = deaths[parent];
            i = parent;
        }
        deaths[i] = entry;
    }

    private long popDeath() {
        long top = deaths[0];
        long last = deaths[--deathCount];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= deathCount) {
                break;
            }
            if (child + 1 < deathCount && deaths[child + 1] < deaths[child]) {
                child++;
            }
            if (deaths[child] >= last) {
                break;
            }
            deaths[i] = deaths[child];
            i = child;
        }
        deaths[i] = last;
        return top;
    }
}
