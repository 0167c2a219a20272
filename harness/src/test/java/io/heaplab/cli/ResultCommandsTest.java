package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code compare}, {@code replay} and {@code bench} report and refuse: degraded and failed pairs, verdicts that
 * never name an allocator that failed allocations, outputs checked before measuring, suites from directories and
 * globs, and one-line errors with "did you mean".
 */
class ResultCommandsTest {

    /** Two 40,000-byte blocks: the second does not fit a 64 KiB heap on bump. */
    private static final String TWO_BIG_BLOCKS = "%heaplab-trace 1\nalloc 0 40000 16\nalloc 1 40000 16\nfree 1\nfree 0\n";
    private static final String SMALL = "%heaplab-trace 1\nalloc 0 100 8\nalloc 1 50 8\nfree 0\nrealloc 1 80\nfree 1\n";
    private static final String[] QUICK = {"--forks", "0", "--runs", "2", "--warmup", "0", "--run-ms", "1"};

    private static CliRun heaplab(String... args) {
        return CliRun.of(args);
    }

    private static String[] quick(String... args) {
        String[] all = new String[args.length + QUICK.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(QUICK, 0, all, args.length, QUICK.length);
        return all;
    }

    @Test
    void shouldMarkAPairWithFailedAllocationsDegradedAndNeverNameItFastest(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("big.trace"), TWO_BIG_BLOCKS);
        CliRun text = heaplab(quick("compare", "-a", "bump,glibc", "--baseline", "glibc", "-w", trace.toString(),
            "--heap", "64k"));
        assertEquals(ExitCode.OK, text.exitCode(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("bump \\(degraded\\) .* 1")), text.out());
        assertTrue(text.out().contains("  bump: degraded (1 allocations failed: it replayed less than the others, so "
            + "it is left out of the verdicts)\n"), text.out());
        assertTrue(text.out().contains("In short: fastest glibc ("), text.out());
        assertTrue(text.out().contains("; left out (failed allocations): bump.\n"), text.out());
        assertFalse(text.out().contains("NaN"), text.out());
        CliRun json = heaplab(quick("compare", "-a", "bump,glibc", "--baseline", "glibc", "-w", trace.toString(),
            "--heap", "64k", "--json", "-"));
        assertTrue(json.out().contains("""
                "allocator" : "bump",
                "allocatorKind" : "research",
                "workload" : "%s",
                "status" : "degraded",
                "message" : "1 allocations failed (the 65536-byte heap was exhausted)",
            """.formatted(trace)), json.out());
        CliRun csv = heaplab(quick("compare", "-a", "bump,glibc", "--baseline", "glibc", "-w", trace.toString(),
            "--heap", "64k", "--csv", "-"));
        assertTrue(csv.out().contains("\nbump,research," + trace + ",degraded,1 allocations failed"), csv.out());
    }

    @Test
    void shouldReportAPairWhoseAllocatorCannotBeCreatedAsFailedAndGoOn(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("small.trace"), SMALL);
        AllocatorSpec huge = new AllocatorSpec("huge", "metadata that does not fit", AllocatorSpec.Kind.RESEARCH,
            heapBytes -> {
                throw new OutOfMemoryError("Java heap space");
            });
        AllocatorRegistry registry = AllocatorRegistry.of(List.of(
            () -> List.of(huge, AllocatorRegistry.load().get("bump"))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(registry, new PrintWriter(out, true), new PrintWriter(err, true),
            quick("compare", "-a", "huge,bump", "--baseline", "none", "-w", trace.toString()));
        assertEquals(ExitCode.FAILURE, code, err.toString());
        assertTrue(out.toString().contains("\n  huge: failed (cannot run over a heap of 268435456 bytes: "
            + "OutOfMemoryError: Java heap space)\n"), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("bump ")), "bump still measured: " + out);
    }

    @Test
    void shouldRefuseAnOutputInAMissingDirectoryBeforeMeasuring(@TempDir Path dir) {
        CliRun compare = heaplab("compare", "-a", "bump", "-w", "uniform-random", "--json", dir + "/no/such/x.json");
        assertEquals(ExitCode.BAD_INPUT, compare.exitCode());
        assertEquals("heaplab: cannot write " + dir + "/no/such/x.json: directory " + dir + "/no/such does not exist\n",
            compare.err());
        assertEquals("", compare.out(), "nothing measured");
        assertFalse(Files.exists(dir.resolve("no")), "no directory created");
        CliRun replay = heaplab("replay", "-a", "bump", "-w", "uniform-random", "--csv", dir + "/no/x.csv");
        assertEquals(ExitCode.BAD_INPUT, replay.exitCode());
        assertEquals("", replay.out());
        CliRun hgrm = heaplab("replay", "-a", "bump", "-w", "uniform-random", "--hgrm", dir + "/none");
        assertEquals(ExitCode.BAD_INPUT, hgrm.exitCode());
        assertEquals("heaplab: cannot write histograms into " + dir + "/none: no such directory\n", hgrm.err());
    }

    @Test
    void shouldWriteResultFilesThroughATemporaryFileAndSaySo(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("small.trace"), SMALL);
        Path json = dir.resolve("r.json");
        Files.writeString(json, "previous");
        CliRun run = heaplab(quick("replay", "-a", "bump", "-w", trace.toString(), "--json", json.toString(),
            "--hgrm", dir.toString()));
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("wrote " + json + "\n"), run.err());
        assertTrue(run.err().contains("wrote " + dir.resolve("bump_" + trace.toString().replaceAll("[^A-Za-z0-9._-]",
            "_") + ".hgrm") + "\n"), run.err());
        assertTrue(Files.readString(json).startsWith("{"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }

    @Test
    void shouldReplaySeveralAllocatorsAgainstABaselineAndAcceptGroups(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("small.trace"), SMALL);
        CliRun run = heaplab(quick("replay", "-a", "bump,freelist-best", "--baseline", "glibc", "-w",
            trace.toString(), "--json", "-"));
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(3, run.out().split("\"status\" : \"ok\"", -1).length - 1, run.out());
        assertEquals(2, run.out().split("\"baseline\" : \\{", -1).length - 1, "bump and freelist-best vs glibc");
        CliRun research = heaplab(quick("replay", "-a", "research", "-w", trace.toString(), "--csv", "-"));
        assertEquals(ExitCode.OK, research.exitCode(), research.err());
        assertEquals(1 + AllocatorRegistry.load().ofKind(AllocatorSpec.Kind.RESEARCH).size(),
            research.out().strip().split("\n").length, research.out());
    }

    @Test
    void shouldSuggestTheNearestNameForATypo() {
        CliRun allocator = heaplab("replay", "-a", "freelist-bset", "-w", "uniform-random");
        assertEquals(ExitCode.BAD_INPUT, allocator.exitCode());
        assertEquals("heaplab: unknown allocator 'freelist-bset'; did you mean 'freelist-best'?\n", allocator.err());
        CliRun group = heaplab("compare", "-a", "reserch", "-w", "uniform-random");
        assertEquals("heaplab: unknown allocator 'reserch'; did you mean 'research'?\n", group.err());
        CliRun workload = heaplab("compare", "-a", "bump", "-w", "uniform-randm");
        assertEquals(ExitCode.BAD_INPUT, workload.exitCode());
        assertEquals("heaplab: unknown workload 'uniform-randm'; did you mean 'uniform-random'?\n", workload.err());
        CliRun baseline = heaplab("replay", "-a", "bump", "--baseline", "glbc", "-w", "uniform-random");
        assertEquals("heaplab: unknown allocator 'glbc'; did you mean 'glibc'?\n", baseline.err());
    }

    @Test
    void shouldCompareEveryTraceFileOfADirectoryOrGlobAndSummariseTheSuite(@TempDir Path dir) throws IOException {
        Path suite = Files.createDirectory(dir.resolve("suite"));
        Files.writeString(suite.resolve("a.trace"), SMALL);
        Files.writeString(suite.resolve("b.trace"), TWO_BIG_BLOCKS);
        Files.writeString(suite.resolve("notes.md"), "not a trace");
        for (String w : List.of(suite.toString(), suite + "/*.trace")) {
            CliRun run = heaplab(quick("compare", "-a", "bump,freelist-best", "--baseline", "freelist-best", "-w", w));
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(run.out().contains("Workload: " + suite.resolve("a.trace") + "\n"), run.out());
            assertTrue(run.out().contains("Workload: " + suite.resolve("b.trace") + "\n"), run.out());
            assertTrue(run.out().contains("\nSuite summary over 2 workloads (throughput: geometric mean of the ratio to "
                + "freelist-best, 95% interval across workloads):\n"), run.out());
            assertTrue(run.out().lines().anyMatch(l -> l.matches("freelist-best +1\\.00x +\\[1\\.00, 1\\.00] +2/2 +[0-9.]+")),
                run.out());
        }
        CliRun json = heaplab(quick("compare", "-a", "bump,freelist-best", "--baseline", "freelist-best", "-w",
            suite.toString(), "--json", "-"));
        assertTrue(json.out().contains("  \"summary\" : {\n    \"baseline\" : \"freelist-best\",\n"
            + "    \"workloads\" : 2,\n"), json.out());
        CliRun none = heaplab("compare", "-a", "bump", "-w", suite + "/*.hltrace");
        assertEquals(ExitCode.BAD_INPUT, none.exitCode());
        assertEquals("heaplab: no trace file matches '" + suite + "/*.hltrace'\n", none.err());
    }

    @Test
    void shouldRefuseAnUnknownBenchmarkOrAllocatorWithOneLine() {
        CliRun bench = heaplab("bench", "NoSuchBench");
        assertEquals(ExitCode.BAD_INPUT, bench.exitCode(), bench.err());
        assertEquals("heaplab: no benchmark matches NoSuchBench; 'heaplab bench -l' lists them\n", bench.err());
        CliRun allocator = heaplab("bench", "AllocPairBench", "-p", "allocator=nosuch");
        assertEquals(ExitCode.BAD_INPUT, allocator.exitCode(), allocator.err());
        assertTrue(allocator.err().startsWith("heaplab: unknown allocator 'nosuch'; known: "), allocator.err());
        assertEquals(1, allocator.err().lines().count(), allocator.err());
    }
}
