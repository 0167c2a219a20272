package io.heaplab.cli;

import io.heaplab.workloads.record.HeaptrackRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code heaplab record}; skipped where heaptrack is not installed. */
class RecordCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRecordAProgramAndPrintAOneLineSummary() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path out = dir.resolve("sort.trace");
        Path input = Files.writeString(dir.resolve("in.txt"), "b\na\nc\n");
        CliRun run = CliRun.of("record", "-o", out.toString(), "--", "sort", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("recorded \\d+ ops, peak live \\d+ bytes \\(\\d+ blocks\\), \\d+ distinct sizes -> "
            + java.util.regex.Pattern.quote(out.toString()) + "\n"), run.out());
        assertTrue(Files.readString(out).startsWith("%heaplab-trace 1\n%name sort\n%source heaptrack: sort "));
    }

    @Test
    void shouldTakeTheProgramsOwnOptionsAsItsArgumentsWithoutADoubleDash() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path out = dir.resolve("sort.trace");
        Path input = Files.writeString(dir.resolve("in.txt"), "b\na\nc\n");
        CliRun run = CliRun.of("record", "-o", out.toString(), "sort", "-r", "-o", dir.resolve("sorted").toString(),
            input.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("c\nb\na\n", Files.readString(dir.resolve("sorted")));
        assertTrue(Files.readString(out).contains("%source heaptrack: sort -r -o "), Files.readString(out));
    }

    @Test
    void shouldWarnThatAScriptIsRecordedInsteadOfTheProgramItStarts() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        // bash, not dash: dash allocates nothing, and a recording without a heap operation is refused. The script runs
        // only a builtin: a program exec'd under heaptrack's preload can block on heaptrack's pipe once the first
        // process is gone (seen here: 'true' asleep in wait_for_partner, the test hung).
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        Path script = Files.writeString(dir.resolve("wrapper.sh"), "#!/bin/bash\n: only a builtin\n");
        script.toFile().setExecutable(true);
        CliRun run = CliRun.of("record", "-o", dir.resolve("w.trace").toString(), "--", script.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("heaplab: note: " + script + " is a script; heaptrack records the interpreter it starts, not "
            + "programs the script runs. Record the real binary if that is what you want.\nwrote "
            + dir.resolve("w.trace") + "\n", run.err());
    }

    @Test
    void shouldExitWith2ForAProgramThatDoesNotExist() {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        CliRun run = CliRun.of("record", "--", "no-such-program-xyz");
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: cannot record 'no-such-program-xyz': no such executable on PATH\n", run.err());
    }

    @Test
    void shouldSayWroteFileAndLeaveNoTemporaryFileBehind() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path out = dir.resolve("sort.hltrace.gz");
        Path input = Files.writeString(dir.resolve("in.txt"), "b\na\n");
        CliRun run = CliRun.of("record", "-o", out.toString(), "--", "sort", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("wrote " + out + "\n", run.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("in.txt", "sort.hltrace.gz"), files.map(p -> p.getFileName().toString()).sorted()
                .toList());
        }
        try (var reader = io.heaplab.trace.Traces.open(out)) {
            assertTrue(reader.header().opCount() > 0);
        }
    }

    @Test
    void shouldExitWith2AndWriteNothingWhenHeaptrackRecordedNoHeapOperation() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        assumeTrue(Files.isExecutable(Path.of("/bin/dash")), "dash is not installed");
        Path script = Files.writeString(dir.resolve("quiet.sh"), "#!/bin/dash\nexec true\n");
        script.toFile().setExecutable(true);
        Path out = dir.resolve("q.trace");
        CliRun run = CliRun.of("record", "-o", out.toString(), "--", script.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().endsWith("\nheaplab: heaptrack recorded no heap operation of " + script + " (it follows only "
            + "the process it starts: record the real binary, not a script or wrapper that runs it)\n"),
            run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseToRecordOntoTheProgramItself() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path program = dir.resolve("prog");
        Files.copy(Path.of("/usr/bin/true"), program);
        byte[] before = Files.readAllBytes(program);
        CliRun run = CliRun.of("record", "-o", program.toString(), "--", program.toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: refusing to write " + program + ": it is also an input (write to another file, then "
            + "rename it)\n", run.err());
        assertArrayEquals(before, Files.readAllBytes(program));
    }

    @Test
    void shouldRefuseAMissingOutputDirectoryBeforeRunningTheProgram() throws Exception {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        Path marker = dir.resolve("ran");
        Path missing = dir.resolve("no");
        CliRun run = CliRun.of("record", "-o", missing.resolve("t.trace").toString(), "--", "touch",
            marker.toString());
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: cannot write " + missing.resolve("t.trace") + ": directory " + missing
            + " does not exist\n", run.err());
        assertFalse(Files.exists(marker), "the program must not run when its recording cannot be written");
        assertFalse(Files.exists(missing));
    }
}
