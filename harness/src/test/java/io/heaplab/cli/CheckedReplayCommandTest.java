package io.heaplab.cli;

import io.heaplab.report.Detections;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultsJsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code replay} and {@code compare} with {@code --check}: misuses counted per pair, in text, JSON and CSV. */
class CheckedReplayCommandTest {

    private static final String[] QUICK = {"--runs", "1", "--warmup", "0", "--run-ms", "1", "--forks", "0"};

    /** Injects {@code count} double frees into a built-in workload; {@return the trace} */
    private static Path injected(Path dir, int count) {
        Path trace = dir.resolve("df.trace");
        CliRun run = CliRun.of("inject", "-w", "c-wordfreq", "--fault", "double-free", "--count",
            Integer.toString(count), "--seed", "7", "-o", trace.toString());
        assertEquals(0, run.exitCode(), run.err());
        return trace;
    }

    /** {@return the labels' positions of the injected double frees, read from the labels file} */
    private static List<Long> injectedPositions(Path trace) throws IOException {
        return Files.readAllLines(Path.of(trace + ".labels")).stream()
            .filter(l -> l.contains(" double-free "))
            .map(l -> Long.parseLong(l.split(" ")[0])).toList();
    }

    private static String[] args(String... first) {
        String[] all = new String[first.length + QUICK.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(QUICK, 0, all, first.length, QUICK.length);
        return all;
    }

    @Test
    void shouldReportExactlyTheInjectedDoubleFreesInJsonWithCheckFull(@TempDir Path dir) throws IOException {
        Path trace = injected(dir, 4);
        List<Long> positions = injectedPositions(trace);
        assertEquals(4, positions.size());
        CliRun run = CliRun.of(args("replay", "-a", "freelist-best", "-w", trace.toString(), "--check", "full",
            "--json", "-"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"detections\" : {\n      \"level\" : \"full\",\n      \"total\" : 4,"),
            run.out());
        PairResult result = ResultsJsonReader.read(new StringReader(run.out()), "stdout").results().getFirst();
        assertEquals(PairResult.Status.OK, result.status());
        Detections detections = result.detections();
        assertEquals("full", detections.level());
        assertEquals(positions.size(), detections.total());
        assertEquals(java.util.Map.of("double-free", (long) positions.size()), detections.byKind());
        List<String> messages = detections.messages();
        assertEquals(3, messages.size());
        for (int k = 0; k < 3; k++) {
            String message = messages.get(k);
            assertTrue(message.startsWith("double free of 0x") && message.contains(" at op " + positions.get(k) + ";"),
                message);
        }
    }

    @Test
    void shouldRefuseAnInjectedDoubleFreeWithoutCheckSayingToUseCheck(@TempDir Path dir) throws IOException {
        Path trace = injected(dir, 2);
        CliRun run = CliRun.of(args("replay", "-a", "freelist-best", "-w", trace.toString()));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().matches("heaplab: malformed trace: " + java.util.regex.Pattern.quote(trace.toString())
            + ":\\d+: free of id \\d+, which is not live \\(a misuse, e\\.g\\. an injected double free: replay it "
            + "with --check cheap or --check full to count it, or run 'heaplab detect'\\)\n"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldReportZeroDetectionsOnACleanBuiltInWorkloadWithCheckCheap() {
        CliRun run = CliRun.of(args("compare", "-a", "freelist-first,sizeclass-4x", "-w", "uniform-random",
            "--baseline", "none", "--check", "cheap"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Misuses detected by the checked allocators (--check cheap):\n"
            + "  freelist-first: detections: 0\n  sizeclass-4x: detections: 0\n"), run.out());
    }

    @Test
    void shouldWriteTheDetectionColumnsInCsv(@TempDir Path dir) throws IOException {
        Path trace = injected(dir, 2);
        CliRun run = CliRun.of(args("compare", "-a", "buddy,glibc", "-w", trace.toString(), "--baseline", "none",
            "--check", "cheap", "--csv", "-"));
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        int total = header.indexOf("detections");
        int kinds = header.indexOf("detectionKinds");
        assertTrue(total > 0 && kinds == total + 1, lines.get(0));
        String[] buddy = lines.get(1).split(",", -1);
        assertEquals("buddy", buddy[0]);
        assertEquals("2", buddy[total]);
        assertEquals("double-free=2", buddy[kinds]);
        assertTrue(lines.get(2).startsWith("glibc,native," + trace + ",unavailable,\"--check cheap wraps research "
            + "allocators only: a native allocator's blocks are not in a heaplab heap, so they cannot be checked\","),
            lines.get(2));
    }

    @Test
    void shouldRefuseAnUnknownCheckLevel() {
        CliRun run = CliRun.of("replay", "-a", "bump", "-w", "fixed-lifo", "--check", "paranoid");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: --check: unknown check level 'paranoid'; expected off, cheap or full\n", run.err());
    }
}
