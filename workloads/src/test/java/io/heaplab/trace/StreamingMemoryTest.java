package io.heaplab.trace;

import com.sun.management.ThreadMXBean;
import io.heaplab.workloads.gen.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming allocates nothing per operation: reading a 1 M-op trace allocates (on the Java heap) a bounded amount,
 * far less than one byte per operation. Measured with the thread's allocated-bytes counter, not timing.
 */
class StreamingMemoryTest {

    private static final long OPS = 1_000_000;
    /** Buffers, header, readers: a few hundred KiB at most, whatever the trace length. */
    private static final long BOUND_BYTES = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void shouldStreamAMillionOpBinaryTraceInBoundedMemory() throws IOException {
        assertStreamsInBoundedMemory(dir.resolve("t.hltrace"), TraceFormat.BINARY);
    }

    @Test
    void shouldStreamAMillionOpTextTraceInBoundedMemory() throws IOException {
        assertStreamsInBoundedMemory(dir.resolve("t.trace"), TraceFormat.TEXT);
    }

    private static void assertStreamsInBoundedMemory(Path file, TraceFormat format) throws IOException {
        try (TraceReader generated = Generators.find("shuffled-free").orElseThrow().open(OPS, 1);
             TraceWriter writer = Traces.writer(file, format, generated.header())) {
            Traces.copy(generated, writer);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long count = 0;
        long checksum = 0;
        try (TraceReader reader = Traces.open(file)) {
            TraceEvent event = new TraceEvent();
            while (reader.next(event)) {
                count++;
                checksum += event.id + event.byteSize;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(OPS, count);
        assertTrue(checksum > 0);
        assertTrue(allocated < BOUND_BYTES, format + ": streaming " + OPS + " ops allocated " + allocated + " bytes");
    }
}
