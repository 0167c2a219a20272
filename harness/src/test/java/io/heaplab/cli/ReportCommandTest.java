package io.heaplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {

    /** A quick, in-JVM comparison of two allocators on a small recorded workload. */
    private static final String[] QUICK_COMPARE = {"compare", "-a", "bump,freelist-first", "--baseline", "bump",
        "-w", "c-wordfreq", "--forks", "0", "--runs", "2", "--warmup", "0", "--run-ms", "1"};

    @TempDir
    Path dir;

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void shouldWriteAReportDirectoryFromCompare() throws IOException {
        Path rep = dir.resolve("rep");
        CliRun run = CliRun.of(with(QUICK_COMPARE, "--report", rep.toString()));
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        for (String f : new String[] {"index.html", "results.json", "results.csv", "summary.md",
            "latency/bump__c-wordfreq.hgrm"}) {
            assertTrue(Files.isRegularFile(rep.resolve(f)), f);
        }
        assertTrue(run.err().contains("wrote " + rep.resolve("index.html") + "\n"), run.err());
        assertTrue(run.err().contains("wrote 2 latency histograms in " + rep.resolve("latency") + "\n"), run.err());
        String html = Files.readString(rep.resolve("index.html"));
        assertTrue(html.contains("<h2>Workload: c-wordfreq</h2>"));
        assertTrue(html.contains(">Request sizes in c-wordfreq</title>"), "the built-in trace's sizes are drawn");
    }

    @Test
    void shouldKeepJsonOnStandardOutputPureWhenAlsoWritingAReport() {
        CliRun run = CliRun.of(with(QUICK_COMPARE, "--json", "-", "--report", dir.resolve("rep").toString()));
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{") && run.out().strip().endsWith("}"), run.out());
        assertTrue(run.err().contains("wrote " + dir.resolve("rep").resolve("index.html")), run.err());
    }

    @Test
    void shouldRefuseAReportDirectoryThatIsAFileBeforeMeasuring() throws IOException {
        Path file = Files.writeString(dir.resolve("precious.txt"), "keep me");
        CliRun run = CliRun.of(with(QUICK_COMPARE, "--report", file.toString()));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: cannot write a report into " + file + ": it is a file, not a directory",
            run.err().lines().findFirst().orElseThrow());
        assertEquals("", run.out(), "nothing was measured");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void shouldRenderSavedResultsAndCompareTwoRuns() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(ExitCode.OK, CliRun.of(with(QUICK_COMPARE, "--json", a.toString())).exitCode());
        assertEquals(ExitCode.OK, CliRun.of(with(QUICK_COMPARE, "--json", b.toString())).exitCode());
        CliRun one = CliRun.of("report", a.toString(), "-o", dir.resolve("one").toString());
        assertEquals(ExitCode.OK, one.exitCode(), one.err());
        assertEquals(Files.readString(a), Files.readString(dir.resolve("one/results.json")),
            "saved results are re-rendered unchanged");
        CliRun two = CliRun.of("report", a.toString(), b.toString(), "-o", dir.resolve("two").toString());
        assertEquals(ExitCode.OK, two.exitCode(), two.err());
        assertTrue(two.out().startsWith("allocator            workload              before Mops/s   after Mops/s"),
            two.out());
        assertTrue(Files.readString(dir.resolve("two/index.html")).contains("<h2>" + b + " against " + a + "</h2>"));
    }

    @Test
    void shouldRefuseToOverwriteItsInput() throws IOException {
        Path rep = Files.createDirectory(dir.resolve("rep"));
        Path input = Files.writeString(rep.resolve("results.json"), "{}");
        CliRun run = CliRun.of("report", input.toString(), "-o", rep.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: refusing to write " + input + ": it is also an input (choose another -o DIR)\n",
            run.err());
        assertEquals("{}", Files.readString(input));
    }

    @Test
    void shouldNameTheFileAndPlaceOfMalformedResults() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"schema\": \"heaplab-results/1\",\n  \"results\": [}");
        CliRun run = CliRun.of("report", bad.toString(), "-o", dir.resolve("out").toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: " + bad + ":2:15: not valid JSON: Unexpected close marker '}': expected ']' (for the "
            + "Array opened at line 2, column 14)\n", run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void shouldWriteTheCapacityLessonWhereRustsCountsMatchHeaplabs() throws IOException {
        Path rep = dir.resolve("lesson");
        CliRun run = CliRun.of("teach", "capacity", "--allocator", "freelist-first", "--n", "100", "--repeat", "1",
            "--report", rep.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String page = Files.readString(rep.resolve("index.html"));
        assertTrue(page.contains("<h1>Why Vec::with_capacity matters: Vec&lt;i32&gt;, n = 100</h1>"));
        assertEquals(3, page.split("<td class=\"\">yes</td>", -1).length - 1, "all three cases agree with Rust");
        assertTrue(Files.readString(rep.resolve("capacity.json")).contains("\"command\" : \"teach capacity\""));
    }

    @Test
    void shouldWriteAReportFromReplay() {
        Path rep = dir.resolve("replay");
        CliRun run = CliRun.of("replay", "-a", "buddy", "-w", "c-wordfreq", "--forks", "0", "--runs", "2",
            "--warmup", "0", "--run-ms", "1", "--report", rep.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(rep.resolve("index.html")));
        assertTrue(Files.isRegularFile(rep.resolve("latency/buddy__c-wordfreq.hgrm")));
    }

    @Test
    void shouldWriteAHeapMapPage() throws IOException {
        Path page = dir.resolve("map.html");
        CliRun run = CliRun.of("heapmap", "-a", "buddy", "-w", "c-wordfreq", "-o", page.toString(), "--columns", "50",
            "--rows", "40");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("wrote " + page + "\n", run.err());
        assertEquals("", run.out());
        assertTrue(Files.readString(page).contains("<title id=\"heapmap-title\">Heap map: buddy replaying "
            + "c-wordfreq</title>"));
    }

    @Test
    void shouldRefuseAHeapMapOfANativeAllocator() {
        CliRun run = CliRun.of("heapmap", "-a", "glibc", "-w", "c-wordfreq", "-o", dir.resolve("m.html").toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: a heap map needs one of heaplab's research allocators (their addresses are offsets "
            + "into one heap); glibc is native\n", run.err());
    }
}
