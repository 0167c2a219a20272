package io.heaplab.harness;

import io.heaplab.alloc.checked.CheckLevel;

import java.util.Objects;

/**
 * How one JVM measures one (allocator, workload) pair.
 *
 * @param heapBytes          heap capacity for research allocators, in bytes
 * @param warmups            unmeasured runs before the measured ones
 * @param runs               measured runs
 * @param minRunMillis       a run replays the whole trace repeatedly (each time on a fresh heap) until at least
 *                           this many milliseconds of replay have passed; its figure is total ops / total time
 * @param latencySampleEvery after the runs, one sampled replay times one operation in this many (a power of two);
 *                           0 measures no latency
 * @param measureMemory      whether to run the untimed {@link MeasuringReplay} first
 * @param verify             whether that replay verifies block contents
 * @param timelinePoints     timeline samples the measuring replay takes
 * @param check              {@code OFF}, or the level of the {@link io.heaplab.alloc.checked.CheckedAllocator}
 *                           (record mode) that wraps the allocator in every replay, timed ones included
 * @implSpec Immutable.
 */
public record RunPlan(long heapBytes, int warmups, int runs, long minRunMillis, int latencySampleEvery,
                      boolean measureMemory, boolean verify, int timelinePoints, CheckLevel check) {

    /**
     * @throws NullPointerException     if {@code check} is null
     * @throws IllegalArgumentException if a count is negative, {@code heapBytes} or {@code timelinePoints} not
     *                                  positive, or {@code latencySampleEvery} neither 0 nor a power of two
     */
    public RunPlan {
        if (heapBytes <= 0) {
            throw new IllegalArgumentException("heap size must be positive: " + heapBytes);
        }
        if (warmups < 0 || runs < 0 || minRunMillis < 0) {
            throw new IllegalArgumentException("warm-ups, runs and run length must not be negative: " + warmups
                + ", " + runs + ", " + minRunMillis);
        }
        if (latencySampleEvery < 0 || Integer.bitCount(latencySampleEvery) > 1) {
            throw new IllegalArgumentException("latency sampling must be 0 or a power of two: " + latencySampleEvery);
        }
        if (timelinePoints < 1) {
            throw new IllegalArgumentException("timeline points must be positive: " + timelinePoints);
        }
        Objects.requireNonNull(check, "check");
    }

    /** An unchecked plan (level {@code OFF}); the other parameters as in the canonical constructor. */
    public RunPlan(long heapBytes, int warmups, int runs, long minRunMillis, int latencySampleEvery,
                   boolean measureMemory, boolean verify, int timelinePoints) {
        this(heapBytes, warmups, runs, minRunMillis, latencySampleEvery, measureMemory, verify, timelinePoints,
            CheckLevel.OFF);
    }

    /**
     * {@return this plan without the measuring replay} Used for every fork but the first: memory measures are
     * deterministic, so one fork measures them.
     */
    public RunPlan timingOnly() {
        return new RunPlan(heapBytes, warmups, runs, minRunMillis, latencySampleEvery, false, false, timelinePoints,
            check);
    }
}
