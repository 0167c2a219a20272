package io.heaplab.report;

/**
 * How a set of results was measured, so that a reader can reproduce it.
 *
 * @param forks          forked JVMs per (allocator, workload) pair (0 = in the calling JVM)
 * @param runsPerFork    measured runs in each fork
 * @param warmupsPerFork unmeasured warm-up runs in each fork
 * @param minRunMillis   each run replays the whole trace repeatedly until at least this many milliseconds passed
 * @param heapBytes      heap capacity given to each research allocator, in bytes
 * @param verify         whether block contents were verified (in a separate, untimed replay)
 * @param baseline       the allocator throughput ratios are relative to, or empty
 * @param command        the command line that produced the results
 * @implSpec Immutable.
 */
public record RunSettings(int forks, int runsPerFork, int warmupsPerFork, long minRunMillis, long heapBytes,
                          boolean verify, String baseline, String command) {
}
