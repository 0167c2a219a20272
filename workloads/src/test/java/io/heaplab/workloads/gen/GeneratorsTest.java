package io.heaplab.workloads.gen;

import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceStats;
import io.heaplab.trace.Validation;
import io.heaplab.trace.ValidatingTraceReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorsTest {

    private static final long OPS = 20_000;

    static Stream<String> names() {
        return Generators.all().stream().map(Generators.Generator::name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldGenerateExactlyTheRequestedNumberOfValidOperationsWithDenseIds(String name) throws IOException {
        for (long ops : new long[] {0, 1, 2, 3, 7, OPS}) {
            try (TraceReader reader = new ValidatingTraceReader(Generators.find(name).orElseThrow().open(ops, 5),
                    Validation.STRICT)) {
                long idCount = reader.header().idCount();
                TraceEvent event = new TraceEvent();
                long count = 0;
                while (reader.next(event)) {
                    count++;
                    assertTrue(event.id < idCount, name + ": id " + event.id + " >= idCount " + idCount);
                    if (event.kind == OpKind.ALLOC) {
                        assertEquals(1, Long.bitCount(event.byteAlignment), name + ": alignment " + event.byteAlignment);
                    }
                }
                assertEquals(ops, count, name);
                assertEquals(ops, reader.header().opCount(), name);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldFreeEveryBlockByTheEndOfAnEvenLengthTrace(String name) throws IOException {
        try (TraceReader reader = Generators.find(name).orElseThrow().open(OPS, 5)) {
            TraceStats stats = TraceStats.of(reader);
            assertEquals(0, stats.neverFreedBlocks(), name);
            assertEquals(stats.peakLiveBlocks(), stats.idCount(), name + ": ids are dense (LIFO reuse)");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldBeReproducibleForASeedAndDifferForAnother(String name) throws IOException {
        Generators.Generator g = Generators.find(name).orElseThrow();
        assertEquals(fingerprint(g.open(OPS, 11)), fingerprint(g.open(OPS, 11)), name);
        assertNotEquals(fingerprint(g.open(OPS, 11)), fingerprint(g.open(OPS, 12)), name);
    }

    @Test
    void shouldFollowTheDefeatBuddyPatternOfSmallPowerOfTwoAndLargeOddSizes() throws IOException {
        Set<Long> sizes = new HashSet<>();
        try (TraceReader reader = Generators.find("defeat-buddy").orElseThrow().open(OPS, 1)) {
            TraceEvent e = new TraceEvent();
            while (reader.next(e)) {
                if (e.kind == OpKind.ALLOC) {
                    sizes.add(e.byteSize);
                    assertEquals(8, e.byteAlignment);
                }
            }
        }
        assertTrue(Set.of(16L, 112L, 128L, 64L, 448L, 512L).containsAll(sizes), sizes.toString());
    }

    @Test
    void shouldAskForTheSumOfTwoFreedNeighboursInCoalescing() throws IOException {
        try (TraceReader reader = Generators.find("coalescing").orElseThrow().open(14, 3)) {
            TraceEvent e = new TraceEvent();
            List<String> first = new java.util.ArrayList<>();
            while (reader.next(e) && first.size() < 7) {
                first.add(e.kind + " " + e.id + " " + e.byteSize);
            }
            long s = Long.parseLong(first.get(0).split(" ")[2]);
            assertEquals(List.of("ALLOC 0 " + s, "ALLOC 1 " + s, "FREE 0 0", "FREE 1 0", "ALLOC 1 " + 2 * s,
                "ALLOC 0 16", "FREE 1 0"), first);
        }
    }

    @Test
    void shouldGrowRustVecsByAmortizedDoubling() throws IOException {
        try (TraceReader reader = Generators.find("vec-push").orElseThrow().open(OPS, 2)) {
            long[] size = new long[64];
            TraceEvent e = new TraceEvent();
            int grows = 0;
            while (reader.next(e)) {
                if (e.kind == OpKind.ALLOC) {
                    size[(int) e.id] = e.byteSize;
                } else if (e.kind == OpKind.REALLOC) {
                    assertTrue(e.byteSize >= 2 * size[(int) e.id] || e.byteSize == size[(int) e.id],
                        "realloc from " + size[(int) e.id] + " to " + e.byteSize);
                    size[(int) e.id] = e.byteSize;
                    grows++;
                }
            }
            assertTrue(grows > 1000);
        }
    }

    private static long fingerprint(TraceReader reader) throws IOException {
        long hash = 17;
        try (reader) {
            TraceEvent e = new TraceEvent();
            while (reader.next(e)) {
                hash = hash * 31 + e.kind.ordinal();
                hash = hash * 31 + e.id;
                hash = hash * 31 + e.byteSize;
                hash = hash * 31 + e.byteAlignment;
                hash = hash * 31 + e.threadId;
            }
        }
        return hash;
    }
}
