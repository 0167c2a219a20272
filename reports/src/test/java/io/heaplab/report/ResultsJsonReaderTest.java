package io.heaplab.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResultsJsonReaderTest {

    private static ResultsJsonReader.MalformedResultsException malformed(String json) {
        return assertThrows(ResultsJsonReader.MalformedResultsException.class,
            () -> ResultsJsonReader.read(new StringReader(json), "r.json"));
    }

    @Test
    void shouldReadBackEveryFieldOfTheJsonFormat() throws IOException {
        String json = ResultFormats.JSON.render(SampleResults.document());
        ResultsDocument back = ResultsJsonReader.read(new StringReader(json), "r.json");
        assertEquals(json, ResultFormats.JSON.render(back));
        assertEquals(SampleResults.document().results().get(1).memory(), back.results().get(1).memory());
    }

    @Test
    void shouldNameFileLineAndColumnOfBrokenJson() {
        assertEquals("r.json:2:9: not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote "
            + "to start field name", malformed("{\n\"a\" : 1,}").getMessage());
    }

    @Test
    void shouldRejectAnotherSchema() {
        assertEquals("r.json: expected \"schema\": \"heaplab-results/1\", found \"heaplab-results/9\"",
            malformed("{\"schema\": \"heaplab-results/9\"}").getMessage());
        assertEquals("r.json: expected \"schema\": \"heaplab-results/1\", found no schema field",
            malformed("{}").getMessage());
    }

    @Test
    void shouldRejectAnEmptyFileAndANonObject() {
        assertEquals("r.json: empty file; expected a heaplab results JSON document", malformed("").getMessage());
        assertEquals("r.json: the document: expected an object, found an array", malformed("[1]").getMessage());
    }

    @Test
    void shouldNameAMissingRequiredField() {
        String json = "{\"schema\":\"heaplab-results/1\",\"environment\":{},\"settings\":{},\"results\":[{\"allocator\":"
            + "\"a\",\"status\":\"ok\"}]}";
        assertEquals("r.json: results[0].workload: expected a string, found nothing", malformed(json).getMessage());
    }

    @Test
    void shouldRejectDeepNestingWithoutExhaustingMemory() {
        String deep = "[".repeat(100_000);
        assertEquals("r.json:1:18: nested deeper than 16 levels; not a heaplab results document",
            malformed(deep).getMessage());
    }
}
