package io.heaplab.teach;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.handles.CapacityLesson;
import io.heaplab.alloc.handles.HandleStats;
import io.heaplab.alloc.handles.RustPrimitive;
import io.heaplab.report.TextTable;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the results of {@link CapacityLesson} runs as a terminal table or as JSON.
 *
 * <h2>JSON format</h2>
 * <pre>{@code
 * { "command": "teach capacity", "element": "i32", "elementBytes": 4, "elementAlign": 4, "pushes": 1000,
 *   "heapBytes": 4194304, "neighbours": false,
 *   "results": [ { "allocator": "bump", "case": "new", "rust": "Vec::new() + n x push",
 *                  "allocations": 1, "allocatedBytes": 16, "reallocations": 8, "reallocationsInPlace": 8,
 *                  "reallocationsMoved": 0, "bytesCopied": 0, "bytesPreserved": 4080, "frees": 1,
 *                  "finalCapacity": 1024, "peakFootprintBytes": 4096, "elapsedNanos": 51234,
 *                  "failure": null }, ... ],
 *   "unavailable": [ { "allocator": "jemalloc", "reason": "jemalloc is unavailable: ..." } ] }
 * }</pre>
 * {@code peakFootprintBytes} is {@code null} when not observable (native allocators). An allocator that cannot run
 * here has no result rows, only an {@code unavailable} entry.
 * {@code finalCapacity} is a Rust {@code usize} printed unsigned (18446744073709551615 for {@code ()}).
 */
public final class CapacityReport {

    private static final String NOT_OBSERVED = "n/a";

    private final CapacityLesson.Setup setup;
    private final List<CapacityLesson.Result> results;
    private final Map<String, String> unavailable;

    /**
     * @param setup       what every run shared
     * @param results     the runs, in display order
     * @param unavailable allocators that could not run here (e.g. a native library is not installed), each with
     *                    its one-line reason, in display order
     */
    public CapacityReport(CapacityLesson.Setup setup, List<CapacityLesson.Result> results,
                          Map<String, String> unavailable) {
        this.setup = setup;
        this.results = List.copyOf(results);
        this.unavailable = new LinkedHashMap<>(unavailable);
    }

    /** {@return the report as text: a title line, the table and a legend, each line ending in {@code \n}} */
    public String text() {
        TextTable table = new TextTable("allocator", "case", "allocs", "first B", "reallocs", "in place", "moved",
            "copied B", "preserved B", "frees", "capacity", "footprint B", "time µs", "note");
        for (CapacityLesson.Result r : results) {
            HandleStats h = r.handle();
            table.row(r.allocator(), r.growth().rust(), h.allocations(), h.allocatedBytes(), h.reallocations(),
                h.reallocationsInPlace(), h.reallocationsMoved(), h.bytesCopied(), h.bytesPreserved(), h.frees(),
                Long.toUnsignedString(r.finalCapacity()),
                r.peakFootprintBytes() < 0 ? NOT_OBSERVED : Long.toString(r.peakFootprintBytes()),
                String.format(Locale.ROOT, "%.1f", r.elapsedNanos() / 1000.0),
                r.failure() == null ? "" : "failed: " + r.failure());
        }
        RustPrimitive element = setup.element();
        Layout layout = element.layout();
        return "Vec<" + element.rustName() + "> (" + layout.byteSize() + " B, align " + layout.byteAlignment()
            + "): n = " + setup.pushes() + " pushes, grown three ways; a fresh " + setup.heapBytes()
            + "-byte heap per run" + (setup.neighbours() ? "; a live 16-byte neighbour allocated after every push" : "")
            + "\n\n"
            + table.render()
            + unavailableLines() + "\n"
            + "allocs/first B: allocate calls and the size of the first; reallocs: reallocate calls, split into\n"
            + "in place (address kept) and moved (allocate + copy + free inside the allocator); copied B: bytes moved\n"
            + "by moving reallocations; preserved B: bytes every reallocation had to keep (Rust's count, whatever\n"
            + "the allocator); footprint B: the allocator's heap high-water mark (n/a: a native allocator's is not\n"
            + "observable); time: pushes + drop, fastest of --repeat runs.\n";
    }

    private String unavailableLines() {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> e : unavailable.entrySet()) {
            lines.append(e.getKey()).append(": unavailable (").append(e.getValue()).append(")\n");
        }
        return lines.toString();
    }

    /**
     * Writes the report as JSON (format in the class comment), pretty-printed, followed by a newline.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeJson(Writer out) throws IOException {
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("command", "teach capacity");
            json.writeStringField("element", setup.element().rustName());
            json.writeNumberField("elementBytes", setup.element().layout().byteSize());
            json.writeNumberField("elementAlign", setup.element().layout().byteAlignment());
            json.writeNumberField("pushes", setup.pushes());
            json.writeNumberField("heapBytes", setup.heapBytes());
            json.writeBooleanField("neighbours", setup.neighbours());
            json.writeArrayFieldStart("results");
            for (CapacityLesson.Result r : results) {
                writeResult(json, r);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("unavailable");
            for (Map.Entry<String, String> e : unavailable.entrySet()) {
                json.writeStartObject();
                json.writeStringField("allocator", e.getKey());
                json.writeStringField("reason", e.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeResult(JsonGenerator json, CapacityLesson.Result r) throws IOException {
        HandleStats h = r.handle();
        json.writeStartObject();
        json.writeStringField("allocator", r.allocator());
        json.writeStringField("case", r.growth().key());
        json.writeStringField("rust", r.growth().rust());
        json.writeNumberField("allocations", h.allocations());
        json.writeNumberField("allocatedBytes", h.allocatedBytes());
        json.writeNumberField("reallocations", h.reallocations());
        json.writeNumberField("reallocationsInPlace", h.reallocationsInPlace());
        json.writeNumberField("reallocationsMoved", h.reallocationsMoved());
        json.writeNumberField("bytesCopied", h.bytesCopied());
        json.writeNumberField("bytesPreserved", h.bytesPreserved());
        json.writeNumberField("frees", h.frees());
        json.writeFieldName("finalCapacity");
        json.writeNumber(Long.toUnsignedString(r.finalCapacity()));
        if (r.peakFootprintBytes() < 0) {
            json.writeNullField("peakFootprintBytes");
        } else {
            json.writeNumberField("peakFootprintBytes", r.peakFootprintBytes());
        }
        json.writeNumberField("elapsedNanos", r.elapsedNanos());
        json.writeStringField("failure", r.failure());
        json.writeEndObject();
    }
}
