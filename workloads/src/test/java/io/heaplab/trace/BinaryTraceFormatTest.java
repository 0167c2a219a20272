package io.heaplab.trace;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.heaplab.trace.TraceTestSupport.bytes;
import static io.heaplab.trace.TraceTestSupport.readAll;
import static io.heaplab.trace.TraceTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinaryTraceFormatTest {

    private static final TraceHeader HEADER = new TraceHeader("demo", "hand-written", 4, 2,
        Map.of("import.unknown-frees", "3"));

    private static List<TraceEvent> events() {
        TraceEvent big = new TraceEvent().alloc(1, 1L << 40, 1L << 30);
        big.threadId = 3;
        TraceEvent timed = new TraceEvent().realloc(0, 48);
        timed.timestampNanos = 1500;
        TraceEvent earlier = new TraceEvent().free(0);
        earlier.timestampNanos = 1000;
        return List.of(new TraceEvent().alloc(0, 24, 16), big, timed, earlier);
    }

    @Test
    void shouldEncodeTheDocumentedLayout() throws IOException {
        byte[] encoded = write(TraceFormat.BINARY, new TraceHeader("n", "", 1, 1, Map.of()),
            List.of(new TraceEvent().alloc(0, 300, 16)));
        assertArrayEquals(new byte[] {
            'H', 'L', 'T', 'B', 1,      // magic, version
            0,                          // flags
            1, 'n', 0,                  // name "n", source ""
            2, 2, 0,                    // opCount+1, idCount+1, no attributes
            0x40, 0, (byte) 0xac, 0x02, // tag: alloc, log2(16)=4 in bits 4-7; id 0; size 300 as varint
            3, 1,                       // end of trace, 1 operation
        }, encoded);
    }

    @Test
    void shouldRoundTripHeaderEventsThreadsAndTimestamps() throws IOException {
        TraceReader reader = bytes(write(TraceFormat.BINARY, HEADER, events()), "t.hltrace");
        assertEquals(HEADER, reader.header());
        assertEquals(List.of("alloc 0 24 16", "alloc 1 1099511627776 1073741824 tid=3", "realloc 0 48 ns=1500",
            "free 0 ns=1000"), readAll(reader));
    }

    @Test
    void shouldConvertBinaryToTextAndBackToTheSameBytes() throws IOException {
        byte[] binary = write(TraceFormat.BINARY, HEADER, events());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (TraceReader reader = bytes(binary, "a"); TraceWriter writer = Traces.writer(text, TraceFormat.TEXT,
                reader.header())) {
            Traces.copy(reader, writer);
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (TraceReader reader = bytes(text.toByteArray(), "b"); TraceWriter writer = Traces.writer(again,
                TraceFormat.BINARY, reader.header())) {
            Traces.copy(reader, writer);
        }
        assertArrayEquals(binary, again.toByteArray());
    }

    @Test
    void shouldReportPositionAsFileAndByteOffset() throws IOException {
        TraceReader reader = bytes(write(TraceFormat.BINARY, new TraceHeader("n", "", 1, 1, Map.of()),
            List.of(new TraceEvent().alloc(0, 300, 16))), "t.hltrace");
        reader.next(new TraceEvent());
        assertEquals("t.hltrace@12", reader.position());
    }

    // Layout of HEADER + events(): header 50 bytes; records at 50 (3 bytes), 53 (10), 63 (5), 68 (4); end at 72 (2).
    @Test
    void shouldRejectATruncatedFile() throws IOException {
        byte[] full = write(TraceFormat.BINARY, HEADER, events());
        byte[] truncated = Arrays.copyOf(full, full.length - 3);
        assertEquals("t.hltrace@68: file ends in the middle of a record; expected a timestamp delta (truncated file?)",
            assertThrows(TraceFormatException.class, () -> readAll(bytes(truncated, "t.hltrace"))).getMessage());
    }

    @Test
    void shouldRejectAFileWithoutItsEndRecord() throws IOException {
        byte[] full = write(TraceFormat.BINARY, HEADER, events());
        byte[] truncated = Arrays.copyOf(full, full.length - 2);
        assertEquals("t.hltrace@72: file ends in the middle of a record; expected an operation tag (truncated file?)",
            assertThrows(TraceFormatException.class, () -> readAll(bytes(truncated, "t.hltrace"))).getMessage());
    }

    @Test
    void shouldRejectBytesAfterTheEnd() throws IOException {
        byte[] full = write(TraceFormat.BINARY, HEADER, events());
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertEquals("t.hltrace@74: unexpected bytes after the end of the trace",
            assertThrows(TraceFormatException.class, () -> readAll(bytes(longer, "t.hltrace"))).getMessage());
    }

    @Test
    void shouldRejectAnotherVersion() {
        byte[] v2 = {'H', 'L', 'T', 'B', 2};
        assertEquals("t.hltrace@4: unsupported binary trace version 2; this heaplab reads version 1",
            assertThrows(TraceFormatException.class, () -> bytes(v2, "t.hltrace")).getMessage());
    }

    @Test
    void shouldRejectAnOversizedHeaderStringBeforeAllocatingIt() {
        byte[] hostile = {'H', 'L', 'T', 'B', 1, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
        assertEquals("t.hltrace@6: the name is 268435455 bytes long; at most 65536 are allowed",
            assertThrows(TraceFormatException.class, () -> bytes(hostile, "t.hltrace")).getMessage());
    }

    @Test
    void shouldRefuseToWriteAnAlignmentThatIsNotAPowerOfTwo() {
        TraceEvent bad = new TraceEvent().alloc(0, 8, 12);
        assertEquals("cannot write 'alloc 0 8 12': alignment 12 is not a power of two",
            assertThrows(IllegalArgumentException.class, () -> write(TraceFormat.BINARY, HEADER, List.of(bad)))
                .getMessage());
    }

    @Test
    void shouldRefuseToCloseWhenTheHeaderPromisedAnotherOpCount() {
        assertEquals("the header promised 4 operations but 1 were written",
            assertThrows(IllegalStateException.class,
                () -> write(TraceFormat.TEXT, HEADER, List.of(new TraceEvent().alloc(0, 8, 8)))).getMessage());
    }
}
