package io.heaplab.report;

/**
 * How many allocation requests of a workload fall in each power-of-two size class: class 0 holds size 0, class
 * {@code k >= 1} holds sizes in {@code [2^(k-1), 2^k)} bytes. Filled by the harness from the trace; drawn by the
 * report next to the workload's results.
 *
 * @param workload   the workload's name
 * @param log2Counts requests per class, index = class
 * @implSpec Immutable: the counts are copied in and out.
 */
public record SizeHistogram(String workload, long[] log2Counts) {

    /** Copies the counts. */
    public SizeHistogram {
        java.util.Objects.requireNonNull(workload, "workload");
        log2Counts = log2Counts.clone();
    }

    @Override
    public long[] log2Counts() {
        return log2Counts.clone();
    }

    /** {@return the smallest size in class {@code k}, in bytes} @param k a class index */
    public static long classLowBytes(int k) {
        return k == 0 ? 0 : 1L << (k - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeHistogram h && workload.equals(h.workload)
            && java.util.Arrays.equals(log2Counts, h.log2Counts);
    }

    @Override
    public int hashCode() {
        return workload.hashCode() * 31 + java.util.Arrays.hashCode(log2Counts);
    }

    @Override
    public String toString() {
        return "SizeHistogram[" + workload + ", " + java.util.Arrays.toString(log2Counts) + "]";
    }
}
