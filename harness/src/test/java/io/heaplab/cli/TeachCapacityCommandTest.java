package io.heaplab.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.handles.CapacityLesson;
import io.heaplab.alloc.handles.RustPrimitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code heaplab teach capacity}: Rust's counts in JSON and in the table, and one-line errors for bad input. */
class TeachCapacityCommandTest {

    private static final String ABSENT_REASON = "absent is unavailable: libabsent.so.1 is not installed";

    /** Output of one run: exit code, standard output, standard error. */
    private record Run(int code, String out, String err) {
    }

    private static Run heaplab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@return every object of the "results" array, fields as text} */
    private static List<Map<String, String>> results(String json) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (JsonParser parser = JsonFactory.builder().build().createParser(json)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "results".equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> row = new LinkedHashMap<>();
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            parser.nextToken();
                            row.put(field, parser.getText());
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void shouldReportRustCountsAsJsonOnEveryResearchAllocator() throws IOException {
        Run run = heaplab("teach", "capacity", "--n", "1000", "--element", "i32", "--json", "-", "--repeat", "1");
        assertEquals(0, run.code(), run.err());
        List<Map<String, String>> rows = results(run.out());
        List<AllocatorSpec> research = AllocatorRegistry.load().ofKind(AllocatorSpec.Kind.RESEARCH);
        for (AllocatorSpec spec : research) {
            Map<String, String> vecNew = find(rows, spec.name(), "new");
            assertEquals("1", vecNew.get("allocations"), spec.name());
            assertEquals("16", vecNew.get("allocatedBytes"), spec.name());
            assertEquals("8", vecNew.get("reallocations"), spec.name());
            assertEquals("4080", vecNew.get("bytesPreserved"), spec.name());
            assertEquals("1", vecNew.get("frees"), spec.name());
            assertEquals("null", vecNew.get("failure"), spec.name());
            Map<String, String> withCapacity = find(rows, spec.name(), "with_capacity");
            assertEquals("1", withCapacity.get("allocations"), spec.name());
            assertEquals("4000", withCapacity.get("allocatedBytes"), spec.name());
            assertEquals("0", withCapacity.get("reallocations"), spec.name());
            Map<String, String> exact = find(rows, spec.name(), "reserve_exact_1");
            assertEquals("999", exact.get("reallocations"), spec.name());
            assertEquals("1998000", exact.get("bytesPreserved"), spec.name());
        }
        assertTrue(run.out().startsWith("{"), "only JSON on standard output with --json -");
    }

    private static Map<String, String> find(List<Map<String, String>> rows, String allocator, String growth) {
        return rows.stream()
            .filter(r -> allocator.equals(r.get("allocator")) && growth.equals(r.get("case")))
            .findFirst().orElseThrow(() -> new AssertionError("no row for " + allocator + " " + growth));
    }

    @Test
    void shouldPrintATableForOneAllocator() {
        Run run = heaplab("teach", "capacity", "--allocator", "bump", "--n", "1000", "--repeat", "1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Vec<i32> (4 B, align 4): n = 1000 pushes"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(
            "bump\\s+Vec::new\\(\\) \\+ n x push\\s+1\\s+16\\s+8\\s+8\\s+0\\s+0\\s+4080\\s+1\\s+1024\\s+4096\\s+[0-9.]+")),
            run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches(
            "bump\\s+Vec::with_capacity\\(n\\) \\+ n x push\\s+1\\s+4000\\s+0\\s+0\\s+0\\s+0\\s+0\\s+1\\s+1000\\s+4000.*")),
            run.out());
    }

    @Test
    void shouldWriteJsonToAFileAndTheTableToStandardOutput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("capacity.json");
        Run run = heaplab("teach", "capacity", "--allocator", "bump", "--n", "10", "--element", "u8",
            "--json", file.toString(), "--repeat", "1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("wrote " + file), run.err());
        assertTrue(run.out().startsWith("Vec<u8>"), run.out());
        List<Map<String, String>> rows = results(Files.readString(file));
        assertEquals(3, rows.size());
        assertEquals("16", find(rows, "bump", "new").get("finalCapacity"), "u8: 8 then 16");
    }

    @Test
    void shouldCopyQuadraticallyOnBumpWhenNeighboursBlockGrowthInPlace() throws IOException {
        Run run = heaplab("teach", "capacity", "--allocator", "bump", "--neighbours", "--json", "-", "--repeat", "1");
        assertEquals(0, run.code(), run.err());
        Map<String, String> exact = find(results(run.out()), "bump", "reserve_exact_1");
        assertEquals("999", exact.get("reallocationsMoved"), "bump never grows a block that is not the last");
        assertEquals("1998000", exact.get("bytesCopied"), "4 * (1 + 2 + ... + 999)");
        assertTrue(run.out().contains("\"neighbours\" : true"), run.out());
    }

    @Test
    void shouldShowUsizeMaxCapacityAndNoAllocationsForUnit() throws IOException {
        Run run = heaplab("teach", "capacity", "--allocator", "bump", "--element", "unit", "--json", "-");
        Map<String, String> row = find(results(run.out()), "bump", "new");
        assertEquals("18446744073709551615", row.get("finalCapacity"));
        assertEquals("0", row.get("allocations"));
    }

    @Test
    void shouldReportAllocationFailureInTheRow() throws IOException {
        Run run = heaplab("teach", "capacity", "--allocator", "bump", "--n", "2000", "--heap", "4096", "--json", "-");
        assertEquals(0, run.code(), run.err());
        assertEquals("memory allocation of 8000 bytes failed",
            find(results(run.out()), "bump", "with_capacity").get("failure"));
    }

    @Test
    void shouldRejectBadInputWithOneLine() {
        Run unknown = heaplab("teach", "capacity", "--allocator", "nope");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("heaplab: unknown allocator 'nope'; known: "), unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        Run negative = heaplab("teach", "capacity", "--n", "-1");
        assertEquals(2, negative.code());
        assertEquals("heaplab: --n must be 0 or more, got -1", negative.err().strip());
        Run element = heaplab("teach", "capacity", "--element", "i33");
        assertEquals(2, element.code());
        assertTrue(element.err().contains("i33"), element.err());
        Run heap = heaplab("teach", "capacity", "--heap", "0");
        assertEquals(2, heap.code());
        assertEquals("heaplab: --heap must be a positive number of bytes, got 0", heap.err().strip());
        Run file = heaplab("teach", "capacity", "--allocator", "bump", "--n", "1", "--json", "/nonexistent/dir/x.json");
        assertEquals(2, file.code());
        assertEquals("heaplab: cannot write /nonexistent/dir/x.json: directory /nonexistent/dir does not exist",
            file.err().strip());
        assertEquals("", file.out(), "checked before the lesson runs");
    }

    @Test
    void shouldListAnAllocatorWhoseLibraryIsMissingAsUnavailableAndGoOn() throws IOException {
        AllocatorSpec bump = AllocatorRegistry.load().get("bump");
        AllocatorSpec absent = new AllocatorSpec("absent", "a native allocator whose library is not installed",
            AllocatorSpec.Kind.NATIVE, heapBytes -> {
                throw new UnsupportedOperationException(ABSENT_REASON);
            });
        AllocatorRegistry registry = AllocatorRegistry.of(List.of(() -> List.of(bump, absent)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(registry, new PrintWriter(out, true), new PrintWriter(err, true),
            "teach", "capacity", "--n", "10", "--repeat", "1", "--json", "-");
        assertEquals(0, code, err.toString());
        assertEquals("1", find(results(out.toString()), "bump", "new").get("allocations"));
        assertTrue(out.toString().contains("\"unavailable\" : [ {\n    \"allocator\" : \"absent\",\n"
            + "    \"reason\" : \"" + ABSENT_REASON + "\"\n  } ]"), out.toString());
        StringWriter text = new StringWriter();
        code = Main.run(registry, new PrintWriter(text, true), new PrintWriter(err, true),
            "teach", "capacity", "--n", "10", "--repeat", "1");
        assertEquals(0, code, err.toString());
        assertTrue(text.toString().contains("\nabsent: unavailable (" + ABSENT_REASON + ")\n"), text.toString());
    }

    @Test
    void shouldShowANativeFootprintAsNotObservedRatherThanZero() throws IOException {
        Run run = heaplab("teach", "capacity", "--allocator", "glibc", "--n", "100", "--repeat", "1", "--json", "-");
        assertEquals(0, run.code(), run.err());
        assertEquals("null", find(results(run.out()), "glibc", "new").get("peakFootprintBytes"));
        Run text = heaplab("teach", "capacity", "--allocator", "glibc", "--n", "100", "--repeat", "1");
        assertTrue(text.out().lines().anyMatch(l -> l.matches(
            "glibc\\s+Vec::new\\(\\) \\+ n x push\\s+1\\s+16\\s+.*\\s+128\\s+n/a\\s+[0-9.]+")), text.out());
    }

    @Test
    void shouldRefuseALessonThatCannotFitInAvailableMemoryBeforeRunningIt() {
        // 4 B x 5e6 x 5e6 / 2 = 50 TB: more than any machine this runs on.
        Run run = heaplab("teach", "capacity", "--n", "5000000", "--allocator", "bump", "--neighbours");
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("heaplab: a heap of 64.0 GiB for n = 5000000 pushes of i32 (the reserve_exact "
            + "case copies into fresh memory on every push) does not fit in the "), run.err());
    }

    @Test
    void shouldCheckTheMemoryTheLessonTouchesAgainstAvailableMemory() {
        CapacityLesson.Setup big = CapacityLesson.Setup.withDefaultHeap(RustPrimitive.I32, 200_000, true);
        UserInputException e = assertThrows(UserInputException.class,
            () -> TeachCapacityCommand.checkFitsInMemory(big, OptionalLong.of(8L << 30)));
        assertEquals("a heap of 64.0 GiB for n = 200000 pushes of i32 (the reserve_exact case copies into fresh "
            + "memory on every push) does not fit in the 8.0 GiB of memory available; use a smaller --n, or cap the "
            + "heap with --heap SIZE (cases that outgrow it then report a failed allocation)", e.getMessage());
        // A capped heap only touches what it holds; an unknown amount of memory refuses nothing.
        TeachCapacityCommand.checkFitsInMemory(new CapacityLesson.Setup(RustPrimitive.I32, 200_000, 1L << 30, true),
            OptionalLong.of(8L << 30));
        TeachCapacityCommand.checkFitsInMemory(big, OptionalLong.empty());
    }

    @Test
    void shouldReadMemAvailableFromProcMeminfo() {
        assertEquals(OptionalLong.of(22951700L * 1024), AvailableMemory.parse(
            "MemTotal:       24683568 kB\nMemFree:         1000000 kB\nMemAvailable:   22951700 kB\n"));
        assertEquals(OptionalLong.empty(), AvailableMemory.parse("MemTotal: 1 kB\n"));
    }
}
