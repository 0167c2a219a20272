package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;

/**
 * Two threads and a queue: thread 0 allocates messages (exponential sizes, 32 B plus a mean of 200 B), thread 1
 * frees them in arrival order. The queue length reverts to about {@code 256}: with {@code q} messages queued the
 * producer runs next with probability {@code 1 - q / 512}. Operations carry their thread id ({@code tid=0} or
 * {@code tid=1}); the frame's tear-down carries none.
 */
final class ProducerConsumer extends GeneratedTrace {

    private static final int TARGET_QUEUE = 256;
    private final SizeDistribution sizes = new SizeDistribution.Exponential(32, 200, 1 << 16);
    private final IntRing queue = new IntRing();

    ProducerConsumer(long opCount, long seed) {
        super(opCount, seed);
    }

    @Override
    protected void step(TraceEvent event) {
        if (queue.size() == 0 || random.nextInt(2 * TARGET_QUEUE) >= queue.size()) {
            queue.pushBack(alloc(event, sizes.sample(random), 16));
            event.threadId = 0;
        } else {
            free(event, queue.popFront());
            event.threadId = 1;
        }
    }
}
