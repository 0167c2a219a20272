package io.heaplab.cli;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            sizes (bytes):  min 0, mean 82.5, max 200; p50 ≈ 30, p90 ≈ 200, p99 ≈ 200
            lifetime (ops): min 2, mean 3.5, max 5; p50 ≈ 2, p90 ≈ 5, p99 ≈ 5
                            ≈ = within 0.1% (HdrHistogram, 3 significant digits); min, mean and max are exact
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

    // ---------------------------------------------------------------- outputs: a user's file is sacred

    @Test
    void shouldPrintTheExactSizeOfATracesOnlyAllocationNotItsHistogramBucket() throws IOException {
        Path trace = Files.writeString(dir.resolve("one.trace"), "%heaplab-trace 1\nalloc 0 72704 16\nfree 0\n");
        CliRun run = CliRun.of("trace", "stats", trace.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nsizes (bytes):  min 72704, mean 72704.0, max 72704; p50 \u2248 72704, "
            + "p90 \u2248 72704, p99 \u2248 72704\n"), run.out());
        assertTrue(!run.out().contains("72767"), run.out());
    }

    @Test
    void shouldSayNoneForTheSizesAndLifetimesOfAnEmptyTrace() throws IOException {
        Path trace = Files.writeString(dir.resolve("empty.trace"), "%heaplab-trace 1\n");
        CliRun run = CliRun.of("trace", "stats", trace.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nsizes (bytes):  none requested\nlifetime (ops): no block freed\n\n"), run.out());
    }

    @Test
    void shouldRefuseToConvertATraceOntoItselfAndLeaveItIntact() throws IOException {
        Path trace = generate("co.hltrace", 2000);
        byte[] before = Files.readAllBytes(trace);
        CliRun run = CliRun.of("trace", "convert", trace.toString(), trace.toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: refusing to write " + trace + ": it is also an input (write to another file, then "
            + "rename it)\n", run.err());
        assertArrayEquals(before, Files.readAllBytes(trace));
        CliRun viaOtherSpelling = CliRun.of("trace", "convert", trace.toString(),
            dir.resolve(".").resolve("co.hltrace").toString());
        assertEquals(2, viaOtherSpelling.exitCode());
        assertArrayEquals(before, Files.readAllBytes(trace));
    }

    @Test
    void shouldRefuseToImportOntoTheInputAndLeaveItIntact() throws IOException {
        Path rep = Files.writeString(dir.resolve("big.rep"), "0\n2\n4\n1\na 0 16\na 1 32\nf 0\nf 1\n");
        byte[] before = Files.readAllBytes(rep);
        CliRun run = CliRun.of("import", "--from", "malloclab", rep.toString(), "-o", rep.toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: refusing to write " + rep + ": it is also an input (write to another file, then "
            + "rename it)\n", run.err());
        assertArrayEquals(before, Files.readAllBytes(rep));
    }

    @Test
    void shouldKeepTheOldOutputAndLeaveNoPartialFileWhenAConvertFails() throws IOException {
        StringBuilder text = new StringBuilder("%heaplab-trace 1\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("alloc 0 16 8\nfree 0\n");
        }
        Path bad = Files.writeString(dir.resolve("bad.trace"), text.append("free 7\n"));
        Path out = Files.writeString(dir.resolve("out.hltrace"), "precious");
        CliRun run = CliRun.of("trace", "convert", bad.toString(), out.toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: " + bad + ":40002: free of id 7, which is not live\n", run.err());
        assertEquals("precious", Files.readString(out));
        assertEquals(List.of("bad.trace", "out.hltrace"), fileNames());
    }

    @Test
    void shouldRefuseAnOutputInAMissingDirectoryBeforeWorkingAndNotCreateIt() throws IOException {
        Path trace = generate("in.trace", 100);
        Path rep = Files.writeString(dir.resolve("in.rep"), "2\n2\na 0 16\nf 0\n");
        Path missing = dir.resolve("no").resolve("such");
        String target = missing.resolve("out.hltrace").toString();
        String expected = "heaplab: cannot write " + target + ": directory " + missing + " does not exist\n";
        for (CliRun run : List.of(CliRun.of("trace", "convert", trace.toString(), target),
                CliRun.of("import", "--from", "malloclab", rep.toString(), "-o", target),
                CliRun.of("generate", "phased", "--ops", "100", "-o", target))) {
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(expected, run.err());
            assertEquals("", run.out());
        }
        assertFalse(Files.exists(dir.resolve("no")), "no directory is created silently");
    }

    @Test
    void shouldSayWroteFileOnStderrForEveryTraceItWrites() throws IOException {
        Path generated = dir.resolve("g.trace");
        CliRun generate = CliRun.of("generate", "phased", "--ops", "100", "-o", generated.toString());
        assertEquals("wrote " + generated + "\n", generate.err());
        Path converted = dir.resolve("g.hltrace.zst");
        CliRun convert = CliRun.of("trace", "convert", generated.toString(), converted.toString());
        assertEquals("wrote " + converted + "\n", convert.err());
        Path rep = Files.writeString(dir.resolve("in.rep"), "2\n2\na 0 16\nf 0\n");
        Path imported = dir.resolve("in.hltrace.gz");
        CliRun imports = CliRun.of("import", "--from", "malloclab", rep.toString(), "-o", imported.toString());
        assertEquals("wrote " + imported + "\n", imports.err());
        try (TraceReader reader = Traces.open(converted)) {
            assertEquals(100, reader.header().opCount(), "compression chosen by the target's name, not the temp file's");
        }
        try (TraceReader reader = Traces.open(imported)) {
            assertEquals(2, reader.header().opCount());
        }
        assertEquals(List.of("g.hltrace.zst", "g.trace", "in.hltrace.gz", "in.rep"), fileNames());
        assertTrue(Files.readAllBytes(converted)[0] == (byte) 0x28, "zstd magic");
    }

    @Test
    void shouldExitWith2AndWriteNothingWhenAnImportMapsNoOperation() throws IOException {
        Path rep = Files.writeString(dir.resolve("t.rep"), "0\n2\n4\n1\na 0 16\na 1 32\nf 0\nf 1\n");
        Path out = dir.resolve("t.hltrace");
        CliRun heaptrack = CliRun.of("import", "--from", "heaptrack", rep.toString(), "-o", out.toString());
        assertEquals(2, heaptrack.exitCode());
        assertEquals("heaplab: " + rep + ": none of its 8 lines is an operation heaplab can import; expected a "
            + "heaptrack raw recording ('+ SIZE TRACE PTR' and '- PTR' lines, made with 'heaptrack --raw')\n",
            heaptrack.err());
        CliRun mtrace = CliRun.of("import", "--from", "mtrace", rep.toString(), "-o", out.toString());
        assertEquals(2, mtrace.exitCode());
        assertEquals(1, mtrace.err().lines().count(), mtrace.err());
        Path empty = Files.writeString(dir.resolve("empty.rep"), "");
        CliRun emptyRep = CliRun.of("import", "--from", "malloclab", empty.toString(), "-o", out.toString());
        assertEquals(2, emptyRep.exitCode());
        assertEquals("heaplab: " + empty + ": the file is empty; expected a CS:APP malloc-lab trace (a header of 2 "
            + "or 4 numbers, then 'a ID BYTES', 'r ID BYTES' and 'f ID' lines)\n", emptyRep.err());
        assertFalse(Files.exists(out));
        assertEquals(List.of("empty.rep", "t.rep"), fileNames());
    }

    private Path generate(String name, int ops) {
        Path trace = dir.resolve(name);
        CliRun run = CliRun.of("generate", "phased", "--ops", Integer.toString(ops), "-o", trace.toString());
        assertEquals(0, run.exitCode(), run.err());
        return trace;
    }

    private List<String> fileNames() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
