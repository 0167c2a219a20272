package io.heaplab.workloads;

import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceStats;
import io.heaplab.trace.Validation;
import io.heaplab.trace.ValidatingTraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadCatalogTest {

    private final WorkloadCatalog catalog = WorkloadCatalog.builtIn();

    @Test
    void shouldShipTheRecordedProgramsAndEveryGenerator() {
        List<String> recorded = catalog.all().stream().filter(w -> w.kind() == Workload.Kind.RECORDED)
            .map(Workload::name).toList();
        assertEquals(List.of("python-strings", "python-dict", "cc1-compile", "perl-wordcount", "c-wordfreq",
            "sort-lines"), recorded);
        assertEquals(19, catalog.all().size());
        Set<String> names = new HashSet<>();
        for (Workload w : catalog.all()) {
            assertTrue(names.add(w.name()), "duplicate name " + w.name());
            assertFalse(w.description().isBlank() || w.description().contains("\n"), w.name());
        }
    }

    @Test
    void shouldOfferASuiteOfRecordedAndMallocLabLikeWorkloadsOfModerateSize() throws IOException {
        List<Workload> suite = catalog.suite();
        assertEquals(List.of("python-strings", "cc1-compile", "uniform-random", "defeat-buddy", "coalescing",
            "realloc-growth", "shuffled-free"), suite.stream().map(Workload::name).toList());
        for (Workload w : suite) {
            try (TraceReader reader = w.open()) {
                long ops = reader.header().opCount();
                assertTrue(ops >= 20_000 && ops <= 300_000, w.name() + " has " + ops + " ops");
            }
        }
    }

    @Test
    void shouldOpenEveryWorkloadAsAStrictlyValidTraceWithKnownCountsAndPowerOfTwoAlignments() throws IOException {
        for (Workload w : catalog.all()) {
            try (TraceReader reader = new ValidatingTraceReader(w.open(), Validation.STRICT)) {
                long idCount = reader.header().idCount();
                assertTrue(idCount > 0, w.name());
                TraceEvent e = new TraceEvent();
                long ops = 0;
                while (reader.next(e)) {
                    ops++;
                    assertTrue(e.id < idCount, w.name());
                    if (e.kind == OpKind.ALLOC) {
                        assertEquals(1, Long.bitCount(e.byteAlignment), w.name());
                    }
                }
                assertEquals(reader.header().opCount(), ops, w.name());
            }
        }
    }

    @Test
    void shouldRecordPythonWithHundredsOfThousandsOfOperationsAndMallocAlignment() throws IOException {
        try (TraceReader reader = catalog.find("python-strings").orElseThrow().open()) {
            TraceStats stats = TraceStats.of(reader);
            assertTrue(stats.opCount() > 200_000, stats.summaryLine());
            assertTrue(stats.distinctSizes() > 100, stats.summaryLine());
        }
    }

    @Test
    void shouldOpenABuiltInByNameAndElseATraceFile(@TempDir Path dir) throws IOException {
        try (TraceReader reader = WorkloadCatalog.open("coalescing")) {
            assertEquals("coalescing", reader.header().name());
        }
        Path file = Files.writeString(dir.resolve("x.trace"), "%heaplab-trace 1\n%name mine\nalloc 0 8 8\nfree 0\n");
        try (TraceReader reader = WorkloadCatalog.open(file.toString())) {
            assertEquals("mine", reader.header().name());
        }
    }

    @Test
    void shouldListTheBuiltInNamesWhenTheWorkloadIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> WorkloadCatalog.open("no-such-workload"));
        assertEquals("unknown workload 'no-such-workload': neither a built-in workload (python-strings, python-dict, "
            + "cc1-compile, perl-wordcount, c-wordfreq, sort-lines, fixed-lifo, uniform-random, exponential-fifo, "
            + "powerlaw-lifetime, mixture-random, phased, producer-consumer, defeat-buddy, coalescing, realloc-growth, "
            + "vec-push, vec-with-capacity, shuffled-free) nor a trace file", e.getMessage());
    }
}
