package io.heaplab.report.html;

import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuiteSummaryTest {

    private static final double EPSILON = 1e-12;

    @Test
    void shouldTakeTheGeometricMeanOfRatiosAndTheMeanOfUtilizations() {
        SuiteSummary s = SuiteSummary.of(ReportFixtures.document());
        SuiteSummary.AllocatorSummary buddy = s.allocators().stream().filter(a -> a.allocator().equals("buddy"))
            .findFirst().orElseThrow();
        assertEquals(Math.sqrt(2.0 * 1.5), buddy.ratioGeoMean(), EPSILON);
        assertEquals(2, buddy.ratioCount());
        assertEquals((0.6 + 0.5) / 2, buddy.utilizationMean(), EPSILON);
        assertEquals(List.of("shuffled-free"), buddy.fastestOn());
    }

    @Test
    void shouldListWhereAnAllocatorFailedAndNeverRankIt() {
        SuiteSummary s = SuiteSummary.of(ReportFixtures.document());
        SuiteSummary.AllocatorSummary bump = s.allocators().stream().filter(a -> a.allocator().equals("bump"))
            .findFirst().orElseThrow();
        assertEquals(List.of("defeat-buddy"), bump.failedOn());
        assertEquals(List.of(), bump.fastestOn());
        assertEquals(List.of(), bump.leastWastefulOn());
    }

    @Test
    void shouldCallUtilizationsWithinATenthOfAPointATie() {
        List<PairResult> r = List.of(
            ReportFixtures.research("a", "w", 0.8004, 1, 0.1, 0, null),
            ReportFixtures.research("b", "w", 0.8, 1, 0.1, 0, null),
            ReportFixtures.research("c", "w", 0.79, 1, 0.1, 0, null));
        assertEquals(List.of("a", "b"), SuiteSummary.leastWasteful(r));
    }

    @Test
    void shouldNeverNameTheBaselineKindFastest() {
        PairResult noop = new PairResult("noop", "baseline", "w", PairResult.Status.OK, "", -1,
            ReportFixtures.glibc("w").counts(), ReportFixtures.glibc("w").memory(), ReportFixtures.rate(1e9, 1e6), 1,
            2, ReportFixtures.glibc("w").latency(), null, List.of());
        List<PairResult> r = List.of(noop, ReportFixtures.research("a", "w", 0.8, 10, 0.1, 0, null));
        assertEquals(List.of("a"), SuiteSummary.fastest(r));
    }

    @Test
    void shouldSayNothingMeasuredForAWorkloadWithoutMeasuredPairs() {
        ResultsDocument d = new ResultsDocument(ReportFixtures.environment(), ReportFixtures.settings(), List.of(
            PairResult.notMeasured("jemalloc", "native", "w", PairResult.Status.UNAVAILABLE, "not installed")));
        assertEquals(List.of(), SuiteSummary.of(d).inShort().get("w"));
    }
}
