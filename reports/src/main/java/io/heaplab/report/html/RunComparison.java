package io.heaplab.report.html;

import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two saved runs side by side, as {@code benchstat old.txt new.txt} or {@code critcmp} show them: for every
 * (allocator, workload) pair measured in both, the throughput of the second run relative to the first, and whether
 * the difference is significant (Welch's t-test on the raw samples, p &lt; 0.05).
 *
 * @param before the first run's label (its file name)
 * @param after  the second run's label
 * @param rows   one row per pair present in both runs, in the second run's order
 * @implSpec Immutable.
 */
record RunComparison(String before, String after, List<Row> rows) {

    /**
     * One pair in both runs.
     *
     * @param allocator         the allocator
     * @param workload          the workload
     * @param beforeOpsPerSecond mean ops/s in the first run, NaN if not measured there
     * @param afterOpsPerSecond  mean ops/s in the second run, NaN if not measured there
     * @param ratio             after / before
     * @param pValue            Welch's p-value, NaN when it cannot be computed
     * @param beforeUtilization utilization in the first run, or NaN
     * @param afterUtilization  utilization in the second run, or NaN
     */
    record Row(String allocator, String workload, double beforeOpsPerSecond, double afterOpsPerSecond, double ratio,
               double pValue, double beforeUtilization, double afterUtilization) {

        /** {@return whether the throughput changed significantly} */
        boolean significant() {
            return Significance.significant(pValue);
        }
    }

    RunComparison {
        rows = List.copyOf(rows);
    }

    /**
     * {@return the comparison of {@code after} against {@code before}}
     *
     * @param beforeName label of the first run
     * @param before     the first run
     * @param afterName  label of the second run
     * @param after      the second run
     */
    static RunComparison of(String beforeName, ResultsDocument before, String afterName, ResultsDocument after) {
        Map<String, PairResult> old = new LinkedHashMap<>();
        for (PairResult r : before.results()) {
            old.put(r.allocator() + "\u0000" + r.workload(), r);
        }
        List<Row> rows = new ArrayList<>();
        for (PairResult b : after.results()) {
            PairResult a = old.get(b.allocator() + "\u0000" + b.workload());
            if (a == null) {
                continue;
            }
            boolean both = a.status() == PairResult.Status.OK && b.status() == PairResult.Status.OK;
            double aMean = a.status() == PairResult.Status.OK ? a.opsPerSecond().mean() : Double.NaN;
            double bMean = b.status() == PairResult.Status.OK ? b.opsPerSecond().mean() : Double.NaN;
            rows.add(new Row(b.allocator(), b.workload(), aMean, bMean, bMean / aMean,
                both ? Significance.pValue(a.opsPerSecond().samples(), b.opsPerSecond().samples()) : Double.NaN,
                a.status() == PairResult.Status.OK ? a.memory().utilization() : Double.NaN,
                b.status() == PairResult.Status.OK ? b.memory().utilization() : Double.NaN));
        }
        return new RunComparison(beforeName, afterName, rows);
    }

    /** {@return the comparison as plain text, one line per pair: ratio and "significant" or "~" (no change)} */
    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-20s %-20s %14s %14s %9s %10s%n", "allocator", "workload", "before Mops/s",
            "after Mops/s", "ratio", "p"));
        for (Row r : rows) {
            b.append(String.format("%-20s %-20s %14s %14s %9s %10s%n", r.allocator(), r.workload(),
                Units.mega(r.beforeOpsPerSecond()), Units.mega(r.afterOpsPerSecond()),
                r.significant() ? Units.ratio(r.ratio()) : "~", Units.pValue(r.pValue())));
        }
        b.append("ratio = after / before; ~ = no significant difference (Welch t-test, p >= 0.05)\n");
        return b.toString();
    }
}
