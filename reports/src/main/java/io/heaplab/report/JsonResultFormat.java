package io.heaplab.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The JSON rendering of a {@link ResultsDocument} (schema {@value ResultsDocument#SCHEMA}).
 *
 * <h2>Format</h2>
 * <pre>{@code
 * { "schema": "heaplab-results/1",
 *   "environment": { "heaplabVersion", "jdk", "vm", "os", "arch", "cpuCount", "timestamp" },
 *   "settings": { "forks", "runsPerFork", "warmupsPerFork", "minRunMillis", "heapBytes", "verify", "baseline", "command" },
 *   "results": [ {
 *     "allocator", "allocatorKind", "workload", "status" ("ok"|"degraded"|"unavailable"|"failed"), "message",
 *     "heapBytes", "ops", "allocs", "frees", "reallocs": { "inPlace", "moved" }, "failedAllocations",
 *     "skippedOps", "traceErrors", "verifyErrors",
 *     "peakLiveBytes", "peakFootprintBytes", "utilization", "fragmentation", "internalFragmentationBytes",
 *     "externalFragmentation", "externalFragmentationMean",
 *     "opsPerSecond": { "mean", "ci95Low", "ci95High", "samples": [..] },
 *     "latencyNs": { "p50", "p90", "p99", "p999", "max", "sampledOps", "sampleEvery", "timerOverheadNs" },
 *     "runs", "forks", "warmupsPerFork",
 *     "detections": { "level", "total", "byKind": { KIND: count }, "messages": [..] } (checked replays only),
 *     "baseline": { "allocator", "ratio", "ci95Low", "ci95High", "pValue", "test", "significant" } | null,
 *     "timeline": [ { "op", "liveBytes", "footprintBytes", "externalFragmentation" } ] } ],
 *   "verdicts": [ { "workload", "leastWasteful": [..], "bestUtilization", "fastest": [..], "bestOpsPerSecond",
 *                   "excluded": [..] } ],
 *   "summary": { "baseline", "workloads", "fastest": [..], "leastWasteful": [..],
 *                "allocators": [ { "allocator", "ratioWorkloads", "geomeanRatio", "ci95Low", "ci95High",
 *                                  "meanUtilization", "utilizationWorkloads" } ] } | null }
 * }</pre>
 * A value that was not observed ({@code -1} byte counts, NaN ratios) is written as {@code null}; a pair that was not
 * measured has only its names, {@code status} and {@code message}. A {@code degraded} pair (failed allocations) has
 * every field, but is left out of verdicts, the summary and baseline comparisons. A verdict list with more than one
 * name is a tie; see {@link WorkloadVerdict} and {@link SuiteSummary}.
 */
final class JsonResultFormat implements ResultFormat {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @Override
    public void write(ResultsDocument document, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("schema", ResultsDocument.SCHEMA);
            writeEnvironment(g, document.environment());
            writeSettings(g, document.settings());
            g.writeArrayFieldStart("results");
            for (PairResult r : document.results()) {
                writeResult(g, r);
            }
            g.writeEndArray();
            writeVerdicts(g, document);
            writeSummary(g, document.summary());
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeEnvironment(JsonGenerator g, EnvironmentInfo e) throws IOException {
        g.writeObjectFieldStart("environment");
        g.writeStringField("heaplabVersion", e.heaplabVersion());
        g.writeStringField("jdk", e.jdk());
        g.writeStringField("vm", e.vm());
        g.writeStringField("os", e.os());
        g.writeStringField("arch", e.arch());
        g.writeNumberField("cpuCount", e.cpuCount());
        g.writeStringField("timestamp", e.timestamp());
        g.writeEndObject();
    }

    private static void writeSettings(JsonGenerator g, RunSettings s) throws IOException {
        g.writeObjectFieldStart("settings");
        g.writeNumberField("forks", s.forks());
        g.writeNumberField("runsPerFork", s.runsPerFork());
        g.writeNumberField("warmupsPerFork", s.warmupsPerFork());
        g.writeNumberField("minRunMillis", s.minRunMillis());
        g.writeNumberField("heapBytes", s.heapBytes());
        g.writeBooleanField("verify", s.verify());
        g.writeStringField("baseline", s.baseline());
        g.writeStringField("command", s.command());
        g.writeEndObject();
    }

    private static void writeResult(JsonGenerator g, PairResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("allocator", r.allocator());
        g.writeStringField("allocatorKind", r.allocatorKind());
        g.writeStringField("workload", r.workload());
        g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT));
        g.writeStringField("message", r.message());
        if (!r.measured()) {
            g.writeEndObject();
            return;
        }
        bytes(g, "heapBytes", r.heapBytes());
        OperationCounts c = r.counts();
        g.writeNumberField("ops", c.ops());
        g.writeNumberField("allocs", c.allocs());
        g.writeNumberField("frees", c.frees());
        g.writeObjectFieldStart("reallocs");
        g.writeNumberField("inPlace", c.reallocsInPlace());
        g.writeNumberField("moved", c.reallocsMoved());
        g.writeEndObject();
        g.writeNumberField("failedAllocations", c.failedAllocations());
        g.writeNumberField("skippedOps", c.skippedOps());
        g.writeNumberField("traceErrors", c.traceErrors());
        g.writeNumberField("verifyErrors", c.verifyErrors());
        MemoryMetrics m = r.memory();
        g.writeNumberField("peakLiveBytes", m.peakLiveBytes());
        bytes(g, "peakFootprintBytes", m.peakFootprintBytes());
        ratio(g, "utilization", m.utilization());
        ratio(g, "fragmentation", m.fragmentation());
        bytes(g, "internalFragmentationBytes", m.internalFragmentationBytes());
        ratio(g, "externalFragmentation", m.externalFragmentation());
        ratio(g, "externalFragmentationMean", m.externalFragmentationMean());
        Estimate ops = r.opsPerSecond();
        g.writeObjectFieldStart("opsPerSecond");
        ratio(g, "mean", ops.mean());
        ratio(g, "ci95Low", ops.ci95Low());
        ratio(g, "ci95High", ops.ci95High());
        g.writeArrayFieldStart("samples");
        for (double v : ops.samples()) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeEndObject();
        writeLatency(g, r.latency());
        g.writeNumberField("runs", r.runs());
        g.writeNumberField("forks", r.forks());
        g.writeNumberField("warmupsPerFork", r.warmupsPerFork());
        writeDetections(g, r.detections());
        writeBaseline(g, r.baseline());
        g.writeArrayFieldStart("timeline");
        for (TimelinePoint p : r.timeline()) {
            g.writeStartObject();
            g.writeNumberField("op", p.opIndex());
            g.writeNumberField("liveBytes", p.liveBytes());
            bytes(g, "footprintBytes", p.footprintBytes());
            ratio(g, "externalFragmentation", p.externalFragmentation());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes a checked replay's detections; nothing for an unchecked one. */
    private static void writeDetections(JsonGenerator g, Detections d) throws IOException {
        if (d == null) {
            return;
        }
        g.writeObjectFieldStart("detections");
        g.writeStringField("level", d.level());
        g.writeNumberField("total", d.total());
        g.writeObjectFieldStart("byKind");
        for (java.util.Map.Entry<String, Long> e : d.byKind().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        names(g, "messages", d.messages());
        g.writeEndObject();
    }

    private static void writeVerdicts(JsonGenerator g, ResultsDocument document) throws IOException {
        g.writeArrayFieldStart("verdicts");
        for (WorkloadVerdict v : document.verdicts()) {
            g.writeStartObject();
            g.writeStringField("workload", v.workload());
            names(g, "leastWasteful", v.leastWasteful());
            ratio(g, "bestUtilization", v.utilization());
            names(g, "fastest", v.fastest());
            ratio(g, "bestOpsPerSecond", v.opsPerSecond());
            names(g, "excluded", v.excluded());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeSummary(JsonGenerator g, SuiteSummary s) throws IOException {
        if (s == null) {
            g.writeNullField("summary");
            return;
        }
        g.writeObjectFieldStart("summary");
        g.writeStringField("baseline", s.baseline());
        g.writeNumberField("workloads", s.workloads());
        names(g, "fastest", s.fastest());
        names(g, "leastWasteful", s.leastWasteful());
        g.writeArrayFieldStart("allocators");
        for (SuiteSummary.Entry e : s.allocators()) {
            g.writeStartObject();
            g.writeStringField("allocator", e.allocator());
            g.writeNumberField("ratioWorkloads", e.ratioWorkloads());
            ratio(g, "geomeanRatio", e.geomeanRatio());
            ratio(g, "ci95Low", e.ci95Low());
            ratio(g, "ci95High", e.ci95High());
            ratio(g, "meanUtilization", e.meanUtilization());
            g.writeNumberField("utilizationWorkloads", e.utilizationWorkloads());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void names(JsonGenerator g, String field, java.util.List<String> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
    }

    private static void writeLatency(JsonGenerator g, LatencySummary l) throws IOException {
        if (!l.measured()) {
            g.writeNullField("latencyNs");
            return;
        }
        g.writeObjectFieldStart("latencyNs");
        g.writeNumberField("p50", l.p50Nanos());
        g.writeNumberField("p90", l.p90Nanos());
        g.writeNumberField("p99", l.p99Nanos());
        g.writeNumberField("p999", l.p999Nanos());
        g.writeNumberField("max", l.maxNanos());
        g.writeNumberField("sampledOps", l.sampledOps());
        g.writeNumberField("sampleEvery", l.sampleEvery());
        ratio(g, "timerOverheadNs", l.timerOverheadNanos());
        g.writeEndObject();
    }

    private static void writeBaseline(JsonGenerator g, BaselineComparison b) throws IOException {
        if (b == null) {
            g.writeNullField("baseline");
            return;
        }
        g.writeObjectFieldStart("baseline");
        g.writeStringField("allocator", b.baseline());
        ratio(g, "ratio", b.ratio());
        ratio(g, "ci95Low", b.ci95Low());
        ratio(g, "ci95High", b.ci95High());
        ratio(g, "pValue", b.pValue());
        g.writeStringField("test", b.test());
        g.writeBooleanField("significant", b.significant());
        g.writeEndObject();
    }

    /** Writes a byte count, or null when it is -1 (not observable). */
    private static void bytes(JsonGenerator g, String field, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** Writes a real number, or null when it is NaN or infinite (not observable). */
    private static void ratio(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }
}
