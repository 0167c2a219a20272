package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.report.Detections;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replays under {@code --check}: double frees kept by the loader, counted by the checked allocator, in every JVM. */
class CheckedReplayTest {

    private static final RunPlan CHECKED = new RunPlan(1 << 22, 1, 2, 5, 16, true, true, 10, CheckLevel.FULL);

    /** alloc 0, free 0, alloc 1 (reuses 0's block), free 0 again (after reuse), free 0 (a third time), free 1. */
    private static ListTrace doubleFreeAfterReuse() {
        return new ListTrace("df").alloc(0, 48, 16).free(0).alloc(1, 48, 16).free(0).free(0).free(1);
    }

    @Test
    void shouldKeepADoubleFreeAsAStaleFreeOnlyWhenAskedTo() throws IOException {
        LoadedTrace kept = LoadedTrace.load("df", doubleFreeAfterReuse(), true);
        OpChunk c = kept.chunk(0);
        assertEquals(List.of(LoadedTrace.ALLOC, LoadedTrace.FREE, LoadedTrace.ALLOC, LoadedTrace.STALE_FREE,
            LoadedTrace.STALE_FREE, LoadedTrace.FREE), kinds(c));
        assertEquals(c.slots[0], c.slots[3]); // the freed id kept its slot
        assertEquals(48, c.byteSizes[3]);
        assertEquals(4, c.alignShifts[3]);
        assertEquals(0, kept.traceErrors());
        LoadedTrace plain = LoadedTrace.load("df", doubleFreeAfterReuse());
        assertEquals(List.of(LoadedTrace.ALLOC, LoadedTrace.FREE, LoadedTrace.ALLOC, LoadedTrace.INVALID,
            LoadedTrace.INVALID, LoadedTrace.FREE), kinds(plain.chunk(0)));
        assertEquals(2, plain.traceErrors());
    }

    private static List<Byte> kinds(OpChunk c) {
        List<Byte> kinds = new java.util.ArrayList<>();
        for (int j = 0; j < c.count; j++) {
            kinds.add(c.kinds[j]);
        }
        return kinds;
    }

    @Test
    void shouldCountEachDoubleFreeAndKeepTheReusedBlockIntactInTheMeasuringReplay() throws IOException {
        LoadedTrace trace = LoadedTrace.load("df", doubleFreeAfterReuse(), true);
        AllocatorSpec spec = AllocatorRegistry.load().get("freelist-first");
        try (Allocator allocator = CheckedAllocators.create(spec, 1 << 20, CheckLevel.CHEAP)) {
            ReplayOutcome outcome = new MeasuringReplay(allocator, trace, true, 4).run();
            assertEquals("", outcome.problem());
            assertEquals(0, outcome.counts().verifyErrors());
            Detections d = CheckedAllocators.detections(allocator);
            assertEquals(2, d.total());
            assertEquals(Map.of("double-free-after-reuse", 2L), d.byKind());
            assertTrue(d.messages().getFirst().contains(" at op 3"), d.messages().getFirst());
            assertTrue(d.messages().get(1).contains(" at op 4"), d.messages().get(1));
        }
    }

    /** {@return a text trace read without liveness checks, as {@code --check} reads trace files} */
    private static LoadedTrace text(String ops, boolean keepMisuses) throws IOException {
        String trace = "%heaplab-trace 1\n" + ops;
        try (TraceReader reader = Traces.openUnchecked(
            new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t.trace")) {
            return LoadedTrace.load("t", reader, keepMisuses);
        }
    }

    @Test
    void shouldReplayInjectedOverflowInteriorFreeAndWrongLayoutAtLevelFull() throws IOException {
        LoadedTrace trace = text("""
            alloc 0 64 16
            write 0 64 1
            free-at 0 16 64 16
            alloc 1 32 16
            free-at 1 0 4096 16
            write 1 0 8
            free 0
            """, true);
        assertEquals(0, trace.traceErrors());
        AllocatorSpec spec = AllocatorRegistry.load().get("freelist-best");
        try (Allocator allocator = CheckedAllocators.create(spec, 1 << 20, CheckLevel.FULL)) {
            ReplayOutcome outcome = new MeasuringReplay(allocator, trace, true, 4).run();
            assertEquals("", outcome.problem());
            assertEquals(2, outcome.counts().frees()); // the wrong-layout free-at freed block 1
            Detections d = CheckedAllocators.detections(allocator);
            assertEquals(Map.of("interior-free", 1L, "wrong-layout", 1L, "use-after-free-write", 1L,
                "overflow-write", 1L), d.byKind());
            assertEquals(4, d.total());
        }
        assertEquals(3, text("alloc 0 64 16\nwrite 0 64 1\nfree-at 0 16 64 16\nfree 0\nfree-at 0 0 64 16\n", false)
            .traceErrors());
    }

    @Test
    void shouldReportAnUncheckedReplayWithoutDetections() throws IOException {
        AllocatorSpec spec = AllocatorRegistry.load().get("freelist-first");
        try (Allocator allocator = CheckedAllocators.create(spec, 1 << 20, CheckLevel.OFF)) {
            assertNull(CheckedAllocators.detections(allocator));
        }
    }

    @Test
    void shouldPassTheCheckLevelToTheTimingWorkers(@TempDir Path dir) throws IOException {
        LoadedTrace trace = LoadedTrace.load("df", doubleFreeAfterReuse(), true);
        Path file = dir.resolve("t.bin");
        trace.writeTo(file);
        try (AllocatorWorkers workers = new AllocatorWorkers(List.of(), 120)) {
            ForkedRunner.Result nativeResult = workers.run("glibc", 0, file, CHECKED.timingOnly());
            ForkedRunner.Result.Unavailable u = assertInstanceOf(ForkedRunner.Result.Unavailable.class, nativeResult);
            assertEquals("--check full wraps research allocators only: a native allocator's blocks are not in a "
                + "heaplab heap, so they cannot be checked", u.reason());
            ForkedRunner.Result research = workers.run("freelist-best", 0, file, CHECKED.timingOnly());
            ForkedRunner.Result.Measured m = assertInstanceOf(ForkedRunner.Result.Measured.class, research);
            assertEquals(2, m.outcome().opsPerSecond().length);
            assertTrue(m.outcome().opsPerSecond()[1] > 0);
        }
    }

    @Test
    void shouldAttachDetectionsPerPairAndRefuseNativeAllocatorsInASession() throws IOException {
        LoadedTrace trace = LoadedTrace.load("df", doubleFreeAfterReuse(), true);
        AllocatorRegistry registry = AllocatorRegistry.load();
        MeasurementSession.Settings settings = new MeasurementSession.Settings(0, CHECKED, "", Statistics.Test.WELCH,
            List.of(), 120, "test");
        ResultsDocument doc = new MeasurementSession(settings, MeasurementSession.SILENT).run(
            List.of(registry.get("buddy"), registry.get("noop")), List.of(trace), MeasurementSession.environment("t"));
        PairResult buddy = doc.results().get(0);
        assertEquals(PairResult.Status.OK, buddy.status(), buddy.message());
        // at level full the freed block waits in the quarantine, so it is not reused: a plain double free
        assertEquals("detections: 2 (double-free 2)", buddy.detections().summary());
        PairResult noop = doc.results().get(1);
        assertEquals(PairResult.Status.UNAVAILABLE, noop.status());
        assertEquals("--check full wraps research allocators only: a baseline allocator's blocks are not in a "
            + "heaplab heap, so they cannot be checked", noop.message());
    }
}
