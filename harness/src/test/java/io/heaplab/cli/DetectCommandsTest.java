package io.heaplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code heaplab inject} and {@code heaplab detect} on small traces whose one free forces the fault's site. */
class DetectCommandsTest {

    private static final String CLEAN = """
        %heaplab-trace 1
        alloc 0 32 8
        alloc 1 64 8
        free 0
        """;

    @TempDir
    Path dir;

    private Path clean() throws IOException {
        Path trace = dir.resolve("clean.hltrace");
        Files.writeString(trace, CLEAN);
        return trace;
    }

    private static List<String> ops(Path trace) throws IOException {
        return Files.readAllLines(trace).stream().filter(l -> !l.startsWith("%") && !l.startsWith("#")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "double-free            | alloc 0 32 8;alloc 1 64 8;free 0;free 0            | 3 double-free 0",
        "double-free-after-reuse| alloc 0 32 8;alloc 1 64 8;free 0;free 0            | 3 double-free-after-reuse 0",
        "invalid-free           | alloc 0 32 8;alloc 1 64 8;free-at 0 1099511627776 32 8;free 0 | 2 invalid-free 0",
        "interior-free          | alloc 0 32 8;alloc 1 64 8;free-at 0 8 32 8;free 0  | 2 interior-free 0",
        "wrong-layout           | alloc 0 32 8;alloc 1 64 8;free-at 0 0 4160 8       | 2 wrong-layout 0",
        "use-after-free-write   | alloc 0 32 8;alloc 1 64 8;free 0;write 0 0 8       | 3 use-after-free-write 0",
        "overflow-write         | alloc 0 32 8;alloc 1 64 8;write 0 32 1;free 0      | 2 overflow-write 0",
        "leak                   | alloc 0 32 8;alloc 1 64 8                          | 2 leak 0"})
    void shouldInjectEachFaultAsItsOperationAndLabelIt(String fault, String expectedOps, String expectedLabel)
        throws IOException {
        Path out = dir.resolve("faulty.hltrace");
        CliRun run = CliRun.of("inject", "-w", clean().toString(), "--fault", fault.strip(), "--count", "1",
            "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(expectedOps.strip().split(";")), ops(out));
        assertEquals(List.of("%heaplab-faults 1", "# position kind id", expectedLabel.strip()),
            Files.readAllLines(Path.of(out + ".labels")));
        assertTrue(run.err().contains("wrote " + out), run.err());
    }

    @Test
    void shouldRefuseAnUnknownFaultWithTheKnownNames() throws IOException {
        CliRun run = CliRun.of("inject", "-w", clean().toString(), "--fault", "nope", "-o",
            dir.resolve("x.hltrace").toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: unknown fault 'nope'; known: double-free, double-free-after-reuse, invalid-free,"
            + " interior-free, wrong-layout, use-after-free-write, overflow-write, leak", run.err().strip());
        assertTrue(Files.notExists(dir.resolve("x.hltrace")), "nothing written on bad input");
    }

    @Test
    void shouldRefuseANativeAllocatorForDetection() throws IOException {
        CliRun run = CliRun.of("detect", "-a", "glibc", "-w", clean().toString(), "--no-probe");
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: detect runs heaplab's research allocators only; 'glibc' is native (a misuse of a"
            + " native allocator would crash the JVM)", run.err().strip());
    }

    @Test
    void shouldReplayAnInjectedDoubleFreeAndDetectItAtEveryLevel() throws IOException {
        CliRun run = CliRun.of("detect", "-a", "freelist-best", "-w", clean().toString(), "--fault", "double-free",
            "--count", "1", "--runs", "1", "--no-probe");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\\nfreelist-best +cheap +double-free +1 +1 +0 +0 +0\\.0 +0\\n.*"),
            run.out());
        assertTrue(run.out().matches("(?s).*\\nfreelist-best +full +double-free +1 +1 +0 +0 +0\\.0 +0\\n.*"),
            run.out());
        assertTrue(run.out().matches("(?s).*\\nfreelist-best +[0-9.]+ +0 +[0-9.]+ \\([0-9.]+x\\) +0 .*"),
            "zero false positives on the clean trace: " + run.out());
    }

    @Test
    void shouldReplayATraceWrittenByInjectWithItsLabels() throws IOException {
        Path out = dir.resolve("faulty.hltrace");
        assertEquals(0, CliRun.of("inject", "-w", clean().toString(), "--fault", "wrong-layout", "--count", "1",
            "-o", out.toString()).exitCode());
        CliRun run = CliRun.of("detect", "-a", "buddy", "-w", out.toString(), "--fault", "wrong-layout",
            "--level", "cheap", "--no-probe");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\\nbuddy +cheap +wrong-layout +1 +1 +0 +0 +0\\.0 +0\\n.*"), run.out());
    }

    @Test
    void shouldWriteTheDetectionReportWithTheMatrixRowsAndTheJson() throws IOException {
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("detect", "-a", "freelist-best", "-w", clean().toString(), "--fault", "double-free",
            "--count", "1", "--runs", "1", "--no-probe", "--report", report.toString());
        assertEquals(0, run.exitCode(), run.err());
        String html = Files.readString(report.resolve("index.html"));
        for (String level : List.of("cheap", "full")) {
            assertTrue(html.contains("<tr><td>freelist-best</td><td>" + level + "</td><td>double-free</td>"
                + "<td class=\"num\" data-v=\"1\">1</td><td class=\"num\" data-v=\"1\">1</td>"
                + "<td class=\"num\" data-v=\"0\">0</td><td class=\"num\" data-v=\"0\">0</td>"
                + "<td class=\"num\" data-v=\"1\">100.0 %</td>"), html);
        }
        assertTrue(html.contains("<tr><td>freelist-best</td><td>off</td>"), "the cost table has the unchecked row");
        String json = Files.readString(report.resolve("detect.json"));
        assertTrue(json.contains("\"allocator\" : \"freelist-best\""), json);
        assertTrue(json.matches("(?s).*\"double-free\" : \\{\\s*\"injected\" : 1,\\s*\"detected\" : 1,.*"), json);
        assertTrue(run.err().contains("wrote " + report.resolve("index.html")), run.err());
        assertTrue(run.err().contains("wrote " + report.resolve("detect.json")), run.err());
    }

    @Test
    void shouldRefuseAReportDirectoryThatIsAFileBeforeDetecting() throws IOException {
        Path file = dir.resolve("taken");
        Files.writeString(file, "mine");
        CliRun run = CliRun.of("detect", "-a", "buddy", "-w", clean().toString(), "--no-probe", "--report",
            file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("heaplab: cannot write a report into " + file + ": it is a file, not a "
            + "directory"), run.err());
        assertEquals("mine", Files.readString(file));
    }
}
