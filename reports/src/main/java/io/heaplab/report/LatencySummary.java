package io.heaplab.report;

/**
 * Percentiles of per-operation latency, in nanoseconds, from a sampled run.
 *
 * <p>Each sampled operation is timed with two {@code System.nanoTime()} calls, so every value includes the timer's
 * own cost, reported as {@code timerOverheadNanos} (the median of back-to-back timer pairs) so that readers can
 * judge how much of a small latency is the clock.
 *
 * @param p50Nanos           median latency
 * @param p90Nanos           90th percentile
 * @param p99Nanos           99th percentile
 * @param p999Nanos          99.9th percentile
 * @param maxNanos           the largest sampled latency
 * @param sampledOps         how many operations were timed
 * @param sampleEvery        one operation in this many was timed
 * @param timerOverheadNanos the measured cost of one timer pair, included in every value above
 * @implSpec Immutable.
 */
public record LatencySummary(long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos,
                             long sampledOps, int sampleEvery, double timerOverheadNanos) {

    /** No latency was measured. */
    public static final LatencySummary NONE = new LatencySummary(-1, -1, -1, -1, -1, 0, 0, Double.NaN);

    /** {@return whether any operation was timed} */
    public boolean measured() {
        return sampledOps > 0;
    }
}
