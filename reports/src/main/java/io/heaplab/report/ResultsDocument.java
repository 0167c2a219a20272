package io.heaplab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One measurement session: where and how it ran and every (allocator, workload) result, in the order measured.
 * This is the model every {@link ResultFormat} renders.
 *
 * @param environment where it ran
 * @param settings    how it ran
 * @param results     one entry per (allocator, workload) pair
 * @param verdicts    one per workload, in order: who did best there (empty when not computed)
 * @param summary     the suite summary across workloads, or {@code null} (fewer than two workloads, or not computed)
 * @implSpec Immutable.
 */
public record ResultsDocument(EnvironmentInfo environment, RunSettings settings, List<PairResult> results,
                              List<WorkloadVerdict> verdicts, SuiteSummary summary) {

    /** The value of the {@code schema} field in JSON output; bumped whenever a field changes meaning. */
    public static final String SCHEMA = "heaplab-results/1";

    /** Checks for nulls and copies the lists. */
    public ResultsDocument {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(settings, "settings");
        results = List.copyOf(results);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * A document without verdicts or summary.
     *
     * @param environment where it ran
     * @param settings    how it ran
     * @param results     one entry per (allocator, workload) pair
     */
    public ResultsDocument(EnvironmentInfo environment, RunSettings settings, List<PairResult> results) {
        this(environment, settings, results, List.of(), null);
    }

    /**
     * {@return the verdict on {@code workload}, if computed}
     *
     * @param workload the workload's name
     */
    public java.util.Optional<WorkloadVerdict> verdict(String workload) {
        return verdicts.stream().filter(v -> v.workload().equals(workload)).findFirst();
    }

    /** {@return the results grouped by workload, workloads in order of first appearance} */
    public Map<String, List<PairResult>> byWorkload() {
        Map<String, List<PairResult>> groups = new LinkedHashMap<>();
        for (PairResult r : results) {
            groups.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r);
        }
        return groups;
    }
}
