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
    void shouldExitWith2ForAProgramThatDoesNotExist() {
        assumeTrue(HeaptrackRecorder.findHeaptrack().isPresent(), "heaptrack is not installed");
        CliRun run = CliRun.of("record", "--", "no-such-program-xyz");
        assertEquals(2, run.exitCode());
        assertEquals("heaplab: cannot record 'no-such-program-xyz': no such executable on PATH\n", run.err());
    }
}
