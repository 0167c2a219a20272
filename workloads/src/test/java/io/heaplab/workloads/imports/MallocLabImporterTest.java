package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.heaplab.workloads.imports.ImportTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Small malloc-lab traces written for the test (the course's traces may not be copied). */
class MallocLabImporterTest {

    /** 2002 handout header: sugg_heapsize, num_ids, num_ops, weight. */
    private static final String HANDOUT_2002 = """
        20000
        3
        8
        1
        a 0 512
        a 1 128
        r 0 640
        a 2 128
        f 1
        r 0 768
        f 0
        f 2
        """;

    @TempDir
    Path dir;

    @Test
    void shouldImportTheFourLineHeaderWithDenseReusedIdsAndAlignment8() throws IOException {
        Path rep = write("short.rep", HANDOUT_2002);
        assertEquals(List.of("alloc 0 512 8", "alloc 1 128 8", "realloc 0 640", "alloc 2 128 8", "free 1",
            "realloc 0 768", "free 0", "free 2"), readAll(Importer.MALLOCLAB.open(rep)));
    }

    @Test
    void shouldWriteTheDeclaredCountsAndIdCountIntoTheHeader() throws IOException {
        Path out = dir.resolve("short.trace");
        TraceHeader header = Imports.convert(Importer.MALLOCLAB, write("short.rep", HANDOUT_2002), out,
            TraceFormat.TEXT, null);
        assertEquals(new TraceHeader("short", "malloc-lab: short.rep", 8, 3,
            Map.of("malloclab.num-ids", "3", "malloclab.num-ops", "8")), header);
        try (TraceReader reader = Traces.open(out)) {
            assertEquals(header, reader.header());
        }
    }

    @Test
    void shouldAcceptThe2016HeaderAndTheTwoLineHeader() throws IOException {
        // 2016 CMU: weight, num_ids, num_ops, max_alloc; xv6 port: num_ids, num_ops.
        assertEquals(List.of("alloc 0 16 8", "free 0"),
            readAll(Importer.MALLOCLAB.open(write("a.rep", "1\n1\n2\n16\na 0 16\nf 0\n"))));
        assertEquals(List.of("alloc 0 16 8", "free 0"),
            readAll(Importer.MALLOCLAB.open(write("b.rep", "1\n2\na 0 16\nf 0\n"))));
    }

    @Test
    void shouldMapReallocOfNullToAllocReallocToZeroToFreeAndCountThem() throws IOException {
        // As in realloc2-bal: 'r 1 16' before any 'a 1', and 'r 1 0'.
        Path rep = write("r.rep", "0\n2\n5\n1\nr 1 16\nr 1 32\nr 1 0\nf -1\nf 1\n");
        assertEquals(List.of("alloc 0 16 8", "realloc 0 32", "free 0"), readAll(Importer.MALLOCLAB.open(rep)));
        TraceHeader header = Imports.scan(Importer.MALLOCLAB, rep, null);
        assertEquals("1", header.attributes().get("import.realloc-as-alloc"));
        assertEquals("1", header.attributes().get("import.realloc-to-zero-as-free"));
        assertEquals("2", header.attributes().get("import.unknown-frees"));
        assertEquals(3, header.opCount());
    }

    @Test
    void shouldKeepTheOldBlockLiveWhenALiveIdIsAllocatedAgain() throws IOException {
        Path rep = write("dup.rep", "2\n3\na 0 8\na 0 24\nf 0\n");
        assertEquals(List.of("alloc 0 8 8", "alloc 1 24 8", "free 1"), readAll(Importer.MALLOCLAB.open(rep)));
        assertEquals("1", Imports.scan(Importer.MALLOCLAB, rep, null).attributes().get("import.alloc-of-live-id"));
    }

    @Test
    void shouldNameFileAndLineOfAMalformedRequest() throws IOException {
        Path rep = write("bad.rep", "1\n2\na 0 16\nx 0\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> readAll(Importer.MALLOCLAB.open(rep)));
        assertEquals(rep + ":4: unknown request 'x'; expected 'a ID BYTES', 'r ID BYTES' or 'f ID'", e.getMessage());
    }

    @Test
    void shouldNameFileAndLineOfAnIncompleteRequest() throws IOException {
        Path rep = write("bad.rep", "1\n2\na 0\n");
        assertEquals(rep + ":3: expected 'a ID BYTES', found 'a 0'",
            assertThrows(TraceFormatException.class, () -> readAll(Importer.MALLOCLAB.open(rep))).getMessage());
    }

    @Test
    void shouldRejectAHeaderOfThreeNumbers() throws IOException {
        Path rep = write("bad.rep", "1\n2\n3\na 0 16\n");
        assertEquals(rep + ":4: expected a header of 2 numbers (num_ids, num_ops) or 4 (with num_ids and num_ops "
            + "second and third) before the first request, found 3",
            assertThrows(TraceFormatException.class, () -> readAll(Importer.MALLOCLAB.open(rep))).getMessage());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
