package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.harness.Workloads;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String known() {
        return String.join(", ", AllocatorRegistry.load().all().stream().map(AllocatorSpec::name).toList());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownAllocator() {
        assertEquals(ExitCode.BAD_INPUT, run("replay", "-a", "nope", "-w", "anything"));
        assertEquals("heaplab: unknown allocator 'nope'; known: " + known() + "\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownBaseline() {
        assertEquals(ExitCode.BAD_INPUT, run("compare", "-a", "bump", "--baseline", "tcmalloc", "-w", "x"));
        assertEquals("heaplab: unknown allocator 'tcmalloc'; known: " + known() + "\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputForAMalformedHeapSize() {
        assertEquals(ExitCode.BAD_INPUT, run("replay", "-a", "bump", "-w", "x", "--heap", "lots"));
        assertEquals("heaplab: Invalid value for option '--heap': 'lots' is not a byte size (expected e.g. "
            + "268435456, 256m, 1g)\nTry 'heaplab replay --help'.\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownTest() {
        assertEquals(ExitCode.BAD_INPUT, run("compare", "-a", "bump", "--baseline", "none", "--test", "chi2",
            "-w", "x"));
        assertEquals("heaplab: unknown test 'chi2'; known: welch, mann-whitney\n", err.toString());
    }

    @Test
    void shouldExitWithBadInputNamingFileAndLineForAMalformedTrace(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("bad.trace"), "%heaplab-trace 1\nalloc 0 16 8\nalloc 3 16\n");
        assertEquals(ExitCode.BAD_INPUT, run("replay", "-a", "freelist-best", "-w", trace.toString()));
        assertEquals("heaplab: malformed trace: " + trace + ":3: expected 'alloc ID SIZE ALIGN', found 'alloc 3 16'\n",
            err.toString());
    }

    @Test
    void shouldExitWithBadInputForAnUnknownWorkload() {
        assertEquals(ExitCode.BAD_INPUT, run("compare", "-a", "bump", "--baseline", "none", "-w", "nosuch"));
        assertTrue(err.toString().startsWith("heaplab: unknown workload 'nosuch': neither a built-in workload ("),
            err.toString());
    }

    @Test
    void shouldReplayATraceFileAndEmitTheDocumentedJson(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("tiny.trace"),
            "%heaplab-trace 1\nalloc 0 100 8\nalloc 1 50 8\nfree 0\nrealloc 1 80\nfree 1\n");
        assertEquals(ExitCode.OK, run("replay", "-a", "bump", "-w", trace.toString(), "--json", "-", "--forks", "0",
            "--runs", "2", "--warmup", "0", "--run-ms", "1"), err.toString());
        String json = out.toString();
        assertTrue(json.contains("\"allocator\" : \"bump\","), json);
        assertTrue(json.contains("\"ops\" : 5,"), json);
        assertTrue(json.contains("\"peakLiveBytes\" : 150,"), json);
        assertTrue(json.contains("\"runs\" : 2,"), json);
        assertTrue(json.contains("\"inPlace\" : 1,"), json); // bump grows its top block in place
        assertEquals("", err.toString());
    }

    @Test
    void shouldCompareOnEveryBuiltInWorkloadWhenAskedForAll() {
        assertEquals(ExitCode.OK, run("compare", "-a", "bump", "--baseline", "none", "-w", "all", "--forks", "0",
            "--runs", "1", "--warmup", "0", "--run-ms", "1", "--csv", "-"), err.toString());
        String[] rows = out.toString().strip().split("\n");
        assertEquals(1 + Workloads.all().size(), rows.length, "a header and one row per built-in workload");
        for (Workloads.Entry workload : Workloads.all()) {
            // bump never reuses freed memory: on some workloads its 256 MiB heap runs out (degraded, not failed)
            assertTrue(out.toString().matches("(?s).*\nbump,research," + workload.name() + ",(ok|degraded),.*"),
                workload.name());
        }
    }

    @Test
    void shouldParseBinaryByteSizes() {
        ByteSizeConverter c = new ByteSizeConverter();
        assertEquals(256L << 20, c.convert("256m"));
        assertEquals(1L << 30, c.convert("1GiB"));
        assertEquals(4096L, c.convert("4096"));
        assertEquals(64L << 10, c.convert("64 KB"));
    }
}
