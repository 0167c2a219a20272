package io.heaplab.alloc.checked;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a {@link CheckedAllocator}'s detections go, according to its {@link ErrorMode}: thrown, recorded (every one
 * counted per kind, the first {@code maxReports} kept), or printed before halting the JVM.
 *
 * @implSpec Not thread-safe. Called only on the error path, so it may allocate.
 */
final class MisuseLog {

    /** Exit status of {@link ErrorMode#ABORT}: 128 + SIGABRT, what a C program's {@code abort()} gives. */
    static final int ABORT_STATUS = 134;

    private final ErrorMode mode;
    private final int maxReports;
    private final long[] counts = new long[MisuseKind.values().length];
    private final List<MisuseReport> kept = new ArrayList<>();

    MisuseLog(ErrorMode mode, int maxReports) {
        this.mode = mode;
        this.maxReports = maxReports;
    }

    /**
     * Reports one misuse.
     *
     * @param report the misuse
     * @throws MisuseException in mode THROW
     */
    void report(MisuseReport report) {
        counts[report.kind().ordinal()]++;
        switch (mode) {
            case THROW -> throw new MisuseException(report);
            case RECORD -> {
                if (kept.size() < maxReports) {
                    kept.add(report);
                }
            }
            case ABORT -> {
                System.err.println("heaplab: fatal allocator misuse: " + report.message());
                System.err.flush();
                Runtime.getRuntime().halt(ABORT_STATUS);
            }
        }
    }

    /** {@return the mode} */
    ErrorMode mode() {
        return mode;
    }

    /** {@return the kept reports, oldest first} */
    List<MisuseReport> reports() {
        return Collections.unmodifiableList(kept);
    }

    /** {@return how many misuses of {@code kind} were reported} */
    long count(MisuseKind kind) {
        return counts[kind.ordinal()];
    }

    /** {@return how many misuses were reported in all} */
    long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
