package io.heaplab.harness;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasurementSessionTest {

    private static final RunPlan QUICK = new RunPlan(1 << 22, 1, 2, 5, 16, true, true, 10);

    private static MeasurementSession.Settings settings(int forks, String baseline) {
        return new MeasurementSession.Settings(forks, QUICK, baseline, Statistics.Test.WELCH, List.of(), 120,
            "test");
    }

    @Test
    void shouldMeasureInAForkedJvmAndSayHowManyForksAndRuns() throws Exception {
        AllocatorSpec best = AllocatorRegistry.load().get("freelist-best");
        ResultsDocument doc = new MeasurementSession(settings(1, ""), MeasurementSession.SILENT)
            .run(List.of(best), List.of(ReplayLoopTest.randomTrace(1)), MeasurementSession.environment("test"));
        PairResult r = doc.results().getFirst();
        assertEquals(PairResult.Status.OK, r.status(), r.message());
        assertEquals(1, r.forks());
        assertEquals(2, r.runs());
        assertEquals(ReplayLoopTest.randomTrace(1).opCount(), r.counts().ops());
        assertEquals("", r.message());
        assertTrue(r.opsPerSecond().mean() > 0);
        assertTrue(r.latency().measured());
        assertEquals(16, r.latency().sampleEvery());
    }

    @Test
    void shouldCompareWithTheBaselineAndLeaveTheBaselineItselfUncompared() throws Exception {
        AllocatorRegistry registry = AllocatorRegistry.load();
        ResultsDocument doc = new MeasurementSession(settings(0, "bump"), MeasurementSession.SILENT)
            .run(List.of(registry.get("bump"), registry.get("freelist-first")),
                List.of(ReplayLoopTest.randomTrace(2)), MeasurementSession.environment("test"));
        assertNull(doc.results().get(0).baseline());
        assertNotNull(doc.results().get(1).baseline());
        assertEquals("bump", doc.results().get(1).baseline().baseline());
        assertEquals(0, doc.results().get(1).forks());
    }

    @Test
    void shouldReportAMissingNativeLibraryAsUnavailableWithoutFailing() throws Exception {
        AllocatorSpec missing = new AllocatorSpec("missing", "a native allocator whose library is absent",
            AllocatorSpec.Kind.NATIVE, heap -> {
                throw new UnsupportedOperationException("missing is unavailable: libmissing.so.1 is not installed");
            });
        ResultsDocument doc = new MeasurementSession(settings(1, ""), MeasurementSession.SILENT)
            .run(List.of(missing), List.of(ReplayLoopTest.randomTrace(3)), MeasurementSession.environment("test"));
        PairResult r = doc.results().getFirst();
        assertEquals(PairResult.Status.UNAVAILABLE, r.status());
        assertEquals("missing is unavailable: libmissing.so.1 is not installed", r.message());
    }

    @Test
    void shouldReportACorruptingAllocatorAsFailedWithoutTimingIt() throws Exception {
        AllocatorSpec corrupting = new AllocatorSpec("overlapping", "hands out overlapping blocks",
            AllocatorSpec.Kind.RESEARCH, heap -> new GranuleBumpAllocator(heap, true, false));
        LoadedTrace trace = new ListTrace("overlap").alloc(0, 32, 8).alloc(1, 16, 8).free(0).free(1).load();
        ResultsDocument doc = new MeasurementSession(settings(0, ""), MeasurementSession.SILENT)
            .run(List.of(corrupting), List.of(trace), MeasurementSession.environment("test"));
        PairResult r = doc.results().getFirst();
        assertEquals(PairResult.Status.FAILED, r.status());
        assertEquals("op 2: block 0 (32 bytes at 0) changed at byte 8 before it was freed", r.message());
        assertEquals(0, r.runs());
    }

    @Test
    void shouldReuseOneJvmPerAllocatorAcrossWorkloadsAndAnnounceEachWorkloadWhenItsPairsAreDone() throws Exception {
        AllocatorRegistry registry = AllocatorRegistry.load();
        List<String> events = new java.util.ArrayList<>();
        MeasurementSession.Listener listener = new MeasurementSession.Listener() {
            @Override
            public void pairStarted(String allocator, String workload) {
                events.add("start " + allocator + " " + workload);
            }

            @Override
            public void pairFinished(PairResult result) {
            }

            @Override
            public void workloadFinished(String workload, List<PairResult> results,
                                         io.heaplab.report.WorkloadVerdict verdict) {
                events.add("done " + workload + " " + results.size() + " " + verdict.workload());
            }
        };
        LoadedTrace one = ReplayLoopTest.randomTrace(4);
        LoadedTrace two = ReplayLoopTest.randomTrace(5);
        ResultsDocument doc = new MeasurementSession(settings(1, "bump"), listener)
            .run(List.of(registry.get("bump"), registry.get("freelist-best")), List.of(one, two),
                MeasurementSession.environment("test"));
        assertEquals(List.of("start bump " + one.name(), "start freelist-best " + one.name(),
            "done " + one.name() + " 2 " + one.name(), "start bump " + two.name(),
            "start freelist-best " + two.name(), "done " + two.name() + " 2 " + two.name()), events);
        assertTrue(doc.results().stream().allMatch(r -> r.status() == PairResult.Status.OK && r.runs() == 2),
            doc.results().toString());
        assertNotNull(doc.results().get(3).baseline(), "compared per workload");
        assertNotNull(doc.summary(), "two workloads: a suite summary");
        assertEquals(2, doc.verdicts().size());
    }
}
