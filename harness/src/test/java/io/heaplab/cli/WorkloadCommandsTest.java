package io.heaplab.cli;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workload subcommands: list workloads, import, generate, trace stats, trace convert. */
class WorkloadCommandsTest {

    @TempDir
    Path dir;

    @Test
    void shouldListWorkloadsWithKindSuiteOpsAndDescription() {
        CliRun run = CliRun.of("list", "workloads");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("Workloads (19; 'suite' = replayed by 'heaplab compare' by default):", lines.get(0));
        assertTrue(lines.get(1).matches("workload +kind +suite +ops +description"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.matches("defeat-buddy +generated +yes +100000 +malloc-lab binary-bal.*")),
            run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("python-strings +recorded +yes +255825 +CPython.*")), run.out());
        assertTrue(!run.out().contains("Allocators"), run.out());
    }

    @Test
    void shouldListAllocatorsAndWorkloadsByDefault() {
        CliRun run = CliRun.of("list");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Allocators ("), run.out());
        assertTrue(run.out().contains("\nWorkloads (19;"), run.out());
    }

    @Test
    void shouldImportAMallocLabTraceAndReportWhatWasNotMapped() throws IOException {
        Path rep = Files.writeString(dir.resolve("tiny.rep"), "0\n2\n5\n1\na 0 16\nr 1 8\nf 0\nf -1\nf 1\n");
        Path out = dir.resolve("tiny.hltrace");
        CliRun run = CliRun.of("import", "--from", "malloclab", rep.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("imported 4 ops (2 ids) from " + rep + " -> " + out + "; not mapped as recorded: "
            + "import.realloc-as-alloc=1, import.unknown-frees=1\n", run.out());
        try (TraceReader reader = Traces.open(out)) {
            assertEquals(4, reader.header().opCount());
        }
    }

    @Test
    void shouldExitWith2AndNameFileAndLineForAMalformedImport() throws IOException {
        Path rep = Files.writeString(dir.resolve("bad.rep"), "1\n2\na 0 16\nz 0\n");
        CliRun run = CliRun.of("import", "--from", "malloclab", rep.toString(), "-o", dir.resolve("x.hltrace").toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: " + rep + ":4: unknown request 'z'; expected 'a ID BYTES', 'r ID BYTES' or 'f ID'\n",
            run.err());
    }

    @Test
    void shouldExitWith2ForAnUnknownImportFormatOrAMissingFile() {
        CliRun unknown = CliRun.of("import", "--from", "valgrind", "x", "-o", "y");
        assertEquals(2, unknown.exitCode());
        assertEquals("heaplab: unknown input format 'valgrind'; expected one of malloclab, heaptrack, mtrace\n",
            unknown.err());
        CliRun missing = CliRun.of("import", "--from", "mtrace", dir.resolve("none.log").toString(), "-o", "y");
        assertEquals(2, missing.exitCode());
        assertEquals("heaplab: no such file: " + dir.resolve("none.log") + "\n", missing.err());
    }

    @Test
    void shouldGenerateASeededTraceInTheFormatTheNameImplies() throws IOException {
        Path text = dir.resolve("c.trace");
        CliRun run = CliRun.of("generate", "coalescing", "--ops", "14", "--seed", "3", "-o", text.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("generated 14 ops (3 ids) of coalescing seed=3 -> " + text + "\n", run.out());
        List<String> lines = Files.readAllLines(text);
        assertEquals(List.of("%heaplab-trace 1", "%name coalescing", "%source generator: coalescing ops=14 seed=3",
            "%ops 14", "%ids 3"), lines.subList(0, 5));
        assertEquals(19, lines.size());
    }

    @Test
    void shouldExitWith2ListingTheGeneratorsForAnUnknownOne() {
        CliRun run = CliRun.of("generate", "nope", "-o", dir.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("heaplab: unknown generator 'nope'; expected one of fixed-lifo, uniform-random,"),
            run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void shouldPrintTraceStats() throws IOException {
        Path trace = Files.writeString(dir.resolve("s.trace"), """
            %heaplab-trace 1
            %name small
            %attr import.unknown-frees 2
            alloc 0 100 8
            alloc 1 30 8
            realloc 0 200
            free 1
            alloc 1 0 8
            free 0
            """);
        CliRun run = CliRun.of("trace", "stats", trace.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("""
            trace:          small
            ops:            6 (alloc 3, free 2, realloc 1)
            ids:            2
            peak live:      230 bytes (230 B) in up to 2 blocks
            never freed:    1 blocks, 0 bytes
            distinct sizes: 4
            sizes (bytes):  p50 30, p90 200, p99 200, max 200
            lifetime (ops): mean 3.5, p50 2, p90 5, p99 5, max 5
            attributes:     import.unknown-frees=2

            size histogram (requested sizes of allocs and reallocs):
            bytes    count     %
            -------  -----  ----  ----------------------------------------
            0            1  25.0  ########################################
            16-31        1  25.0  ########################################
            64-127       1  25.0  ########################################
            128-255      1  25.0  ########################################
            """, run.out());
    }

    @Test
    void shouldExitWith2AndNameFileAndLineForAMalformedTrace() throws IOException {
        Path trace = Files.writeString(dir.resolve("bad.trace"), "%heaplab-trace 1\nalloc 0 8 8\nfree 1\n");
        CliRun run = CliRun.of("trace", "stats", trace.toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: " + trace + ":3: free of id 1, which is not live\n", run.err());
    }

    @Test
    void shouldPrintStatsOfABuiltInWorkloadByName() {
        CliRun run = CliRun.of("trace", "stats", "cc1-compile");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("trace:          cc1-compile (heaptrack: "), run.out());
    }

    @Test
    void shouldConvertTextToCompressedBinaryAndBackLosslessly() throws IOException {
        Path text = dir.resolve("a.trace");
        CliRun.of("generate", "producer-consumer", "--ops", "500", "-o", text.toString());
        Path binary = dir.resolve("a.hltrace.zst");
        Path back = dir.resolve("b.trace");
        assertEquals(0, CliRun.of("trace", "convert", text.toString(), binary.toString()).exitCode());
        CliRun run = CliRun.of("trace", "convert", binary.toString(), back.toString());
        assertEquals("converted 500 ops " + binary + " -> " + back + "\n", run.out());
        assertEquals(Files.readString(text), Files.readString(back));
        assertTrue(Files.readString(text).contains(" tid=1"));
    }

    @Test
    void shouldValidateATraceAndReportItsRate() throws IOException {
        Path trace = dir.resolve("v.hltrace.gz");
        CliRun.of("generate", "phased", "--ops", "5000", "-o", trace.toString());
        CliRun run = CliRun.of("trace", "validate", trace.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("valid: 5000 ops in [0-9.]+ s \\([0-9.]+ M ops/s\\), 0 blocks live at the end, "
            + "0 skipped; JVM peak heap [0-9.]+ [KMG]iB \\(max [0-9.]+ [KMG]iB\\)\n"), run.out());
    }

    @Test
    void shouldSkipAndCountWhenLenientAndFailWhenStrict() throws IOException {
        Path trace = Files.writeString(dir.resolve("l.trace"), "%heaplab-trace 1\nfree 3\nalloc 0 8 8\nfree 0\n");
        CliRun strict = CliRun.of("trace", "validate", trace.toString());
        assertEquals(2, strict.exitCode());
        assertEquals("heaplab: " + trace + ":2: free of id 3, which is not live\n", strict.err());
        CliRun lenient = CliRun.of("trace", "validate", "--lenient", trace.toString());
        assertEquals(0, lenient.exitCode(), lenient.err());
        assertTrue(lenient.out().startsWith("valid: 2 ops in "), lenient.out());
        assertTrue(lenient.out().contains(", 1 skipped;"), lenient.out());
    }

    @Test
    void shouldExitWith2ForACorruptBinaryTrace() throws IOException {
        Path trace = dir.resolve("c.hltrace");
        CliRun.of("generate", "fixed-lifo", "--ops", "100", "-o", trace.toString());
        byte[] bytes = Files.readAllBytes(trace);
        Files.write(trace, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        CliRun run = CliRun.of("trace", "validate", trace.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().matches("heaplab: " + java.util.regex.Pattern.quote(trace.toString())
            + "@\\d+: file ends in the middle of a record; expected .* \\(truncated file\\?\\)\n"), run.err());
    }
}
