package io.heaplab.cli;

import io.heaplab.workloads.record.HeaptrackRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        Path script = Files.writeString(dir.resolve("wrapper.sh"), "#!/bin/sh\nexec true\n");
        script.toFile().setExecutable(true);
        CliRun run = CliRun.of("record", "-o", dir.resolve("w.trace").toString(), "--", script.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("heaplab: note: " + script + " is a script; heaptrack records the interpreter it starts, not "
            + "programs the script runs. Record the real binary if that is what you want.\n", run.err());
    }

    @Test
    void shouldExitWith2ForAProgramThatDoesNotExist() {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        CliRun run = CliRun.of("record", "--", "no-such-program-xyz");
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: cannot record 'no-such-program-xyz': no such executable on PATH\n", run.err());
    }
}
