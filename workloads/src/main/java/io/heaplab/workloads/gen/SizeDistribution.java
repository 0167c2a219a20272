package io.heaplab.workloads.gen;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A distribution of requested block sizes in bytes. Sampling allocates nothing.
 *
 * @implSpec Implementations are immutable records.
 */
public sealed interface SizeDistribution {

    /**
     * {@return one size in bytes, at least 1}
     *
     * @param random the seeded source
     */
    long sample(RandomGenerator random);

    /** Every request is {@code byteSize} bytes. @param byteSize the size */
    record Fixed(long byteSize) implements SizeDistribution {
        @Override
        public long sample(RandomGenerator random) {
            return byteSize;
        }
    }

    /** Uniform on {@code [minBytes, maxBytes]}. @param minBytes smallest @param maxBytes largest */
    record Uniform(long minBytes, long maxBytes) implements SizeDistribution {
        @Override
        public long sample(RandomGenerator random) {
            return random.nextLong(minBytes, maxBytes + 1);
        }
    }

    /**
     * {@code minBytes} plus an exponential with the given mean, capped at {@code maxBytes}: many small requests, a
     * thin tail of larger ones.
     *
     * @param minBytes  smallest size
     * @param meanExtraBytes mean of the exponential part
     * @param maxBytes  cap
     */
    record Exponential(long minBytes, double meanExtraBytes, long maxBytes) implements SizeDistribution {
        @Override
        public long sample(RandomGenerator random) {
            return Math.min(maxBytes, minBytes + (long) (random.nextExponential() * meanExtraBytes));
        }
    }

    /**
     * Pareto (power law) with shape {@code alpha} and scale {@code minBytes}, capped at {@code maxBytes}:
     * {@code P(size > x) = (minBytes / x)^alpha}. Sampled as {@code minBytes * exp(E / alpha)} with E a standard
     * exponential.
     *
     * @param minBytes smallest size
     * @param alpha    tail exponent (smaller = heavier tail)
     * @param maxBytes cap
     */
    record PowerLaw(long minBytes, double alpha, long maxBytes) implements SizeDistribution {
        @Override
        public long sample(RandomGenerator random) {
            double x = minBytes * Math.exp(random.nextExponential() / alpha);
            return x >= maxBytes ? maxBytes : (long) x;
        }
    }

    /**
     * A few distinct sizes with weights, as real programs (and malloc-lab's traces) have.
     *
     * @param byteSizes the sizes
     * @param weights   their relative frequencies (same length, positive)
     */
    record Mixture(long[] byteSizes, double[] weights) implements SizeDistribution {

        /** Copies the arrays and checks that they match. */
        public Mixture {
            if (byteSizes.length == 0 || byteSizes.length != weights.length) {
                throw new IllegalArgumentException("a mixture needs as many weights as sizes, and at least one");
            }
            byteSizes = byteSizes.clone();
            double total = Arrays.stream(weights).sum();
            double[] cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i] / total;
                cumulative[i] = sum;
            }
            weights = cumulative;
        }

        @Override
        public long sample(RandomGenerator random) {
            double u = random.nextDouble();
            for (int i = 0; i < weights.length - 1; i++) {
                if (u < weights[i]) {
                    return byteSizes[i];
                }
            }
            return byteSizes[byteSizes.length - 1];
        }
    }
}
