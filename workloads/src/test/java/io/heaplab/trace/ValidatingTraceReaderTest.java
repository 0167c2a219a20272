package io.heaplab.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.heaplab.trace.TraceTestSupport.readAll;
import static io.heaplab.trace.TraceTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValidatingTraceReaderTest {

    private static final String BAD = """
        %heaplab-trace 1
        alloc 0 8 8
        free 1
        alloc 0 16 8
        realloc 2 32
        free 0
        free 0
        alloc 0 24 8
        """;

    @Test
    void shouldRejectAFreeOfAnIdThatIsNotLiveWhenStrict() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> readAll(new ValidatingTraceReader(text(BAD), Validation.STRICT)));
        assertEquals("t.trace:3: free of id 1, which is not live", e.getMessage());
        assertEquals("t.trace:3", e.position());
    }

    @Test
    void shouldSkipAndCountViolationsWhenLenient() throws IOException {
        ValidatingTraceReader reader = new ValidatingTraceReader(text(BAD), Validation.LENIENT);
        assertEquals(List.of("alloc 0 8 8", "free 0", "alloc 0 24 8"), readAll(reader));
        assertEquals(4, reader.warningCount());
        assertEquals("t.trace:3: free of id 1, which is not live", reader.firstWarning());
    }

    @Test
    void shouldRejectAnAllocOfALiveIdAndAReallocOfADeadOne() {
        assertEquals("t.trace:3: alloc of id 0, which is already live", assertThrows(TraceFormatException.class,
            () -> readAll(new ValidatingTraceReader(text("%heaplab-trace 1\nalloc 0 8 8\nalloc 0 8 8\n"),
                Validation.STRICT))).getMessage());
        assertEquals("t.trace:3: realloc of id 0, which is not live", assertThrows(TraceFormatException.class,
            () -> readAll(new ValidatingTraceReader(text("%heaplab-trace 1\n%ids 1\nrealloc 0 8\n"),
                Validation.STRICT))).getMessage());
    }

    @Test
    void shouldAcceptAValidTraceWithIdReuseAndTrackTheLiveCount() throws IOException {
        ValidatingTraceReader reader = new ValidatingTraceReader(
            text("%heaplab-trace 1\n%ids 2\nalloc 0 8 8\nalloc 1 8 8\nfree 0\nalloc 0 8 8\nrealloc 0 64\n"),
            Validation.STRICT);
        assertEquals(5, readAll(reader).size());
        assertEquals(2, reader.liveCount());
        assertEquals(0, reader.warningCount());
        assertNull(reader.firstWarning());
    }

    @Test
    void shouldHandleHugeSparseIdsWithoutAHugeTable() throws IOException {
        // No %ids: live ids go to a hash table, so an id near the limit costs one entry, not 2^31 bits.
        ValidatingTraceReader reader = new ValidatingTraceReader(
            text("%heaplab-trace 1\nalloc 2147483646 8 8\nfree 2147483646\n"), Validation.STRICT);
        assertEquals(List.of("alloc 2147483646 8 8", "free 2147483646"), readAll(reader));
    }
}
