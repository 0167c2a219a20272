package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.heaplab.workloads.imports.ImportTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An input from which no operation can be imported is refused, naming the file and the expected format. */
class NothingToImportTest {

    private static final String MALLOCLAB_EXPECTED = "expected a CS:APP malloc-lab trace (a header of 2 or 4 "
        + "numbers, then 'a ID BYTES', 'r ID BYTES' and 'f ID' lines)";
    private static final String HEAPTRACK_EXPECTED = "expected a heaptrack raw recording ('+ SIZE TRACE PTR' and "
        + "'- PTR' lines, made with 'heaptrack --raw')";
    private static final String MTRACE_EXPECTED = "expected a glibc mtrace log ('@ CALLER + 0xPTR 0xSIZE' and "
        + "'@ CALLER - 0xPTR' lines)";
    private static final String REP = "20000\n2\n4\n1\na 0 16\na 1 24\nf 0\nf 1\n";
    private static final String MTRACE = "= Start\n@ ./a.out:[0x4005e1] + 0x1a2b010 0x10\n"
        + "@ ./a.out:[0x4005f1] - 0x1a2b010\n= End\n";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAMallocLabTraceReadAsHeaptrackOrMtrace() throws IOException {
        Path rep = write("t.rep", REP);
        assertEquals(rep + ": none of its 8 lines is an operation heaplab can import; " + HEAPTRACK_EXPECTED,
            refusal(Importer.HEAPTRACK, rep));
        assertEquals(rep + ": none of its 8 lines is an operation heaplab can import; " + MTRACE_EXPECTED,
            refusal(Importer.MTRACE, rep));
    }

    @Test
    void shouldRefuseAnMtraceLogReadAsHeaptrack() throws IOException {
        Path log = write("t.mtrace", MTRACE);
        assertEquals(log + ": none of its 4 lines is an operation heaplab can import; " + HEAPTRACK_EXPECTED,
            refusal(Importer.HEAPTRACK, log));
    }

    @Test
    void shouldRefuseEmptyFilesOfEveryFormat() throws IOException {
        Path empty = write("empty.rep", "");
        assertEquals(empty + ": the file is empty; " + MALLOCLAB_EXPECTED, refusal(Importer.MALLOCLAB, empty));
        assertEquals(empty + ": the file is empty; " + HEAPTRACK_EXPECTED, refusal(Importer.HEAPTRACK, empty));
        assertEquals(empty + ": the file is empty; " + MTRACE_EXPECTED, refusal(Importer.MTRACE, empty));
    }

    @Test
    void shouldRefuseAMallocLabTraceWithAHeaderButNoMappedRequest() throws IOException {
        Path headerOnly = write("h.rep", "20000\n0\n0\n1\n");
        assertEquals(headerOnly + ": none of its 4 lines is an operation heaplab can import; " + MALLOCLAB_EXPECTED,
            refusal(Importer.MALLOCLAB, headerOnly));
        Path unknownFrees = write("f.rep", "1\n2\nf -1\nf 0\n");
        assertEquals(unknownFrees + ": none of its 4 lines is an operation heaplab can import; "
            + MALLOCLAB_EXPECTED, refusal(Importer.MALLOCLAB, unknownFrees));
    }

    @Test
    void shouldWriteNoOutputWhenNothingCanBeImported() throws IOException {
        Path rep = write("t.rep", REP);
        Path out = dir.resolve("t.hltrace");
        assertThrows(TraceFormatException.class,
            () -> Imports.convert(Importer.MTRACE, rep, out, TraceFormat.BINARY, null));
        assertFalse(Files.exists(out), "nothing is written before the scan succeeds");
    }

    @Test
    void shouldTakeMallocLabHeaderCountsAsHintsNotAsSizes() throws IOException {
        // Both header shapes with absurd declared counts: nothing is sized from them, they are only recorded.
        Path four = write("four.rep", "20000\n2000000000\n2000000000\n1\na 0 16\nf 0\n");
        Path two = write("two.rep", "2000000000\n9000000000000000000\na 0 16\nf 0\n");
        assertEquals(List.of("alloc 0 16 8", "free 0"), readAll(Importer.MALLOCLAB.open(four)));
        assertEquals(List.of("alloc 0 16 8", "free 0"), readAll(Importer.MALLOCLAB.open(two)));
        TraceHeader header = Imports.scan(Importer.MALLOCLAB, two, null);
        assertEquals(2, header.opCount());
        assertEquals(1, header.idCount());
        assertEquals("9000000000000000000", header.attributes().get("malloclab.num-ops"));
    }

    private static String refusal(Importer importer, Path input) {
        return assertThrows(TraceFormatException.class, () -> Imports.scan(importer, input, null)).getMessage();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
