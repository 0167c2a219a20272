package io.heaplab.harness;

import io.heaplab.report.BaselineComparison;
import io.heaplab.report.Estimate;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.TTest;

/**
 * The statistics heaplab reports over repeated runs, all from Apache Commons Statistics.
 *
 * <ul>
 *   <li>Mean with a two-sided 95 % confidence interval: {@code mean ± t(0.975, n-1) · s / sqrt(n)}, where {@code s}
 *       is the unbiased sample standard deviation (Georges et al., OOPSLA'07: use t for n &lt; 30).</li>
 *   <li>Ratio of two means with Fieller's 95 % interval for independent samples (Kalibera &amp; Jones, ISMM'13:
 *       report an effect-size interval for the ratio): with {@code a = v_x/n_x}, {@code b = v_y/n_y},
 *       {@code g = t² b / ȳ²}, the interval is {@code (r ± (t/ȳ) sqrt(a + r² b - g a)) / (1 - g)}; it is unbounded
 *       (NaN) when {@code g >= 1}, i.e. when the baseline's own interval contains 0, and its lower bound is clipped at 0
 *       (a ratio of throughputs cannot be negative; Fieller's bound goes below 0 when the numerator's interval
 *       contains 0). The t quantile uses the
 *       Welch–Satterthwaite degrees of freedom.</li>
 *   <li>Significance: Welch's unequal-variance t-test (default) or the Mann-Whitney U test, two-sided, at
 *       {@value #ALPHA}. Not significant means "no significant difference", and is reported as such.</li>
 * </ul>
 *
 * @implSpec Stateless and thread-safe.
 */
public final class Statistics {

    /** The significance level. */
    public static final double ALPHA = 0.05;

    /** The two-sided tests heaplab can report. */
    public enum Test {
        /** Welch's t-test: compares means without assuming equal variances. */
        WELCH("welch-t"),
        /** Mann-Whitney U: compares distributions without assuming normality (needs several runs per side). */
        MANN_WHITNEY("mann-whitney-u");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        /** {@return the name written in results, e.g. {@code welch-t}} */
        public String label() {
            return label;
        }
    }

    private Statistics() {
    }

    /**
     * {@return the mean of {@code samples} with its 95 % confidence interval (Student t)} With fewer than two samples
     * the interval is NaN; with none, the mean is NaN too. The samples are rates (operations per second), which cannot
     * be negative, so the lower bound is clipped at 0, as the ratio's is: a wide interval from a few noisy runs then
     * reads "[0, x]" rather than a negative throughput.
     *
     * @param samples the measurements, each ≥ 0
     */
    public static Estimate estimate(double[] samples) {
        int n = samples.length;
        if (n == 0) {
            return Estimate.NONE;
        }
        double mean = Mean.of(samples).getAsDouble();
        if (n < 2) {
            return new Estimate(mean, Double.NaN, Double.NaN, samples);
        }
        double halfWidth = tQuantile(n - 1) * Math.sqrt(Variance.of(samples).getAsDouble() / n);
        return new Estimate(mean, Math.max(0, mean - halfWidth), mean + halfWidth, samples);
    }

    /**
     * {@return how {@code samples} compare with {@code baselineSamples}: ratio of means, Fieller interval, p-value}
     *
     * @param baseline        the baseline's name, carried into the result
     * @param samples         this allocator's measurements (e.g. ops/s per run)
     * @param baselineSamples the baseline's measurements
     * @param test            the significance test
     * @throws IllegalArgumentException if either sample set is empty
     */
    public static BaselineComparison compare(String baseline, double[] samples, double[] baselineSamples, Test test) {
        if (samples.length == 0 || baselineSamples.length == 0) {
            throw new IllegalArgumentException("cannot compare empty samples: " + samples.length + " vs "
                + baselineSamples.length);
        }
        double mx = Mean.of(samples).getAsDouble();
        double my = Mean.of(baselineSamples).getAsDouble();
        double ratio = mx / my;
        if (samples.length < 2 || baselineSamples.length < 2) {
            return new BaselineComparison(baseline, ratio, Double.NaN, Double.NaN, Double.NaN, test.label(), false);
        }
        double a = Variance.of(samples).getAsDouble() / samples.length;
        double b = Variance.of(baselineSamples).getAsDouble() / baselineSamples.length;
        double low = Double.NaN;
        double high = Double.NaN;
        double pValue;
        if (a + b == 0) {
            // Both sides constant: the t statistic is undefined; the difference is certain either way.
            low = ratio;
            high = ratio;
            pValue = mx == my ? 1.0 : 0.0;
        } else {
            double df = a * a / (samples.length - 1) + b * b / (baselineSamples.length - 1);
            df = (a + b) * (a + b) / df;
            double t = tQuantile(df);
            double g = t * t * b / (my * my);
            if (g < 1) {
                double root = (t / my) * Math.sqrt(a + ratio * ratio * b - g * a);
                low = Math.max(0, (ratio - root) / (1 - g)); // throughputs are positive, so is their ratio
                high = (ratio + root) / (1 - g);
            }
            pValue = switch (test) {
                case WELCH -> TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC)
                    .test(samples, baselineSamples).getPValue();
                case MANN_WHITNEY -> MannWhitneyUTest.withDefaults().test(samples, baselineSamples).getPValue();
            };
        }
        return new BaselineComparison(baseline, ratio, low, high, pValue, test.label(), pValue < ALPHA);
    }

    /**
     * {@return the geometric mean of ratios with its 95 % interval, from their logarithms:
     * {@code exp(mean ± t(0.975, k-1) · s / sqrt(k))}} The interval is NaN with fewer than two values; with no
     * values every number is NaN.
     *
     * @param logRatios natural logarithms of the ratios (e.g. one per workload)
     */
    public static Estimate geometricMean(double[] logRatios) {
        Estimate logs = estimate(logRatios);
        return new Estimate(Math.exp(logs.mean()), Math.exp(logs.ci95Low()), Math.exp(logs.ci95High()), logRatios);
    }

    /**
     * {@return whether paired measurements differ significantly: two-sided paired t-test at {@value #ALPHA}} When
     * every difference is the same, the test is undefined; the difference is then significant unless it is 0.
     *
     * @param x one side, e.g. an allocator's log-ratio per workload
     * @param y the other side, same length and order
     * @throws IllegalArgumentException if the lengths differ or there are fewer than two pairs
     */
    public static boolean pairedDifferenceSignificant(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("paired samples need the same length, at least 2: " + x.length
                + " and " + y.length);
        }
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        if (Variance.of(d).getAsDouble() == 0) {
            return d[0] != 0;
        }
        return TTest.withDefaults().pairedTest(x, y).getPValue() < ALPHA;
    }

    /** {@return the 97.5 % quantile of Student's t with {@code df} degrees of freedom} */
    private static double tQuantile(double df) {
        return TDistribution.of(df).inverseCumulativeProbability(0.975);
    }
}
