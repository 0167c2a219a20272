package io.heaplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiny traces whose headers or ids claim huge sizes: before, each made {@code replay} die with an
 * OutOfMemoryError (or refuse an id that {@code trace validate} accepts).
 */
class HostileTraceReplayTest {

    private static final String MAGIC = "%heaplab-trace 1\n";

    private static CliRun replay(Path trace) {
        return CliRun.of("replay", "-a", "bump", "-w", trace.toString(), "--forks", "0", "--runs", "1",
            "--warmup", "0", "--run-ms", "1", "--json", "-");
    }

    @Test
    void shouldRefuseWithOneLineATraceShorterThanItsDeclaredOpCount(@TempDir Path dir) throws IOException {
        Path trace = Files.writeString(dir.resolve("ops.trace"), MAGIC + "%ops 2000000000\nalloc 0 16 16\nfree 0\n");
        CliRun run = replay(trace);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: malformed trace: " + trace + ":4: trace ends after 2 operations but the header says"
            + " '%ops 2000000000' (truncated file?)\n", run.err());
    }

    @Test
    void shouldReplayATraceDeclaringTwoBillionIdsInTextAndBinary(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("ids.trace"), MAGIC + "%ids 2000000000\nalloc 0 16 16\nfree 0\n");
        Path binary = dir.resolve("ids.hltrace");
        assertEquals(ExitCode.OK, CliRun.of("trace", "convert", text.toString(), binary.toString()).exitCode());
        for (Path trace : new Path[] {text, binary}) {
            CliRun run = replay(trace);
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(run.out().contains("\"ops\" : 2,"), run.out());
        }
    }

    @Test
    void shouldReplayTheLargestIdsThatValidationAcceptsInTextAndBinary(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("big-ids.trace"), MAGIC
            + "alloc 2147483628 16 16\nalloc 2147483646 8 8\nfree 2147483628\nfree 2147483646\n");
        Path binary = dir.resolve("big-ids.hltrace");
        assertEquals(ExitCode.OK, CliRun.of("trace", "validate", text.toString()).exitCode());
        assertEquals(ExitCode.OK, CliRun.of("trace", "convert", text.toString(), binary.toString()).exitCode());
        for (Path trace : new Path[] {text, binary}) {
            CliRun run = replay(trace);
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertTrue(run.out().contains("\"ops\" : 4,"), run.out());
            assertTrue(run.out().contains("\"traceErrors\" : 0,"), run.out());
        }
    }
}
