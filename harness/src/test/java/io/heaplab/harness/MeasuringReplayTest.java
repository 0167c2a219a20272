package io.heaplab.harness;

import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.TimelinePoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each measure against values computed by hand (see the comments) on {@link GranuleBumpAllocator}. */
class MeasuringReplayTest {

    private static final long HEAP = 1 << 20;
    private static final double EPS = 1e-12;

    /*
     * op  what              block     top  footprint  live  granted-live  holes       free  largest
     *  1  alloc 0 64        [0,64)     64     64        64       64        -             0      0
     *  2  alloc 1 32        [64,96)    96     96        96       96        -             0      0
     *  3  alloc 2 64        [96,160)  160    160       160      160        -             0      0
     *  4  free 0                      160    160        96       96        64           64     64
     *  5  free 1                      160    160        64       64        64,32        96     64
     *  6  alloc 3 150 (160) [160,320) 320    320       214      224        64,32        96     64   <- peak live
     *  7  free 2                      320    320       150      160        64,32,64    160     64
     *  8  free 3 (top)                160    320         0        0        64,32,64    320    160
     */
    private static LoadedTrace sixHoles() {
        return new ListTrace("holes").alloc(0, 64, 8).alloc(1, 32, 8).alloc(2, 64, 8).free(0).free(1)
            .alloc(3, 150, 8).free(2).free(3).load();
    }

    @Test
    void shouldComputeUtilizationAndJohnstoneWilsonFragmentationFromThePeaks() {
        MemoryMetrics m = new MeasuringReplay(new GranuleBumpAllocator(HEAP), sixHoles(), true, 4).run().memory();
        assertEquals(214, m.peakLiveBytes());
        assertEquals(320, m.peakFootprintBytes());
        assertEquals(214.0 / 320, m.utilization(), EPS);
        assertEquals(320.0 / 214 - 1, m.fragmentation(), EPS);
    }

    @Test
    void shouldMeasureInternalFragmentationAsGrantedMinusRequestedAtPeakLive() {
        MemoryMetrics m = new MeasuringReplay(new GranuleBumpAllocator(HEAP), sixHoles(), true, 4).run().memory();
        assertEquals(224 - 214, m.internalFragmentationBytes());
    }

    @Test
    void shouldMeasureExternalFragmentationAtPeakLiveAsOneMinusLargestFreeOverFree() {
        MemoryMetrics m = new MeasuringReplay(new GranuleBumpAllocator(HEAP), sixHoles(), true, 4).run().memory();
        assertEquals(1 - 64.0 / 96, m.externalFragmentation(), EPS);
    }

    @Test
    void shouldSampleTheTimelineEveryKOperations() {
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(HEAP), sixHoles(), true, 4).run();
        // K = ceil(8 / 4) = 2: samples after ops 2, 4, 6, 8.
        assertEquals(List.of(
            new TimelinePoint(2, 96, 96, 0.0),
            new TimelinePoint(4, 96, 160, 0.0),
            new TimelinePoint(6, 214, 320, 1 - 64.0 / 96),
            new TimelinePoint(8, 0, 320, 1 - 160.0 / 320)), outcome.timeline());
        assertEquals((0 + 0 + (1 - 64.0 / 96) + 0.5) / 4, outcome.memory().externalFragmentationMean(), EPS);
    }

    @Test
    void shouldCountEveryOperationKind() {
        OperationCounts c = new MeasuringReplay(new GranuleBumpAllocator(HEAP), sixHoles(), true, 4).run().counts();
        assertEquals(new OperationCounts(8, 4, 4, 0, 0, 0, 0, 0, 0), c);
    }

    @Test
    void shouldRecordFailedAllocationsAndSkipTheirFreesWithoutStopping() {
        // Heap 128: alloc 0 takes 112 bytes, alloc 1 (64) cannot fit, so its free is skipped; alloc 2 (16) fits.
        LoadedTrace trace = new ListTrace("tight").alloc(0, 100, 8).alloc(1, 64, 8).free(1).alloc(2, 16, 8)
            .free(0).free(2).load();
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(128), trace, true, 10).run();
        assertEquals(new OperationCounts(6, 2, 2, 0, 0, 1, 1, 0, 0), outcome.counts());
        assertEquals(116, outcome.memory().peakLiveBytes());
        assertEquals("", outcome.problem());
    }

    @Test
    void shouldTellReallocationsInPlaceFromMovedOnes() {
        // 0: [0,32) -> grows in place to [0,64); 1: [64,80); 0 grows to 128: not the top block, moves to [80,208);
        // 1 grows to 48: no longer the top block, moves to [208,256).
        LoadedTrace trace = new ListTrace("realloc").alloc(0, 32, 8).realloc(0, 64).alloc(1, 16, 8).realloc(0, 128)
            .realloc(1, 48).free(0).free(1).load();
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(HEAP), trace, true, 10).run();
        assertEquals(1, outcome.counts().reallocsInPlace());
        assertEquals(2, outcome.counts().reallocsMoved());
        assertEquals(128 + 48, outcome.memory().peakLiveBytes());
        assertEquals(256, outcome.memory().peakFootprintBytes());
        assertEquals("", outcome.problem());
    }

    @Test
    void shouldCountTraceErrorsAndSkipThem() {
        LoadedTrace trace = new ListTrace("bad").free(5).alloc(0, 16, 8).alloc(0, 16, 8).realloc(3, 8).free(0)
            .alloc(1, 16, 3).load();
        assertEquals(4, trace.traceErrors());
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(HEAP), trace, true, 10).run();
        assertEquals(new OperationCounts(6, 1, 1, 0, 0, 0, 0, 4, 0), outcome.counts());
    }

    @Test
    void shouldCatchAnAllocatorThatHandsOutOverlappingBlocks() {
        LoadedTrace trace = new ListTrace("overlap").alloc(0, 32, 8).alloc(1, 16, 8).free(0).free(1).load();
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(HEAP, true, false), trace, true, 10).run();
        assertEquals("op 2: block 0 (32 bytes at 0) changed at byte 8 before it was freed", outcome.problem());
        assertEquals(1, outcome.counts().verifyErrors());
    }

    @Test
    void shouldCatchAReallocationThatDoesNotPreserveTheBlock() {
        LoadedTrace trace = new ListTrace("nocopy").alloc(0, 32, 8).alloc(1, 16, 8).realloc(0, 64).free(0).free(1)
            .load();
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(HEAP, false, true), trace, true, 10).run();
        assertEquals("op 2: realloc of block 0 from 32 to 64 bytes did not preserve byte 0", outcome.problem());
    }

    @Test
    void shouldNotNoticeCorruptionWhenVerificationIsOff() {
        LoadedTrace trace = new ListTrace("overlap").alloc(0, 32, 8).alloc(1, 16, 8).free(0).free(1).load();
        ReplayOutcome outcome = new MeasuringReplay(new GranuleBumpAllocator(HEAP, true, false), trace, false, 10).run();
        assertTrue(outcome.clean());
        assertEquals(0, outcome.counts().verifyErrors());
    }
}
