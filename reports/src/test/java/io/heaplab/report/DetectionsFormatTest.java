package io.heaplab.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A checked replay's detections in every result format. */
class DetectionsFormatTest {

    private static final Detections FOUND;

    static {
        Map<String, Long> kinds = new LinkedHashMap<>();
        kinds.put("double-free", 2L);
        kinds.put("invalid-free", 1L);
        FOUND = new Detections("cheap", 3, kinds, List.of("double free of 0x40 (48 B, align 16) at op 7",
            "double free of 0x80 (48 B, align 16) at op 9", "invalid free of 0x10000000040 at op 12"));
    }

    /** The sample document with detections on its second (measured, research) pair. */
    private static ResultsDocument checked() {
        ResultsDocument d = SampleResults.document();
        List<PairResult> results = new ArrayList<>(d.results());
        results.set(1, results.get(1).withDetections(FOUND));
        return new ResultsDocument(d.environment(), d.settings(), results, d.verdicts(), d.summary());
    }

    @Test
    void shouldSummariseDetectionsOnOneLine() {
        assertEquals("detections: 3 (double-free 2, invalid-free 1)", FOUND.summary());
        assertEquals("detections: 0", new Detections("full", 0, Map.of(), List.of()).summary());
    }

    @Test
    void shouldReadDetectionsBackFromJsonExactly() throws IOException {
        String json = ResultFormats.JSON.render(checked());
        assertTrue(json.contains("\"detections\" : {\n      \"level\" : \"cheap\",\n      \"total\" : 3,\n"
            + "      \"byKind\" : {\n        \"double-free\" : 2,\n        \"invalid-free\" : 1\n      },"), json);
        ResultsDocument back = ResultsJsonReader.read(new StringReader(json), "r.json");
        assertEquals(FOUND, back.results().get(1).detections());
        assertNull(back.results().get(0).detections());
        assertEquals(List.of("double-free", "invalid-free"), List.copyOf(back.results().get(1).detections()
            .byKind().keySet()));
    }

    @Test
    void shouldWriteTheDetectionColumnsInCsv() {
        String[] lines = ResultFormats.CSV.render(checked()).split("\n");
        assertTrue(lines[0].endsWith(",detections,detectionKinds"), lines[0]);
        assertTrue(lines[2].endsWith(",true,3,double-free=2;invalid-free=1"), lines[2]);
        assertTrue(lines[1].endsWith(",,"), lines[1]);
    }

    @Test
    void shouldListDetectionsPerPairInTheTextTablesAndDetails() {
        ResultsDocument d = checked();
        String table = TextSections.workload("shuffled-free", d.results(), null, null);
        assertTrue(table.contains("Misuses detected by the checked allocators (--check cheap):\n"
            + "  freelist-best: detections: 3 (double-free 2, invalid-free 1)\n"), table);
        String detail = ResultFormats.DETAIL.render(d);
        assertTrue(detail.contains("  misuses (--check cheap): 3 (double-free 2, invalid-free 1)\n"
            + "    double free of 0x40 (48 B, align 16) at op 7\n"), detail);
    }
}
