package io.heaplab.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultFormatsTest {

    @Test
    void shouldWriteTheDocumentedJsonFieldsWithNullForWhatWasNotObserved() throws IOException {
        String json = ResultFormats.JSON.render(SampleResults.document());
        assertTrue(json.startsWith("""
            {
              "schema" : "heaplab-results/1",
              "environment" : {
                "heaplabVersion" : "0.1.0","""), json);
        assertTrue(json.contains("""
                "allocator" : "glibc",
                "allocatorKind" : "native",
                "workload" : "shuffled-free",
                "status" : "ok",
                "message" : "",
                "heapBytes" : null,
                "ops" : 10,
                "allocs" : 5,
                "frees" : 5,
                "reallocs" : {
                  "inPlace" : 0,
                  "moved" : 0
                },
                "failedAllocations" : 0,
            """), json);
        assertTrue(json.contains("""
                "peakLiveBytes" : 1000,
                "peakFootprintBytes" : null,
                "utilization" : null,
                "fragmentation" : null,
                "internalFragmentationBytes" : 40,
            """), json);
        assertTrue(json.contains("""
                "latencyNs" : {
                  "p50" : 70,
                  "p90" : 80,
                  "p99" : 200,
                  "p999" : 500,
                  "max" : 12000,
            """), json);
        assertTrue(json.contains("""
                "baseline" : {
                  "allocator" : "glibc",
                  "ratio" : 0.5,
                  "ci95Low" : 0.42,
                  "ci95High" : 0.58,
                  "pValue" : 0.001,
                  "test" : "welch-t",
                  "significant" : true
                },
            """), json);
        assertTrue(json.contains("""
              }, {
                "allocator" : "jemalloc",
                "allocatorKind" : "native",
                "workload" : "shuffled-free",
                "status" : "unavailable",
                "message" : "jemalloc is unavailable: libjemalloc.so.2 is not installed"
              } ],
              "verdicts" : [ {
                "workload" : "shuffled-free",
                "leastWasteful" : [ "freelist-best" ],
                "bestUtilization" : 0.8,
                "fastest" : [ "glibc" ],
                "bestOpsPerSecond" : 2.0E7,
                "excluded" : [ ]
              } ],
              "summary" : null
            }
            """), json);
    }

    @Test
    void shouldWriteJsonThatAParserReadsBack() throws IOException {
        String json = ResultFormats.JSON.render(SampleResults.document());
        int results = 0;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("opsPerSecond")) {
                    results++;
                }
            }
        }
        assertEquals(2, results);
    }

    @Test
    void shouldWriteOneCsvLinePerPairWithEmptyCellsForUnobservedValues() {
        String[] lines = ResultFormats.CSV.render(SampleResults.document()).split("\n");
        assertEquals(4, lines.length);
        assertEquals(String.join(",", CsvResultFormat.COLUMNS), lines[0]);
        assertEquals("freelist-best,research,shuffled-free,ok,,1048576,10,5,5,1,2,0,1,0,0,1000,1250,0.8,0.25,16,0.5,"
            + "0.25,1.0E7,9000000.0,1.1E7,3,1,2,70,80,200,500,12000,glibc,0.5,0.42,0.58,0.001,true,,", lines[2]);
        assertEquals("jemalloc,native,shuffled-free,unavailable,jemalloc is unavailable: libjemalloc.so.2 is not "
            + "installed" + ",".repeat(CsvResultFormat.COLUMNS.size() - 5), lines[3]);
    }

    @Test
    void shouldPrintOneTablePerWorkloadWithNotesAndALegend() {
        String text = ResultFormats.TEXT.render(SampleResults.document());
        assertTrue(text.startsWith("3 allocators x 1 workload; each throughput figure rests on 3 timed runs "
            + "(1 forked JVM per allocator, 3 runs of >= 20 ms after 2 warm-ups each, 2 more on a JVM's first "
            + "workload); block contents verified.\n"), text);
        assertTrue(text.contains("""
            Workload: shuffled-free
            allocator      util %  frag %  internal %  ext.frag %  Mops/s (95% CI)  vs glibc            p99 ns  failed
            -------------  ------  ------  ----------  ----------  ---------------  ------------------  ------  ------
            glibc             n/a     n/a         4.0         n/a     20.00 ± 1.00  baseline               120       0
            freelist-best    80.0    25.0         1.6        50.0     10.00 ± 1.00  0.50x [0.42, 0.58]     200       0
            Not measured, degraded or with errors:
              jemalloc: unavailable (jemalloc is unavailable: libjemalloc.so.2 is not installed)
            In short: least memory wasted by freelist-best (util 80.0 %); fastest glibc (20.00 Mops/s).
            """), text);
        assertTrue(text.contains("  n/a          not observable: native allocators"), text);
    }

    @Test
    void shouldMarkADegradedPairAndNeverNameItInTheVerdict() {
        String text = ResultFormats.TEXT.render(SampleResults.degradedAndTied());
        assertTrue(text.contains("""
            Workload: growth
            allocator        util %  frag %  internal %  ext.frag %  Mops/s (95% CI)  vs glibc                 p99 ns  failed
            ---------------  ------  ------  ----------  ----------  ---------------  -----------------------  ------  ------
            bump (degraded)    90.0    10.0         0.0         0.0            90.00  -                           n/a  127457
            glibc               n/a     n/a         n/a         n/a     20.00 ± 1.00  baseline                    n/a       0
            mimalloc            n/a     n/a         n/a         n/a     19.80 ± 1.80  0.99x [0.88, 1.10] n.s.     n/a       0
            Not measured, degraded or with errors:
              bump: degraded (127457 allocations failed: it replayed less than the others, so it is left out of the verdicts)
            In short: fastest: tie between glibc, mimalloc (no significant difference; best 20.00 Mops/s); left out \
            (failed allocations): bump.
            """), text);
        assertTrue(!text.contains("NaN"), text);
        String json = ResultFormats.JSON.render(SampleResults.degradedAndTied());
        assertTrue(json.contains("""
                "workload" : "growth",
                "status" : "degraded",
                "message" : "127457 allocations failed (heap exhausted)",
                "heapBytes" : 65536,
            """), json);
        String csv = ResultFormats.CSV.render(SampleResults.degradedAndTied());
        assertTrue(csv.contains("\nbump,research,growth,degraded,127457 allocations failed (heap exhausted),65536,"),
            csv);
        String detail = ResultFormats.DETAIL.render(SampleResults.degradedAndTied());
        assertTrue(detail.contains("  throughput: 90.000 Mops/s, 95% CI n/a (an interval needs at least 2 runs), "
            + "1 run in 1 fork\n"), detail);
        assertTrue(!detail.contains("NaN"), detail);
    }

    @Test
    void shouldPrintTheSuiteSummaryInTextAndJson() {
        ResultsDocument document = SampleResults.degradedAndTied();
        String text = ResultFormats.TEXT.render(document);
        assertTrue(text.contains("""

            Suite summary over 2 workloads (throughput: geometric mean of the ratio to glibc, 95% interval across \
            workloads):
            allocator      vs glibc (geomean)  95% interval  workloads  mean util %
            -------------  ------------------  ------------  ---------  -----------
            glibc                       1.00x  [1.00, 1.00]        2/2          n/a
            freelist-best               0.50x           n/a        1/2         80.0
            mimalloc                    0.99x           n/a        1/2          n/a
            Overall: least memory wasted by freelist-best (highest mean utilization); fastest glibc (highest geometric \
            mean) (among allocators measured on every workload).
            """), text);
        String json = ResultFormats.JSON.render(document);
        assertTrue(json.contains("""
              "summary" : {
                "baseline" : "glibc",
                "workloads" : 2,
                "fastest" : [ "glibc" ],
                "leastWasteful" : [ "freelist-best" ],
                "allocators" : [ {
                  "allocator" : "glibc",
                  "ratioWorkloads" : 2,
                  "geomeanRatio" : 1.0,
                  "ci95Low" : 1.0,
                  "ci95High" : 1.0,
                  "meanUtilization" : null,
                  "utilizationWorkloads" : 0
                }, {""".indent(2)), json);
    }
}
