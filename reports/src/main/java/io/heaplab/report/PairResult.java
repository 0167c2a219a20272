package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything measured for one allocator replaying one workload.
 *
 * @param allocator      the allocator's registered name
 * @param allocatorKind  its family, lower case ({@code research}, {@code native}, {@code baseline})
 * @param workload       the workload's name (or the trace file's path)
 * @param status         whether the pair was measured
 * @param message        why not (status other than {@code OK}), or a note; empty when there is nothing to say
 * @param heapBytes      the heap capacity given to the allocator, or -1 for native allocators
 * @param counts         what the replay did
 * @param memory         memory-efficiency measures
 * @param opsPerSecond   replay throughput over the measured runs
 * @param forks          how many forked JVMs the runs were spread over (0 = measured in the calling JVM)
 * @param warmupsPerFork unmeasured warm-up runs in each fork
 * @param latency        sampled per-operation latency
 * @param baseline       throughput relative to the baseline allocator, or {@code null} if none was compared
 * @param timeline       the heap's state sampled every K operations
 * @param detections     misuses detected by a checked replay ({@code --check cheap|full}), or {@code null} when the
 *                       replay was not checked
 * @implSpec Immutable.
 */
public record PairResult(String allocator, String allocatorKind, String workload, Status status, String message,
                         long heapBytes, OperationCounts counts, MemoryMetrics memory, Estimate opsPerSecond,
                         int forks, int warmupsPerFork, LatencySummary latency, BaselineComparison baseline,
                         List<TimelinePoint> timeline, Detections detections) {

    /** Whether a pair could be measured. */
    public enum Status {
        /** Measured. */
        OK,
        /**
         * Measured, but some allocations failed (the heap was exhausted): the figures describe a smaller workload
         * than the other allocators replayed, so the pair is left out of every "fastest" and "least wasteful"
         * verdict and of baseline comparisons.
         */
        DEGRADED,
        /** The allocator cannot run here (e.g. its native library is not installed); not a failure. */
        UNAVAILABLE,
        /** The replay failed (the allocator threw, corrupted a block, or the fork died); see the message. */
        FAILED
    }

    /** Checks for nulls (except {@code baseline} and {@code detections}) and copies the timeline. */
    public PairResult {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(allocatorKind, "allocatorKind");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(opsPerSecond, "opsPerSecond");
        Objects.requireNonNull(latency, "latency");
        timeline = List.copyOf(timeline);
    }

    /** A result of an unchecked replay (no detections); the parameters as in the canonical constructor. */
    public PairResult(String allocator, String allocatorKind, String workload, Status status, String message,
                      long heapBytes, OperationCounts counts, MemoryMetrics memory, Estimate opsPerSecond,
                      int forks, int warmupsPerFork, LatencySummary latency, BaselineComparison baseline,
                      List<TimelinePoint> timeline) {
        this(allocator, allocatorKind, workload, status, message, heapBytes, counts, memory, opsPerSecond, forks,
            warmupsPerFork, latency, baseline, timeline, null);
    }

    /**
     * {@return a result for a pair that was not measured}
     *
     * @param allocator     the allocator's name
     * @param allocatorKind its family
     * @param workload      the workload's name
     * @param status        {@code UNAVAILABLE} or {@code FAILED}
     * @param message       one line saying why
     */
    public static PairResult notMeasured(String allocator, String allocatorKind, String workload, Status status,
                                         String message) {
        return new PairResult(allocator, allocatorKind, workload, status, message, -1, null, null, Estimate.NONE,
            0, 0, LatencySummary.NONE, null, List.of());
    }

    /** {@return whether the pair was measured, possibly with failed allocations ({@code OK} or {@code DEGRADED})} */
    public boolean measured() {
        return status == Status.OK || status == Status.DEGRADED;
    }

    /** {@return the total number of measured runs the throughput rests on} */
    public int runs() {
        return opsPerSecond.sampleCount();
    }

    /**
     * {@return a copy of this result with a baseline comparison}
     *
     * @param comparison the comparison to attach
     */
    public PairResult withBaseline(BaselineComparison comparison) {
        return new PairResult(allocator, allocatorKind, workload, status, message, heapBytes, counts, memory,
            opsPerSecond, forks, warmupsPerFork, latency, comparison, timeline, detections);
    }

    /**
     * {@return a copy of this result with what a checked replay detected}
     *
     * @param found the detections, or {@code null} for an unchecked replay
     */
    public PairResult withDetections(Detections found) {
        return new PairResult(allocator, allocatorKind, workload, status, message, heapBytes, counts, memory,
            opsPerSecond, forks, warmupsPerFork, latency, baseline, timeline, found);
    }
}
