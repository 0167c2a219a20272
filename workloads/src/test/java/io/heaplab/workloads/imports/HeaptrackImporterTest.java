package io.heaplab.workloads.imports;

import io.heaplab.trace.Compression;
import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.heaplab.workloads.imports.ImportTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A raw recording in heaptrack 1.4's format, written for the test (lines as in a real {@code heaptrack --raw}). */
class HeaptrackImporterTest {

    private static final String RAW = """
        v 10400 3
        x 2b /usr/bin/demo
        X /usr/bin/demo -x
        I 1000 5e2990
        m 1 x 55bf7f5df000 0 760 1000 155
        t 7f9c8b179b9f 0
        + 11c00 1 55bfb4386530
        + 20 1 55bfb43981d0
        - 55bfb4386530
        c a
        + 40 2 55bfb4386530
        - 55bfb43981d0
        - deadbeef
        + 18 2 55bfb4386530
        R 2f
        Q unknown line type
        - 55bfb4386530
        """;

    @TempDir
    Path dir;

    @Test
    void shouldMapPointersToDenseIdsWithMallocAlignmentAndTimestamps() throws IOException {
        assertEquals(List.of("alloc 0 72704 16", "alloc 1 32 16", "free 0", "alloc 0 64 16 ns=10000000",
                "free 1 ns=10000000", "free 0 ns=10000000", "alloc 0 24 16 ns=10000000", "free 0 ns=10000000"),
            readAll(Importer.HEAPTRACK.open(write("demo.raw", RAW))));
    }

    @Test
    void shouldCountWhatCouldNotBeMappedInTheHeader() throws IOException {
        TraceHeader header = Imports.scan(Importer.HEAPTRACK, write("demo.raw", RAW), null);
        assertEquals(new TraceHeader("demo", "heaptrack: demo.raw", 8, 2, Map.of("import.unknown-frees", "1",
            "import.implied-frees", "1", "import.ignored-lines", "1")), header);
    }

    @Test
    void shouldReadZstdAndGzipRecordingsAndRoundTripThemThroughBothFormats() throws IOException {
        List<String> expected = readAll(Importer.HEAPTRACK.open(write("demo.raw", RAW)));
        for (String name : List.of("demo.raw.zst", "demo.raw.gz")) {
            Path compressed = dir.resolve(name);
            try (OutputStream out = Compression.compressFor(name, Files.newOutputStream(compressed))) {
                out.write(RAW.getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(expected, readAll(Importer.HEAPTRACK.open(compressed)), name);
            for (String traceName : List.of("demo.trace", "demo.hltrace.gz")) {
                Path trace = dir.resolve(traceName);
                Imports.convert(Importer.HEAPTRACK, compressed, trace, TraceFormat.forPath(trace), null);
                try (TraceReader reader = Traces.open(trace)) {
                    assertEquals(expected, readAll(reader), traceName);
                }
            }
        }
    }

    @Test
    void shouldRejectTheInterpretedFormatWithAHint() throws IOException {
        Path interpreted = write("demo", "v 10400 3\na 11c00 4\n+ 0\n");
        assertEquals(interpreted + ":3: this is heaptrack's interpreted format ('+ INDEX'), which does not say which "
                + "block a free releases; expected a raw recording ('+ SIZE TRACE PTR', made with 'heaptrack --raw')",
            assertThrows(TraceFormatException.class, () -> readAll(Importer.HEAPTRACK.open(interpreted))).getMessage());
    }

    @Test
    void shouldNameFileAndLineOfABadNumber() throws IOException {
        Path raw = write("bad.raw", "v 10400 3\n+ 1g 1 55bf\n");
        assertEquals(raw + ":2: expected a size in hexadecimal, found '1g'",
            assertThrows(TraceFormatException.class, () -> readAll(Importer.HEAPTRACK.open(raw))).getMessage());
    }

    @Test
    void shouldRejectCorruptCompressedInputCleanly() throws IOException {
        Path bad = dir.resolve("bad.raw.zst");
        Files.write(bad, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3});
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> readAll(Importer.HEAPTRACK.open(bad)));
        assertEquals(bad + ":1", e.position());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
