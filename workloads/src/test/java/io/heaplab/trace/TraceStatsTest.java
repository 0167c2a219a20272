package io.heaplab.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.heaplab.trace.TraceTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceStatsTest {

    @Test
    void shouldMeasureCountsPeakLiveBytesSizesAndLifetimes() throws IOException {
        TraceStats stats = TraceStats.of(text("""
            %heaplab-trace 1
            alloc 0 100 8
            alloc 1 30 8
            realloc 0 200
            free 1
            alloc 1 0 8
            free 0
            """));
        assertEquals(6, stats.opCount());
        assertEquals(3, stats.allocCount());
        assertEquals(2, stats.freeCount());
        assertEquals(1, stats.reallocCount());
        assertEquals(230, stats.peakLiveBytes());       // after the realloc: 200 + 30
        assertEquals(2, stats.peakLiveBlocks());
        assertEquals(0, stats.finalLiveBytes());
        assertEquals(1, stats.neverFreedBlocks());      // the zero-size block
        assertEquals(2, stats.idCount());
        assertEquals(4, stats.distinctSizes());          // 100, 30, 200, 0
        assertEquals(1, stats.sizeClassCount(0));        // 0
        assertEquals(1, stats.sizeClassCount(5));        // 30 in [16, 32)
        assertEquals(1, stats.sizeClassCount(7));        // 100 in [64, 128)
        assertEquals(1, stats.sizeClassCount(8));        // 200 in [128, 256)
        assertEquals(200, stats.sizeAtPercentile(100));
        assertEquals(2, stats.lifetimeAtPercentile(0));  // id 1: ops 1 -> 3
        assertEquals(5, stats.lifetimeAtPercentile(100)); // id 0: ops 0 -> 5
        assertEquals(3.5, stats.meanLifetime());
        assertEquals("6 ops, peak live 230 bytes (2 blocks), 4 distinct sizes", stats.summaryLine());
    }
}
