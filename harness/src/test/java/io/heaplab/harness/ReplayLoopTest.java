package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayLoopTest {

    /** A seeded random trace: 2000 ops over at most 64 live blocks of 1..600 bytes, with reallocs; ends empty. */
    static LoadedTrace randomTrace(long seed) {
        Random random = new Random(seed);
        ListTrace t = new ListTrace("random-" + seed, 64);
        boolean[] live = new boolean[64];
        for (int i = 0; i < 2000; i++) {
            int id = random.nextInt(64);
            if (!live[id]) {
                t.alloc(id, 1 + random.nextInt(600), 1L << random.nextInt(5));
                live[id] = true;
            } else if (random.nextInt(4) == 0) {
                t.realloc(id, 1 + random.nextInt(900));
            } else {
                t.free(id);
                live[id] = false;
            }
        }
        for (int id = 0; id < 64; id++) {
            if (live[id]) {
                t.free(id);
            }
        }
        return t.load();
    }

    @Test
    void shouldCountFailedAllocationsAndSkipTheirFrees() {
        LoadedTrace trace = new ListTrace("tight").alloc(0, 100, 8).alloc(1, 64, 8).free(1).free(0).load();
        try (Allocator a = new GranuleBumpAllocator(128)) {
            long[] addresses = ReplayLoop.newAddressMap(trace);
            assertEquals(1, ReplayLoop.replay(a, trace, addresses));
            assertEquals(0, a.stats().liveBlocks());
        }
    }

    @Test
    void shouldReplayEveryResearchAllocatorWithoutCorruption() {
        LoadedTrace trace = randomTrace(42);
        for (AllocatorSpec spec : AllocatorRegistry.load().ofKind(AllocatorSpec.Kind.RESEARCH)) {
            try (Allocator a = spec.create(1 << 22)) {
                ReplayOutcome outcome = new MeasuringReplay(a, trace, true, 10).run();
                assertEquals("", outcome.problem(), spec.name());
                assertEquals(0, outcome.counts().verifyErrors(), spec.name());
            }
        }
    }

    @Test
    void shouldTimeOneOperationInEveryNWhenSampling() {
        LoadedTrace trace = randomTrace(7);
        Histogram h = new Histogram(ReplayLoop.MAX_LATENCY_NANOS, 2);
        try (Allocator a = new GranuleBumpAllocator(1 << 22)) {
            ReplayLoop.replaySampled(a, trace, ReplayLoop.newAddressMap(trace), 16, h);
        }
        assertEquals((trace.opCount() + 15) / 16, h.getTotalCount());
    }

    @Test
    void shouldRoundTripTheLoadedTraceFile() throws Exception {
        LoadedTrace trace = randomTrace(3);
        Path file = Files.createTempFile("heaplab-test-", ".bin");
        try {
            trace.writeTo(file);
            LoadedTrace back = LoadedTrace.readFrom(file);
            assertEquals(trace.name(), back.name());
            assertEquals(trace.opCount(), back.opCount());
            assertEquals(trace.slotCount(), back.slotCount());
            try (Allocator a = new GranuleBumpAllocator(1 << 22); Allocator b = new GranuleBumpAllocator(1 << 22)) {
                ReplayOutcome x = new MeasuringReplay(a, trace, true, 5).run();
                ReplayOutcome y = new MeasuringReplay(b, back, true, 5).run();
                assertEquals(x, y);
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void shouldSizeTheAddressMapByTheBlocksLiveAtOnceNotByTheLargestId() {
        LoadedTrace trace = new ListTrace("sparse").alloc(5000, 8, 8).free(5000).alloc(2_147_483_646L, 8, 8)
            .alloc(7, 8, 8).load();
        assertEquals(2, trace.slotCount());
        assertEquals(2, ReplayLoop.newAddressMap(trace).length);
        assertEquals(0, trace.traceErrors());
    }
}
