package io.heaplab.report;

/**
 * Throughput of one allocator relative to a baseline allocator on the same workload.
 *
 * @param baseline     the baseline allocator's name
 * @param ratio        mean ops/s of this allocator / mean ops/s of the baseline (2.0 = twice as fast)
 * @param ci95Low      lower bound of the 95 % confidence interval of the ratio (Fieller), or NaN if unbounded
 * @param ci95High     upper bound of the 95 % confidence interval of the ratio (Fieller), or NaN if unbounded
 * @param pValue       two-sided p-value of the test below, or NaN with fewer than two samples on either side
 * @param test         the test used: {@code welch-t} or {@code mann-whitney-u}
 * @param significant  whether {@code pValue < 0.05}; {@code false} means "no significant difference"
 * @implSpec Immutable.
 */
public record BaselineComparison(String baseline, double ratio, double ci95Low, double ci95High, double pValue,
                                 String test, boolean significant) {
}
