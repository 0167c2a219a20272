package io.heaplab.trace;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.heaplab.trace.TraceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Property: any sequence of operations within the limits survives every format and compression unchanged. */
class RoundTripPropertyTest {

    @Test
    void shouldReadBackExactlyWhatWasWrittenInEveryFormatAndCompression() {
        qt().withFixedSeed(42).withExamples(60)
            .forAll(longs().all(), integers().between(0, 200))
            .checkAssert((seed, count) -> {
                List<TraceEvent> events = randomEvents(seed, count);
                List<String> expected = events.stream().map(TraceTestSupport::render).toList();
                TraceHeader header = new TraceHeader("n" + seed, "src " + count, count, -1,
                    Map.of("a", "1", "b.c", "x y"));
                for (TraceFormat format : TraceFormat.values()) {
                    for (String name : List.of("t", "t.gz", "t.zst")) {
                        try {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            try (OutputStream sink = Compression.compressFor(name, out);
                                 TraceWriter writer = Traces.writer(sink, format, header)) {
                                for (TraceEvent e : events) {
                                    writer.write(e);
                                }
                            }
                            TraceReader reader = Traces.openUnchecked(new ByteArrayInputStream(out.toByteArray()), name);
                            assertEquals(header, reader.header(), format + " " + name);
                            assertEquals(expected, readAll(reader), format + " " + name);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
    }

    /** Random operations within the limits, ignoring liveness (the format readers do not check it). */
    private static List<TraceEvent> randomEvents(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TraceEvent> events = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < count; i++) {
            long id = random.nextBoolean() ? random.nextLong(16) : random.nextLong(TraceLimits.MAX_ID + 1);
            long size = random.nextBoolean() ? random.nextLong(4096) : random.nextLong(TraceLimits.MAX_BYTE_SIZE + 1);
            TraceEvent e = switch (random.nextInt(3)) {
                case 0 -> new TraceEvent().alloc(id, size, 1L << random.nextInt(31));
                case 1 -> new TraceEvent().free(id);
                default -> new TraceEvent().realloc(id, size);
            };
            if (random.nextInt(3) == 0) {
                e.threadId = random.nextLong(Long.MAX_VALUE);
            }
            if (random.nextInt(3) == 0) {
                time = random.nextBoolean() ? time + random.nextLong(1_000_000) : random.nextLong(TraceLimits.MAX_TIMESTAMP_NANOS + 1);
                e.timestampNanos = time;
            }
            events.add(e);
        }
        return events;
    }
}
