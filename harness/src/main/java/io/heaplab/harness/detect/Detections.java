package io.heaplab.harness.detect;

import io.heaplab.alloc.checked.MisuseKind;
import io.heaplab.alloc.checked.MisuseReport;
import io.heaplab.workloads.inject.FaultKind;
import io.heaplab.workloads.inject.FaultLabel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a checked replay's reports to the injected faults' labels, and accumulates per fault kind: injected,
 * detected, missed, false positives and detection latency (ops between the fault and its report).
 *
 * <h2>Matching</h2> Reports are taken in order; each is matched to the earliest unmatched label whose kind it can
 * stand for ({@link #canReport}), whose fault concerned the report's address, and whose position is not after the
 * report's op. A report matched to no label is a false positive of the fault kind it names ({@link #kindOf}); a
 * label matched by no report is missed. A fault whose block's allocation had failed could not be applied and is
 * not counted as injected.
 *
 * @implSpec Not thread-safe.
 */
public final class Detections {

    /** Counts of one fault kind. */
    public static final class Counts {
        long injected;
        long detected;
        long falsePositives;
        long latencySum;
        long latencyMax;

        /** {@return faults injected and applied} */
        public long injected() {
            return injected;
        }

        /** {@return faults reported} */
        public long detected() {
            return detected;
        }

        /** {@return faults not reported} */
        public long missed() {
            return injected - detected;
        }

        /** {@return reports matching no fault} */
        public long falsePositives() {
            return falsePositives;
        }

        /** {@return mean ops from fault to report, or NaN if none was detected} */
        public double meanLatencyOps() {
            return detected == 0 ? Double.NaN : (double) latencySum / detected;
        }

        /** {@return most ops from fault to report} */
        public long maxLatencyOps() {
            return latencyMax;
        }
    }

    private final Map<FaultKind, Counts> counts = new EnumMap<>(FaultKind.class);
    private long otherFalsePositives;

    /** Starts with zero counts for every kind. */
    public Detections() {
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, new Counts());
        }
    }

    /** {@return the counts of {@code kind}} @param kind a fault kind */
    public Counts of(FaultKind kind) {
        return counts.get(kind);
    }

    /** {@return reports of no injectable kind (a wrong thread), all false positives here} */
    public long otherFalsePositives() {
        return otherFalsePositives;
    }

    /** {@return every false positive} */
    public long totalFalsePositives() {
        long sum = otherFalsePositives;
        for (Counts c : counts.values()) {
            sum += c.falsePositives;
        }
        return sum;
    }

    /**
     * {@return whether a report of {@code misuse} can stand for a fault of {@code fault}}: a double free after reuse
     * is a plain double free when the block was not reused, and an interior free by an unaligned delta is reported as
     * misaligned.
     *
     * @param fault  the injected kind
     * @param misuse the reported kind
     */
    public static boolean canReport(FaultKind fault, MisuseKind misuse) {
        return switch (fault) {
            case DOUBLE_FREE -> misuse == MisuseKind.DOUBLE_FREE;
            case DOUBLE_FREE_AFTER_REUSE -> misuse == MisuseKind.DOUBLE_FREE_AFTER_REUSE
                || misuse == MisuseKind.DOUBLE_FREE;
            case INVALID_FREE -> misuse == MisuseKind.INVALID_FREE;
            case INTERIOR_FREE -> misuse == MisuseKind.INTERIOR_FREE || misuse == MisuseKind.MISALIGNED_FREE;
            case WRONG_LAYOUT -> misuse == MisuseKind.WRONG_LAYOUT;
            case USE_AFTER_FREE_WRITE -> misuse == MisuseKind.USE_AFTER_FREE_WRITE;
            case OVERFLOW_WRITE -> misuse == MisuseKind.OVERFLOW_WRITE;
            case LEAK -> misuse == MisuseKind.LEAK;
        };
    }

    /** {@return the fault kind a report of {@code misuse} is a false positive of, or null for none} */
    static FaultKind kindOf(MisuseKind misuse) {
        return switch (misuse) {
            case DOUBLE_FREE -> FaultKind.DOUBLE_FREE;
            case DOUBLE_FREE_AFTER_REUSE -> FaultKind.DOUBLE_FREE_AFTER_REUSE;
            case INVALID_FREE -> FaultKind.INVALID_FREE;
            case INTERIOR_FREE, MISALIGNED_FREE -> FaultKind.INTERIOR_FREE;
            case WRONG_LAYOUT -> FaultKind.WRONG_LAYOUT;
            case USE_AFTER_FREE_WRITE -> FaultKind.USE_AFTER_FREE_WRITE;
            case OVERFLOW_WRITE -> FaultKind.OVERFLOW_WRITE;
            case LEAK -> FaultKind.LEAK;
            case WRONG_THREAD, USE_AFTER_MOVE, USE_AFTER_DROP, DOUBLE_DROP -> null; // not allocator faults
        };
    }

    /**
     * Adds one replay.
     *
     * @param labels  the trace's labels
     * @param targets per label, the untagged address its fault concerned, -1 if not applied
     * @param reports every report of the replay (RECORD mode, close included)
     */
    public void add(List<FaultLabel> labels, long[] targets, List<MisuseReport> reports) {
        boolean[] matched = new boolean[labels.size()];
        for (int l = 0; l < labels.size(); l++) {
            if (targets[l] >= 0) {
                counts.get(labels.get(l).kind()).injected++;
            }
        }
        for (MisuseReport report : reports) {
            int found = -1;
            for (int l = 0; l < labels.size() && found < 0; l++) {
                FaultLabel label = labels.get(l);
                if (!matched[l] && targets[l] == report.address() && label.position() <= report.opIndex()
                    && canReport(label.kind(), report.kind())) {
                    found = l;
                }
            }
            if (found >= 0) {
                matched[found] = true;
                Counts c = counts.get(labels.get(found).kind());
                long latency = report.opIndex() - labels.get(found).position();
                c.detected++;
                c.latencySum += latency;
                c.latencyMax = Math.max(c.latencyMax, latency);
            } else {
                FaultKind kind = kindOf(report.kind());
                if (kind == null) {
                    otherFalsePositives++;
                } else {
                    counts.get(kind).falsePositives++;
                }
            }
        }
    }
}
