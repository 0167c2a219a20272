package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * The results of {@code heaplab detect} as plain values, for the detection page of a report: the detection matrix,
 * the cost of each check level, and what the unchecked allocators do with each misuse. The harness fills it; this
 * module draws it and knows nothing of replay.
 *
 * @param setting   one sentence stating what was run (faults per kind, workloads, seed, mode)
 * @param faults    the fault kinds, in display order (their CLI names)
 * @param matrix    one row per allocator × level × fault
 * @param costs     one row per allocator × level, {@code off} included
 * @param probes    one row per allocator × fault probed unchecked; empty when probing was skipped
 * @param notes     failures and first false positives, one line each
 * @implSpec Immutable.
 */
public record DetectionData(String setting, List<String> faults, List<MatrixRow> matrix, List<CostRow> costs,
                            List<ProbeRow> probes, List<String> notes) {

    /**
     * One cell of the detection matrix.
     *
     * @param allocator      the allocator
     * @param level          the check level ({@code cheap} or {@code full})
     * @param fault          the fault kind
     * @param injected       faults of this kind injected
     * @param detected       of those, reported by the checked layer
     * @param missed         of those, not reported
     * @param falsePositives reports of this kind that matched no injected fault
     * @param meanLatencyOps mean operations from fault to report, NaN when nothing was detected
     * @param maxLatencyOps  the largest such latency, -1 when nothing was detected
     */
    public record MatrixRow(String allocator, String level, String fault, long injected, long detected, long missed,
                            long falsePositives, double meanLatencyOps, long maxLatencyOps) {

        /** {@return detected / injected, NaN when nothing was injected} */
        public double detectionRate() {
            return injected == 0 ? Double.NaN : (double) detected / injected;
        }
    }

    /**
     * The cost of one check level for one allocator on the clean traces.
     *
     * @param allocator          the allocator
     * @param level              {@code off}, {@code cheap} or {@code full}
     * @param opsPerSecond       replay throughput in operations per second, NaN if not measured
     * @param costRelativeToOff  replay time at this level / unchecked replay time, NaN if not measured
     * @param cleanFalsePositives reports on the clean traces (all false positives), -1 for {@code off}
     */
    public record CostRow(String allocator, String level, double opsPerSecond, double costRelativeToOff,
                          long cleanFalsePositives) {
    }

    /**
     * What one unchecked allocator did with one misuse.
     *
     * @param allocator the allocator
     * @param fault     the fault kind
     * @param outcome   {@code silent}, {@code corrupt}, {@code exception} or {@code hang}
     * @param detail    what was observed
     */
    public record ProbeRow(String allocator, String fault, String outcome, String detail) {
    }

    /** Copies the lists. @throws NullPointerException if any argument is null */
    public DetectionData {
        Objects.requireNonNull(setting, "setting");
        faults = List.copyOf(faults);
        matrix = List.copyOf(matrix);
        costs = List.copyOf(costs);
        probes = List.copyOf(probes);
        notes = List.copyOf(notes);
    }
}
