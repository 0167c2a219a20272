package io.heaplab.harness;

import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.TimelinePoint;

import java.util.List;
import java.util.Objects;

/**
 * What the untimed, measuring replay found.
 *
 * @param counts   operations replayed, failed, skipped, in error
 * @param memory   memory-efficiency measures
 * @param timeline the heap's state every K operations
 * @param problem  the first problem seen (a corrupted block, an exception from the allocator), or empty
 * @implSpec Immutable.
 */
public record ReplayOutcome(OperationCounts counts, MemoryMetrics memory, List<TimelinePoint> timeline,
                            String problem) {

    /** Checks for nulls and copies the timeline. */
    public ReplayOutcome {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(problem, "problem");
        timeline = List.copyOf(timeline);
    }

    /** {@return whether the replay saw no corruption and no exception} */
    public boolean clean() {
        return problem.isEmpty();
    }
}
