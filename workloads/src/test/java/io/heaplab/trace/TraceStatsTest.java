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

    @Test
    void shouldReportExactMinMaxAndMeanAndClampPercentilesToThem() throws IOException {
        // 72704 lies in an HdrHistogram bucket (3 significant digits) whose highest value is 72767: that rounded
        // value must never be reported as the size of the trace's only allocation.
        TraceStats stats = TraceStats.of(text("%heaplab-trace 1\nalloc 0 72704 16\nfree 0\n"));
        assertEquals(1, stats.requestCount());
        assertEquals(72704, stats.minSize());
        assertEquals(72704, stats.maxSize());
        assertEquals(72704.0, stats.meanSize());
        assertEquals(72704, stats.sizeAtPercentile(50));
        assertEquals(72704, stats.sizeAtPercentile(100));
    }

    @Test
    void shouldReportExactLifetimesBeyondTheHistogramsExactRange() throws IOException {
        // Block 0 lives 2 * pairs + 1 ops, beyond 2048 where the histogram starts to round.
        final int pairs = 5000;
        StringBuilder trace = new StringBuilder("%heaplab-trace 1\nalloc 0 1 1\n");
        for (int i = 0; i < pairs; i++) {
            trace.append("alloc 1 8 8\nfree 1\n");
        }
        trace.append("free 0\n");
        TraceStats stats = TraceStats.of(text(trace.toString()));
        assertEquals(pairs + 1, stats.lifetimeCount());
        assertEquals(1, stats.minLifetime());
        assertEquals(2 * pairs + 1, stats.maxLifetime());
        assertEquals(2 * pairs + 1, stats.lifetimeAtPercentile(100));
        assertEquals((pairs + 2.0 * pairs + 1) / (pairs + 1), stats.meanLifetime(), 1e-12);
        assertEquals(1, stats.minSize());
        assertEquals(8, stats.maxSize());
        assertEquals((1 + 8.0 * pairs) / (pairs + 1), stats.meanSize(), 1e-12);
    }

    @Test
    void shouldGiveTheExactMeanOfTheLargestSizesAndZeroForAnEmptyTrace() throws IOException {
        StringBuilder trace = new StringBuilder("%heaplab-trace 1\n");
        for (int i = 0; i < 3; i++) {
            trace.append("alloc ").append(i).append(' ').append(TraceLimits.MAX_BYTE_SIZE - i).append(" 8\n");
        }
        TraceStats stats = TraceStats.of(text(trace.toString()));
        assertEquals(TraceLimits.MAX_BYTE_SIZE - 1.0, stats.meanSize());
        assertEquals(TraceLimits.MAX_BYTE_SIZE - 2, stats.minSize());
        TraceStats empty = TraceStats.of(text("%heaplab-trace 1\n"));
        assertEquals(0, empty.minSize());
        assertEquals(0, empty.maxSize());
        assertEquals(0.0, empty.meanSize());
        assertEquals(0, empty.sizeAtPercentile(50));
    }
}
