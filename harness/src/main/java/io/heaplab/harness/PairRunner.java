package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckLevel;
import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * Measures one (allocator, workload) pair in the calling JVM: the measuring replay (if the plan asks, on its own
 * allocator instance; it also warms the JIT up), then warm-up and measured timed runs on a fresh instance. A
 * measuring JVM ({@link WorkerMain}, {@link ForkMain}) runs exactly this.
 *
 * <p>Latency is sampled during the last warm-up run (after at least one other warm-up when there are two or more),
 * so that no measured run carries a timer; with no warm-ups, in an extra run after the measured ones.
 *
 * <h2>Per timed run</h2>
 * Replay the whole trace, release (reset) the heap, and repeat until {@code minRunMillis} of replay time have
 * passed; ops/s = operations replayed / replay nanoseconds × 10⁹. The release between replays is not timed.
 *
 * @implSpec Stateless. Allocates nothing on the Java heap inside the replays.
 */
public final class PairRunner {

    private static final int TIMER_PAIRS = 2001;
    /** Significant decimal digits of the latency histogram (1 % resolution). */
    private static final int LATENCY_DIGITS = 2;

    private PairRunner() {
    }

    /**
     * Measures {@code spec} on {@code trace}.
     *
     * @param spec  the allocator
     * @param trace the workload
     * @param plan  what to run
     * @return the measurements; if the measuring replay found a problem, no timed runs are made
     * @throws UnsupportedOperationException if the allocator is unavailable here (e.g. its library is missing)
     * @throws IllegalArgumentException      if the allocator cannot be built over a heap of {@code plan.heapBytes()}
     */
    public static ForkOutcome run(AllocatorSpec spec, LoadedTrace trace, RunPlan plan) {
        ReplayOutcome replay = null;
        if (plan.measureMemory()) {
            try (Allocator allocator = CheckedAllocators.create(spec, plan.heapBytes(), plan.check())) {
                replay = new MeasuringReplay(allocator, trace, plan.verify(), plan.timelinePoints()).run();
            }
            if (!replay.clean()) {
                return new ForkOutcome(replay, new double[0], null, 0, Double.NaN);
            }
        }
        if (plan.check() != CheckLevel.OFF) {
            return runChecked(spec, trace, plan, replay);
        }
        try (Allocator allocator = spec.create(plan.heapBytes())) { // timing starts on a fresh heap
            long[] addresses = ReplayLoop.newAddressMap(trace);
            boolean resettable = ReplayLoop.supportsReset(allocator);
            long minRunNanos = plan.minRunMillis() * 1_000_000L;
            boolean sample = plan.latencySampleEvery() > 0 && trace.opCount() > 0;
            Histogram latency = sample ? new Histogram(ReplayLoop.MAX_LATENCY_NANOS, LATENCY_DIGITS) : null;
            for (int w = 0; w < plan.warmups(); w++) {
                if (sample && w == plan.warmups() - 1) {
                    sampledRun(allocator, resettable, trace, addresses, minRunNanos, plan.latencySampleEvery(), latency);
                } else {
                    timedRun(allocator, resettable, trace, addresses, minRunNanos);
                }
            }
            double[] opsPerSecond = new double[plan.runs()];
            for (int r = 0; r < plan.runs(); r++) {
                opsPerSecond[r] = timedRun(allocator, resettable, trace, addresses, minRunNanos);
            }
            if (sample && plan.warmups() == 0) {
                sampledRun(allocator, resettable, trace, addresses, minRunNanos, plan.latencySampleEvery(), latency);
            }
            return new ForkOutcome(replay, opsPerSecond, latency, latency == null ? 0 : plan.latencySampleEvery(),
                timerOverheadNanos());
        }
    }

    /**
     * The timed runs of a checked allocator ({@code plan.check()} not OFF), through {@link CheckedReplayLoop} so that
     * the unchecked loop stays as it is; latency is sampled in the last warm-up run, or an extra run without any.
     */
    private static ForkOutcome runChecked(AllocatorSpec spec, LoadedTrace trace, RunPlan plan, ReplayOutcome replay) {
        try (Allocator allocator = CheckedAllocators.create(spec, plan.heapBytes(), plan.check())) {
            long[] addresses = ReplayLoop.newAddressMap(trace);
            long[] freed = ReplayLoop.newAddressMap(trace);
            boolean resettable = ReplayLoop.supportsReset(allocator);
            long minRunNanos = plan.minRunMillis() * 1_000_000L;
            boolean sample = plan.latencySampleEvery() > 0 && trace.opCount() > 0;
            Histogram latency = sample ? new Histogram(ReplayLoop.MAX_LATENCY_NANOS, LATENCY_DIGITS) : null;
            double[] opsPerSecond = new double[plan.runs()];
            int total = plan.warmups() + plan.runs() + (sample && plan.warmups() == 0 ? 1 : 0);
            for (int r = 0; r < total; r++) {
                boolean sampled = sample && (plan.warmups() > 0 ? r == plan.warmups() - 1 : r == total - 1);
                long elapsed = 0;
                long ops = 0;
                do {
                    long start = System.nanoTime();
                    CheckedReplayLoop.replay(allocator, trace, addresses, freed,
                        sampled ? plan.latencySampleEvery() : 0, latency, plan.check() == CheckLevel.FULL);
                    elapsed += System.nanoTime() - start;
                    ops += trace.opCount();
                    ReplayLoop.release(allocator, resettable, trace, addresses);
                    Arrays.fill(freed, Allocator.FAILED);
                } while (elapsed < minRunNanos && trace.opCount() > 0);
                int measured = r - plan.warmups();
                if (measured >= 0 && measured < plan.runs()) {
                    opsPerSecond[measured] = elapsed == 0 ? 0 : ops * 1e9 / elapsed;
                }
            }
            return new ForkOutcome(replay, opsPerSecond, latency, latency == null ? 0 : plan.latencySampleEvery(),
                timerOverheadNanos());
        }
    }

    /** One timed run; {@return its ops/s} */
    private static double timedRun(Allocator allocator, boolean resettable, LoadedTrace trace, long[] addresses, long minRunNanos) {
        long n = trace.opCount();
        if (n == 0) {
            return 0;
        }
        long elapsed = 0;
        long ops = 0;
        do {
            long start = System.nanoTime();
            ReplayLoop.replay(allocator, trace, addresses);
            elapsed += System.nanoTime() - start;
            ops += n;
            ReplayLoop.release(allocator, resettable, trace, addresses);
        } while (elapsed < minRunNanos);
        return ops * 1e9 / elapsed;
    }

    /** One run of sampled replays (at least one), recording latencies. */
    private static void sampledRun(Allocator allocator, boolean resettable, LoadedTrace trace, long[] addresses, long minRunNanos,
                                   int sampleEvery, Histogram latency) {
        long start = System.nanoTime();
        do {
            ReplayLoop.replaySampled(allocator, trace, addresses, sampleEvery, latency);
            ReplayLoop.release(allocator, resettable, trace, addresses);
        } while (System.nanoTime() - start < minRunNanos);
    }

    /** {@return the median nanoseconds between two back-to-back {@code System.nanoTime()} calls} */
    static double timerOverheadNanos() {
        long[] deltas = new long[TIMER_PAIRS];
        for (int i = 0; i < deltas.length; i++) {
            long a = System.nanoTime();
            deltas[i] = System.nanoTime() - a;
        }
        Arrays.sort(deltas);
        return deltas[deltas.length / 2];
    }
}
