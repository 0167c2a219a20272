package io.heaplab.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.heaplab.trace.TraceTestSupport.readAll;
import static io.heaplab.trace.TraceTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTraceReaderTest {

    private static final String VALID = """
        %heaplab-trace 1
        # a comment before the header directives
        %name demo
        %source hand-written: for the test
        %ops 4
        %ids 2
        %attr import.unknown-frees 3
        %attr note with spaces in the value

        alloc 0 24 16      # trailing comment
        alloc 1 0 1 tid=7
        realloc 0 48 ns=1500
        \tfree   0   tid=2 ns=2000\r
        """;

    @Test
    void shouldReadTheHeaderDirectives() throws IOException {
        TraceHeader header = text(VALID).header();
        assertEquals(new TraceHeader("demo", "hand-written: for the test", 4, 2,
            Map.of("import.unknown-frees", "3", "note", "with spaces in the value")), header);
    }

    @Test
    void shouldReadOperationsWithOptionalThreadAndTimeColumns() throws IOException {
        assertEquals(List.of("alloc 0 24 16", "alloc 1 0 1 tid=7", "realloc 0 48 ns=1500", "free 0 tid=2 ns=2000"),
            readAll(text(VALID)));
    }

    @Test
    void shouldReportPositionAsFileAndLine() throws IOException {
        TraceReader reader = text(VALID);
        TraceEvent event = new TraceEvent();
        reader.next(event);
        assertEquals("t.trace:10", reader.position());
        reader.next(event);
        assertEquals("t.trace:11", reader.position());
    }

    @Test
    void shouldAcceptATraceWithoutOptionalDirectives() throws IOException {
        TraceReader reader = text("%heaplab-trace 1\nalloc 0 8 8\nfree 0\n");
        assertEquals(new TraceHeader("", "", -1, -1, Map.of()), reader.header());
        assertEquals(List.of("alloc 0 8 8", "free 0"), readAll(reader));
    }

    @Test
    void shouldEndAfterTheLastOperation() throws IOException {
        TraceReader reader = text("%heaplab-trace 1\n");
        assertFalse(reader.next(new TraceEvent()));
        assertFalse(reader.next(new TraceEvent()));
    }

    @Test
    void shouldRejectAMissingMagicLine() {
        assertEquals("t.trace:1: expected '%heaplab-trace 1' on the first line, found 'alloc 0 8 8'",
            failure("alloc 0 8 8\n"));
    }

    @Test
    void shouldRejectAnEmptyFile() {
        assertEquals("t.trace:1: expected '%heaplab-trace 1', found an empty file", failure(""));
    }

    @Test
    void shouldRejectAnotherVersion() {
        assertEquals("t.trace:1: unsupported trace version '%heaplab-trace 2'; this heaplab reads '%heaplab-trace 1'",
            failure("%heaplab-trace 2\n"));
    }

    @Test
    void shouldRejectAnIncompleteAlloc() {
        assertEquals("t.trace:3: expected 'alloc ID SIZE ALIGN', found 'alloc 3 16'",
            failure("%heaplab-trace 1\nalloc 0 8 8\nalloc 3 16\n"));
    }

    @Test
    void shouldRejectAnUnknownOperation() {
        assertEquals("t.trace:2: unknown operation 'malloc'; expected alloc, free or realloc",
            failure("%heaplab-trace 1\nmalloc 0 8\n"));
    }

    @Test
    void shouldRejectANegativeSize() {
        assertEquals("t.trace:2: size -5 is negative in 'alloc 0 -5 8'", failure("%heaplab-trace 1\nalloc 0 -5 8\n"));
    }

    @Test
    void shouldRejectAnAbsurdSize() {
        assertEquals("t.trace:2: size 2000000000000 is absurd (limit 1099511627776 bytes) in 'realloc 0 2000000000000'",
            failure("%heaplab-trace 1\nrealloc 0 2000000000000\n"));
    }

    @Test
    void shouldRejectAnAlignmentThatIsNotAPowerOfTwo() {
        assertEquals("t.trace:2: alignment 24 is not a power of two in 'alloc 0 8 24'",
            failure("%heaplab-trace 1\nalloc 0 8 24\n"));
    }

    @Test
    void shouldRejectAnIdAtOrAboveTheHeadersIdCount() {
        assertEquals("t.trace:3: id 2 is not below the header's id count 2 in 'free 2'",
            failure("%heaplab-trace 1\n%ids 2\nfree 2\n"));
    }

    @Test
    void shouldRejectANegativeId() {
        assertEquals("t.trace:2: id -1 is negative in 'free -1'", failure("%heaplab-trace 1\nfree -1\n"));
    }

    @Test
    void shouldRejectANumberWithGarbage() {
        assertEquals("t.trace:2: expected a number, found '12x' in 'free 12x'", failure("%heaplab-trace 1\nfree 12x\n"));
    }

    @Test
    void shouldRejectAnOverflowingNumber() {
        assertEquals("t.trace:2: number too large in 'free 99999999999999999999'",
            failure("%heaplab-trace 1\nfree 99999999999999999999\n"));
    }

    @Test
    void shouldRejectExtraColumns() {
        assertEquals("t.trace:2: unexpected 'extra' in 'free 1 extra'; expected at most 'tid=N ns=N' after the "
            + "operation", failure("%heaplab-trace 1\nfree 1 extra\n"));
    }

    @Test
    void shouldRejectATruncatedTrace() {
        assertEquals("t.trace:3: trace ends after 1 operations but the header says '%ops 2' (truncated file?)",
            failure("%heaplab-trace 1\n%ops 2\nalloc 0 8 8\n"));
    }

    @Test
    void shouldRejectMoreOperationsThanTheHeaderSays() {
        assertEquals("t.trace:4: more operations than the header's '%ops 1'",
            failure("%heaplab-trace 1\n%ops 1\nalloc 0 8 8\nfree 0\n"));
    }

    @Test
    void shouldRejectADirectiveAfterTheFirstOperation() {
        assertEquals("t.trace:3: directive '%name' after the first operation; directives belong before it",
            failure("%heaplab-trace 1\nalloc 0 8 8\n%name late\n"));
    }

    @Test
    void shouldRejectAnUnknownDirective() {
        assertEquals("t.trace:2: unknown directive '%nmae'; expected %name, %source, %ops, %ids or %attr",
            failure("%heaplab-trace 1\n%nmae x\n"));
    }

    @Test
    void shouldRejectALineLongerThanTheLimitWithoutBufferingIt() {
        String longLine = "free " + "1".repeat(TraceLimits.MAX_LINE_BYTES);
        assertEquals("t.trace:2: line longer than 4096 bytes; expected one operation per line",
            failure("%heaplab-trace 1\n" + longLine + "\n"));
    }

    private static String failure(String content) {
        return assertThrows(TraceFormatException.class, () -> readAll(text(content))).getMessage();
    }
}
