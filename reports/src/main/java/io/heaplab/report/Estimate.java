package io.heaplab.report;

import java.util.Arrays;

/**
 * A measured quantity over repetitions: the mean, its two-sided 95 % confidence interval (Student's t) and the raw
 * samples it rests on.
 *
 * @param mean     the sample mean, or NaN when there are no samples
 * @param ci95Low  lower bound of the 95 % confidence interval of the mean, or NaN with fewer than two samples
 * @param ci95High upper bound of the 95 % confidence interval of the mean, or NaN with fewer than two samples
 * @param samples  the raw samples, in the order measured
 * @implSpec Immutable: the samples array is copied in and out.
 */
public record Estimate(double mean, double ci95Low, double ci95High, double[] samples) {

    /** An estimate resting on no samples: every number is NaN. */
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN, new double[0]);

    /** Copies {@code samples}. */
    public Estimate {
        samples = samples.clone();
    }

    /** {@return a copy of the raw samples} */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** {@return the number of samples} */
    public int sampleCount() {
        return samples.length;
    }

    /** {@return the half-width of the confidence interval relative to the mean (0.03 = ±3 %), or NaN} */
    public double relativeHalfWidth() {
        return (ci95High - ci95Low) / 2 / mean;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Estimate e && Double.compare(mean, e.mean) == 0 && Double.compare(ci95Low, e.ci95Low) == 0
            && Double.compare(ci95High, e.ci95High) == 0 && Arrays.equals(samples, e.samples);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(mean) * 31 + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Estimate[mean=" + mean + ", ci95=[" + ci95Low + ", " + ci95High + "], n=" + samples.length + "]";
    }
}
