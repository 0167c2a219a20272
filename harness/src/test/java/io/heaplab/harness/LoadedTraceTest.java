package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.trace.TextTraceReader;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import io.heaplab.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading is bounded by what a trace holds, never by what its header claims; long traces are streamed. */
class LoadedTraceTest {

    private static final int C = OpChunk.CAPACITY;

    private static LoadedTrace loadText(String text) throws IOException {
        try (TraceReader r = Traces.openUnchecked(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.hltrace")) {
            return LoadedTrace.load("t", r);
        }
    }

    @Test
    void shouldNotAllocateTheOperationsAHeaderDeclaresBeforeTheyAreRead() {
        // Before: arrays for 2,000,000,000 operations were allocated up front (OutOfMemoryError).
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> loadText(
            TextTraceReader.MAGIC_LINE + "\n%ops 2000000000\nalloc 0 16 16\nfree 0\n"));
        assertEquals("t.hltrace:4: trace ends after 2 operations but the header says '%ops 2000000000' (truncated file?)",
            e.getMessage());
    }

    @Test
    void shouldNotAllocateTheIdsAHeaderDeclares() throws IOException {
        LoadedTrace trace = loadText(TextTraceReader.MAGIC_LINE + "\n%ids 2000000000\nalloc 0 16 16\nfree 0\n");
        assertEquals(2, trace.opCount());
        assertEquals(1, trace.slotCount());
    }

    @Test
    void shouldAcceptEveryIdThatTraceValidationAccepts() throws IOException {
        // Before: ids above Integer.MAX_VALUE - 16 were refused, and 2147483628 allocated a 16 GiB id map.
        LoadedTrace trace = loadText(TextTraceReader.MAGIC_LINE
            + "\nalloc 2147483628 16 16\nalloc 2147483646 32 8\nfree 2147483628\nfree 2147483646\n");
        assertEquals(4, trace.opCount());
        assertEquals(0, trace.traceErrors());
        assertEquals(2, trace.slotCount());
        try (Allocator a = new GranuleBumpAllocator(1 << 16)) {
            assertEquals(0, ReplayLoop.replay(a, trace, ReplayLoop.newAddressMap(trace)));
        }
    }

    @Test
    void shouldIgnoreAHeaderThatLiesAboutItsCounts() throws IOException {
        TraceReader lying = new ListTrace("lying", 2_000_000_000L).alloc(0, 16, 16).free(0);
        TraceReader reader = new TraceReader() {
            @Override
            public TraceHeader header() {
                return new TraceHeader("lying", "test", 2_000_000_000L, 2_000_000_000L, Map.of());
            }

            @Override
            public boolean next(TraceEvent event) throws IOException {
                return lying.next(event);
            }

            @Override
            public String position() {
                return lying.position();
            }

            @Override
            public void close() {
            }
        };
        LoadedTrace trace = LoadedTrace.load("lying", reader);
        assertEquals(2, trace.opCount());
        assertTrue(trace.inMemory());
    }

    @Test
    void shouldRefuseATraceWhoseLiveBlocksDoNotFitTheHeapWithOneLine() {
        ListTrace t = new ListTrace("wide");
        for (int id = 0; id < 20_000; id++) {
            t.alloc(id, 8, 8);
        }
        TraceTooLargeException e = assertThrows(TraceTooLargeException.class,
            () -> LoadedTrace.load("wide", t, C, 1 << 20));
        assertEquals("trace 'wide' does not fit in memory: after 4096 operations it has 4097 blocks live at once,"
            + " which need about 2 MiB of Java heap; this JVM may use 1 MiB (raise it with HEAPLAB_JAVA_OPTS=-Xmx1g)",
            e.getMessage());
    }

    /** A random trace of {@code ops} operations over at most 300 live blocks, with sparse huge ids. */
    private static ListTrace randomTrace(String name, int ops, long seed) {
        Random random = new Random(seed);
        ListTrace t = new ListTrace(name);
        long[] ids = new long[300];
        boolean[] live = new boolean[300];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = random.nextLong(2_147_483_647L);
        }
        for (int i = 0; i < ops; i++) {
            int k = random.nextInt(ids.length);
            if (!live[k]) {
                t.alloc(ids[k], 1 + random.nextInt(300), 1L << random.nextInt(4));
                live[k] = true;
            } else if (random.nextInt(3) == 0) {
                t.realloc(ids[k], 1 + random.nextInt(500));
            } else {
                t.free(ids[k]);
                live[k] = false;
            }
        }
        return t;
    }

    @Test
    void shouldStreamALongTraceFromATemporaryFileAndReplayItAsInMemory(@TempDir Path dir) throws IOException {
        int ops = 3 * C + 123;
        LoadedTrace inMemory = LoadedTrace.load("r", randomTrace("r", ops, 5), 4L * C, Long.MAX_VALUE);
        LoadedTrace streamed = LoadedTrace.load("r", randomTrace("r", ops, 5), C, Long.MAX_VALUE);
        assertTrue(inMemory.inMemory());
        assertFalse(streamed.inMemory());
        assertEquals(ops, streamed.opCount());
        assertEquals(inMemory.slotCount(), streamed.slotCount());
        assertEquals(inMemory.peakLiveOpCount(), streamed.peakLiveOpCount());
        try (Allocator a = new GranuleBumpAllocator(1 << 24); Allocator b = new GranuleBumpAllocator(1 << 24)) {
            assertEquals(new MeasuringReplay(a, inMemory, true, 7).run(),
                new MeasuringReplay(b, streamed, true, 7).run());
        }
        // Handed to a fork: the file is linked and read back streamed, or into memory when it is allowed to be.
        Path file = dir.resolve("handed.bin");
        streamed.writeTo(file);
        LoadedTrace backStreamed = LoadedTrace.readFrom(file, C);
        LoadedTrace backInMemory = LoadedTrace.readFrom(file, 4L * C);
        assertFalse(backStreamed.inMemory());
        assertTrue(backInMemory.inMemory());
        try (Allocator a = new GranuleBumpAllocator(1 << 24); Allocator b = new GranuleBumpAllocator(1 << 24);
             Allocator c = new GranuleBumpAllocator(1 << 24)) {
            ReplayOutcome expected = new MeasuringReplay(a, inMemory, true, 3).run();
            assertEquals(expected, new MeasuringReplay(b, backStreamed, true, 3).run());
            assertEquals(expected, new MeasuringReplay(c, backInMemory, true, 3).run());
        }
    }

    @Test
    void shouldReplayAStreamedTraceManyTimesWithTheSameResult() throws IOException {
        LoadedTrace streamed = LoadedTrace.load("r", randomTrace("r", 2 * C + 5, 9), C, Long.MAX_VALUE);
        try (Allocator a = new GranuleBumpAllocator(1 << 16)) {
            long[] addresses = ReplayLoop.newAddressMap(streamed);
            boolean resettable = ReplayLoop.supportsReset(a);
            long first = ReplayLoop.replay(a, streamed, addresses);
            ReplayLoop.release(a, resettable, streamed, addresses);
            for (int run = 0; run < 3; run++) {
                assertEquals(first, ReplayLoop.replay(a, streamed, addresses));
                ReplayLoop.release(a, resettable, streamed, addresses);
            }
        }
    }

    @Test
    void shouldKeepASmallTraceInMemoryWithoutATemporaryFile() throws IOException {
        LoadedTrace trace = LoadedTrace.load("small", randomTrace("small", 1000, 1));
        assertTrue(trace.inMemory());
        assertEquals(1, trace.chunkCount());
        assertEquals(1000, trace.chunk(0).kinds.length);
    }
}
