package io.heaplab.report.html;

import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Whether two sets of throughput samples differ: Welch's two-sided t-test (unequal variances) from Apache Commons
 * Statistics, at the 5 % level, as benchstat does for two saved runs.
 */
final class Significance {

    /** Differences with a p-value below this are called significant. */
    static final double ALPHA = 0.05;

    private static final TTest WELCH = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC);

    private Significance() {
    }

    /**
     * {@return the two-sided p-value of Welch's t-test on {@code a} and {@code b}, or NaN when either has fewer
     * than two samples or both have zero variance}
     *
     * @param a the first samples
     * @param b the second samples
     */
    static double pValue(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        try {
            return WELCH.test(a, b).getPValue();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Double.NaN; // e.g. zero variance on both sides: the test is undefined
        }
    }

    /** {@return whether {@code p} shows a significant difference; NaN (cannot tell) is not significant} */
    static boolean significant(double p) {
        return p < ALPHA;
    }
}
