package io.heaplab.workloads.record;

import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceStats;
import io.heaplab.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Records real programs; skipped (not failed) where heaptrack or the compiler is missing. */
class HeaptrackRecorderTest {

    @TempDir
    Path dir;

    @Test
    void shouldRecordASmallCProgramBuiltInTheTest() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path gcc = Path.of("/usr/bin/gcc");
        assumeTrue(Files.isExecutable(gcc), "gcc is not installed");
        Path source = dir.resolve("wordfreq.c");
        try (var in = HeaptrackRecorderTest.class.getResourceAsStream("/record/wordfreq.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("wordfreq");
        assertEquals(0, new ProcessBuilder(gcc.toString(), "-O1", "-o", binary.toString(), source.toString())
            .inheritIO().start().waitFor());
        Path input = Files.writeString(dir.resolve("words.txt"), "the cat and the hat and the bat\n".repeat(200)
            + String.join(" ", java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "w" + i).toList()));
        Path out = dir.resolve("wordfreq.trace");

        HeaptrackRecorder.Result result = HeaptrackRecorder.record(List.of(binary.toString(), input.toString()), out,
            TraceFormat.TEXT, null, false);

        assertEquals(0, result.exitCode());
        assertEquals("wordfreq", result.header().name());
        assertEquals("heaptrack: " + binary + " " + input, result.header().source());
        // 3006 distinct words: each one a node and a strdup, both freed at the end.
        assertTrue(result.stats().allocCount() > 6000, result.summaryLine());
        assertTrue(result.stats().freeCount() > 6000, result.summaryLine());
        try (TraceReader reader = Traces.open(out)) {
            TraceStats again = TraceStats.of(reader);
            assertEquals(result.stats().opCount(), again.opCount());
            assertEquals(again.peakLiveBytes(), result.stats().peakLiveBytes());
            assertEquals(reader.header(), result.stats().header(), "the statistics describe the trace written");
        }
        assertTrue(result.summaryLine().startsWith("recorded " + result.stats().opCount() + " ops, peak live "),
            result.summaryLine());
    }

    @Test
    void shouldRecordPythonWithEveryObjectThroughMalloc() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path python = realPython();
        assumeTrue(python != null, "python3 is not installed");
        Path out = dir.resolve("py.hltrace");
        HeaptrackRecorder.Result result = HeaptrackRecorder.record(
            List.of(python.toString(), "-c", "x=[str(i) for i in range(100000)]"), Map.of("PYTHONMALLOC", "malloc"),
            out, TraceFormat.BINARY, "py", false);
        assertTrue(result.stats().opCount() > 300_000, result.summaryLine());
    }

    @Test
    void shouldSayWhenTheProgramDoesNotExist() {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        assertEquals("cannot record '/no/such/program': no such executable",
            assertThrows(HeaptrackRecorder.RecordingFailedException.class, () -> HeaptrackRecorder.record(
                List.of("/no/such/program"), dir.resolve("x.hltrace"), TraceFormat.BINARY, null, false)).getMessage());
    }

    /** The real interpreter, not a version-manager shim, as heaptrack requires. */
    static Path realPython() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import sys, os; print(os.path.realpath(sys.executable))")
                .redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String path = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor() == 0 && Files.isExecutable(Path.of(path)) ? Path.of(path) : null;
    }
}
