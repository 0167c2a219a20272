package io.heaplab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code heaplab heapmap} of fault-injected traces: misuses become red markers, a legend entry and a list. */
class HeapMapMisuseTest {

    private static final String CLEAN = """
        %heaplab-trace 1
        alloc 0 32 8
        alloc 1 64 8
        free 0
        """;

    @TempDir
    Path dir;

    private Path trace(String text) throws IOException {
        Path trace = dir.resolve("t" + text.hashCode() + ".hltrace");
        Files.writeString(trace, text);
        return trace;
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void shouldMarkAnInjectedDoubleFreeInRedWithALegendEntryAndListIt() throws IOException {
        Path injected = dir.resolve("faulty.hltrace");
        assertEquals(0, CliRun.of("inject", "-w", trace(CLEAN).toString(), "--fault", "double-free", "--count", "1",
            "-o", injected.toString()).exitCode());
        Path page = dir.resolve("map.html");
        CliRun run = CliRun.of("heapmap", "-a", "freelist-best", "-w", injected.toString(), "-o", page.toString(),
            "--columns", "4", "--rows", "8");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String html = Files.readString(page);
        assertEquals(1, count(html, "class=\"misuse-marker\" data-op=\"3\" data-address=\"0\""), html);
        assertTrue(html.contains("stroke=\"#FF0000\""), "the marker is red");
        assertTrue(html.contains("<g class=\"misuse-legend\">"), "a legend entry");
        assertTrue(html.contains(">misuse (1)</text>"), html);
        assertTrue(html.contains("1 misuse detected, 1 faults injected according to the trace's labels"), html);
        assertTrue(html.matches("(?s).*<tr><td class=\"num\" data-v=\"3\">3</td><td class=\"num\" data-v=\"0\">0x0</td>"
            + "<td class=\"bad\">DOUBLE_FREE</td><td>double free of 0x0 [^<]*at op 3[^<]*</td></tr>.*"), html);
    }

    @Test
    void shouldDrawNoMarkersForACleanReplayWithoutCheck() throws IOException {
        Path page = dir.resolve("map.html");
        CliRun run = CliRun.of("heapmap", "-a", "freelist-best", "-w", trace(CLEAN).toString(), "-o",
            page.toString(), "--columns", "4", "--rows", "8");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String html = Files.readString(page);
        assertFalse(html.contains("misuse"), "an unchecked map has no misuse legend nor list");
    }

    @Test
    void shouldMarkEachMisuseOfAHandWrittenTraceWithCheckCheap() throws IOException {
        Path bad = trace("%heaplab-trace 1\nalloc 0 32 8\nalloc 1 64 8\nfree 0\nfree 0\nfree 1\nfree 1\n");
        Path page = dir.resolve("map.html");
        CliRun run = CliRun.of("heapmap", "-a", "buddy", "-w", bad.toString(), "-o", page.toString(), "--check",
            "cheap", "--columns", "6", "--rows", "8");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String html = Files.readString(page);
        assertEquals(2, count(html, "class=\"misuse-marker\""), html);
        assertEquals(2, count(html, "<td class=\"bad\">DOUBLE_FREE</td>"), html);
        assertTrue(html.contains("level cheap, RECORD mode): 2 misuses detected."), html);
    }

    @Test
    void shouldRefuseAnUnknownCheckLevel() throws IOException {
        CliRun run = CliRun.of("heapmap", "-a", "buddy", "-w", trace(CLEAN).toString(), "-o",
            dir.resolve("m.html").toString(), "--check", "max");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("heaplab: --check: unknown check level 'max'; expected off, cheap or full\n", run.err());
        assertTrue(Files.notExists(dir.resolve("m.html")));
    }
}
