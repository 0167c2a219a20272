package io.heaplab.harness;

import io.heaplab.report.BaselineComparison;
import io.heaplab.report.Estimate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected values computed independently with SciPy 1.17 (stats.t.ppf, ttest_ind(equal_var=False), mannwhitneyu). */
class StatisticsTest {

    private static final double EPS = 1e-9;

    @Test
    void shouldGiveTheMeanWithAStudentTConfidenceInterval() {
        Estimate e = Statistics.estimate(new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, e.mean(), EPS);
        assertEquals(1.0367568385224428, e.ci95Low(), EPS);
        assertEquals(4.963243161477557, e.ci95High(), EPS);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, e.samples());
    }

    @Test
    void shouldLeaveTheIntervalOpenWithOneSample() {
        Estimate e = Statistics.estimate(new double[] {7});
        assertEquals(7.0, e.mean());
        assertTrue(Double.isNaN(e.ci95Low()));
        assertTrue(Double.isNaN(e.ci95High()));
    }

    @Test
    void shouldGiveTheRatioOfMeansWithFiellersIntervalAndWelchsPValue() {
        BaselineComparison c = Statistics.compare("glibc", new double[] {10, 11, 12}, new double[] {5, 5.5, 6},
            Statistics.Test.WELCH);
        assertEquals("glibc", c.baseline());
        assertEquals(2.0, c.ratio(), EPS);
        assertEquals(1.5704054479261662, c.ci95Low(), 1e-6);
        assertEquals(2.547112916146775, c.ci95High(), 1e-6);
        assertEquals(0.0036599555836826546, c.pValue(), 1e-6);
        assertEquals("welch-t", c.test());
        assertTrue(c.significant());
    }

    @Test
    void shouldSayNoSignificantDifferenceWhenTheMeansAgree() {
        BaselineComparison c = Statistics.compare("glibc", new double[] {10, 11, 12}, new double[] {10.5, 11, 11.5},
            Statistics.Test.WELCH);
        assertEquals(1.0, c.ratio(), EPS);
        assertEquals(0.817491081457078, c.ci95Low(), 1e-6);
        assertEquals(1.1968820074467914, c.ci95High(), 1e-6);
        assertEquals(1.0, c.pValue(), 1e-9);
        assertFalse(c.significant());
    }

    @Test
    void shouldUseTheExactMannWhitneyPValueWhenAsked() {
        BaselineComparison c = Statistics.compare("mimalloc", new double[] {10, 11, 12, 13, 14},
            new double[] {5, 6, 7, 8, 9}, Statistics.Test.MANN_WHITNEY);
        assertEquals(1.7142857142857142, c.ratio(), EPS);
        assertEquals(0.007936507936507936, c.pValue(), 1e-9);
        assertEquals("mann-whitney-u", c.test());
        assertTrue(c.significant());
    }

    @Test
    void shouldNotClaimSignificanceFromASingleRun() {
        BaselineComparison c = Statistics.compare("glibc", new double[] {10}, new double[] {5, 6},
            Statistics.Test.WELCH);
        assertEquals(10 / 5.5, c.ratio(), EPS);
        assertTrue(Double.isNaN(c.pValue()));
        assertFalse(c.significant());
    }

    @Test
    void shouldRejectEmptySamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Statistics.compare("glibc", new double[0], new double[] {1}, Statistics.Test.WELCH));
        assertEquals("cannot compare empty samples: 0 vs 1", e.getMessage());
    }

    @Test
    void shouldClipTheLowerBoundOfARateAtZeroWhenTheIntervalIsWiderThanTheMean() {
        Estimate e = Statistics.estimate(new double[] {0.1, 0.1, 0.1, 0.1, 20});
        assertEquals(4.08, e.mean(), 1e-9);
        assertEquals(0.0, e.ci95Low(), 0.0);
        // variance 79.202, standard error sqrt(79.202 / 5) = 3.98, t(0.975, 4) = 2.776445105
        assertEquals(4.08 + 2.776445105 * 3.98, e.ci95High(), 1e-6);
    }
}
