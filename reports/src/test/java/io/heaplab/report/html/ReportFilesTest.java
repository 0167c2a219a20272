package io.heaplab.report.html;

import io.heaplab.report.ResultFormats;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.ResultsJsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryReportFileAndLeaveNoTemporaryFiles() throws IOException {
        Map<String, String> files = ReportFiles.of(ReportFixtures.document());
        List<Path> written = new ArrayList<>();
        ReportFiles.write(dir.resolve("rep"), files, written::add);
        assertEquals("index.html", written.getLast().getFileName().toString(), "the page is written last");
        assertTrue(files.keySet().containsAll(List.of("results.json", "results.csv", "summary.md", "index.html",
            "latency/buddy__shuffled-free.hgrm", "latency/glibc__defeat-buddy.hgrm")));
        for (Map.Entry<String, String> e : files.entrySet()) {
            assertEquals(e.getValue(), Files.readString(dir.resolve("rep").resolve(e.getKey())));
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        }
    }

    @Test
    void shouldReadBackTheResultsItWrites() throws IOException {
        ResultsDocument doc = ReportFixtures.document();
        String json = ReportFiles.of(doc).get("results.json");
        ResultsDocument back = ResultsJsonReader.read(new StringReader(json), "results.json");
        assertEquals(json, ResultFormats.JSON.render(back));
    }

    @Test
    void shouldNameHistogramFilesSafely() {
        assertEquals("_.._etc_passwd", ReportFiles.safeName("/../etc/passwd"));
        assertEquals("_hidden", ReportFiles.safeName(".hidden"));
    }

    @Test
    void shouldWriteHgrmPercentileRowsAsHdrHistogramDoes() {
        String hgrm = ReportFiles.of(ReportFixtures.document()).get("latency/glibc__defeat-buddy.hgrm");
        List<String> lines = hgrm.lines().toList();
        assertEquals("       Value     Percentile TotalCount 1/(1-Percentile)", lines.get(0));
        assertEquals("      50.000 0.500000000000        300           2.00", lines.get(2));
        assertEquals("    9000.000 1.000000000000        600", lines.get(6));
    }

    @Test
    void shouldWriteAMarkdownTablePerWorkload() {
        String md = ReportFiles.of(ReportFixtures.document()).get("summary.md");
        assertTrue(md.contains("| buddy | 60.0 % | 40 [39.5, 40.5] | 2× | 250 ns | 0 |\n"), md);
        assertTrue(md.contains("| jemalloc | unavailable: jemalloc is unavailable: libjemalloc.so.2 is not installed"
            + " | | | | |\n"), md);
    }

    @Test
    void shouldRefuseAFileNameThatEscapesTheDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ReportFiles.write(dir, Map.of("../x", ""), p -> { }));
        assertEquals("report file escapes its directory: ../x", e.getMessage());
    }
}
