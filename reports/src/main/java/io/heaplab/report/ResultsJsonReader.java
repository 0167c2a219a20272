package io.heaplab.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a results document written by {@link ResultFormats#JSON} back into a {@link ResultsDocument}, so that saved
 * runs can be rendered again ({@code heaplab report}).
 *
 * <h2>Format</h2>
 * The schema {@value ResultsDocument#SCHEMA} as documented in {@link JsonResultFormat}. {@code null} numbers read back
 * as "not observed" (-1 byte counts, NaN ratios); unknown fields are ignored, so that documents from later versions
 * which only add fields still read. The {@code schema} field must be present and equal to
 * {@value ResultsDocument#SCHEMA}.
 *
 * <h2>Bounds</h2>
 * Nesting deeper than {@value #MAX_DEPTH} levels, or a file with more than {@value #MAX_VALUES} values, is rejected
 * before it can exhaust memory.
 */
public final class ResultsJsonReader {

    /** Deepest nesting a results document needs is 5; anything much deeper is not a results document. */
    static final int MAX_DEPTH = 16;
    /** 50 M values (about 1 GB of JSON): far more than any real session, small enough to bound the heap. */
    static final long MAX_VALUES = 50_000_000L;

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();

    /** Thrown when a document is not a well-formed results document; the message names where and what. */
    public static final class MalformedResultsException extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param message where the document is wrong and what was expected */
        MalformedResultsException(String message) {
            super(message);
        }
    }

    private final String sourceName;
    private long valueCount;

    private ResultsJsonReader(String sourceName) {
        this.sourceName = sourceName;
    }

    /**
     * {@return the document read from {@code in}}
     *
     * @param in         the JSON text; not closed
     * @param sourceName the file name used in error messages
     * @throws MalformedResultsException if the text is not JSON, not schema {@value ResultsDocument#SCHEMA}, or a
     *                                   required field is missing or of the wrong type; the message starts with
     *                                   {@code sourceName:line:column:}
     * @throws IOException               if reading fails
     */
    public static ResultsDocument read(Reader in, String sourceName) throws IOException {
        return new ResultsJsonReader(sourceName).parse(in);
    }

    private ResultsDocument parse(Reader in) throws IOException {
        Object root;
        try (JsonParser p = FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            try {
                if (p.nextToken() == null) {
                    throw new MalformedResultsException(sourceName + ": empty file; expected a heaplab results JSON "
                        + "document");
                }
                root = value(p);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                String where = sourceName + ":" + at.getLineNr() + ":" + at.getColumnNr();
                if (e.getOriginalMessage().contains("nesting depth")) {
                    throw new MalformedResultsException(where + ": nested deeper than " + MAX_DEPTH
                        + " levels; not a heaplab results document");
                }
                throw new MalformedResultsException(where + ": not valid JSON: " + plain(e.getOriginalMessage()));
            }
        }
        Map<String, Object> doc = object(root, "the document");
        Object schema = doc.get("schema");
        if (!ResultsDocument.SCHEMA.equals(schema)) {
            throw new MalformedResultsException(sourceName + ": expected \"schema\": \"" + ResultsDocument.SCHEMA
                + "\", found " + (schema == null ? "no schema field" : "\"" + schema + "\""));
        }
        Map<String, Object> env = object(doc.get("environment"), "environment");
        EnvironmentInfo environment = new EnvironmentInfo(text(env, "heaplabVersion"), text(env, "jdk"),
            text(env, "vm"), text(env, "os"), text(env, "arch"), (int) count(env, "cpuCount"), text(env, "timestamp"));
        Map<String, Object> set = object(doc.get("settings"), "settings");
        RunSettings settings = new RunSettings((int) count(set, "forks"), (int) count(set, "runsPerFork"),
            (int) count(set, "warmupsPerFork"), count(set, "minRunMillis"), count(set, "heapBytes"),
            Boolean.TRUE.equals(set.get("verify")), text(set, "baseline"), text(set, "command"));
        List<PairResult> results = new ArrayList<>();
        for (Object o : list(doc.get("results"), "results")) {
            results.add(result(object(o, "results[" + results.size() + "]"), results.size()));
        }
        List<WorkloadVerdict> verdicts = new ArrayList<>();
        if (doc.get("verdicts") != null) {
            for (Object o : list(doc.get("verdicts"), "verdicts")) {
                Map<String, Object> v = object(o, "verdicts[" + verdicts.size() + "]");
                verdicts.add(new WorkloadVerdict(text(v, "workload"), names(v, "leastWasteful"),
                    real(v, "bestUtilization"), names(v, "fastest"), real(v, "bestOpsPerSecond"),
                    names(v, "excluded")));
            }
        }
        SuiteSummary summary = null;
        if (doc.get("summary") != null) {
            Map<String, Object> s = object(doc.get("summary"), "summary");
            List<SuiteSummary.Entry> entries = new ArrayList<>();
            if (s.get("allocators") != null) {
                for (Object o : list(s.get("allocators"), "summary.allocators")) {
                    Map<String, Object> e = object(o, "summary.allocators[" + entries.size() + "]");
                    entries.add(new SuiteSummary.Entry(text(e, "allocator"), (int) count(e, "ratioWorkloads"),
                        real(e, "geomeanRatio"), real(e, "ci95Low"), real(e, "ci95High"), real(e, "meanUtilization"),
                        (int) count(e, "utilizationWorkloads")));
                }
            }
            summary = new SuiteSummary(text(s, "baseline"), (int) count(s, "workloads"), entries,
                names(s, "fastest"), names(s, "leastWasteful"));
        }
        return new ResultsDocument(environment, settings, results, verdicts, summary);
    }

    /** A list of names, or empty when absent or not an array. */
    private static List<String> names(Map<String, Object> m, String field) {
        List<String> names = new ArrayList<>();
        if (m.get(field) instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s) {
                    names.add(s);
                }
            }
        }
        return names;
    }

    private PairResult result(Map<String, Object> r, int index) throws MalformedResultsException {
        String where = "results[" + index + "]";
        String allocator = required(r, "allocator", where);
        String kind = text(r, "allocatorKind");
        String workload = required(r, "workload", where);
        String statusText = required(r, "status", where);
        PairResult.Status status;
        try {
            status = PairResult.Status.valueOf(statusText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedResultsException(sourceName + ": " + where + ".status: expected ok, degraded, "
                + "unavailable or failed, found \"" + statusText + "\"");
        }
        String message = text(r, "message");
        if (status != PairResult.Status.OK && status != PairResult.Status.DEGRADED) {
            return PairResult.notMeasured(allocator, kind, workload, status, message);
        }
        Map<String, Object> reallocs = r.get("reallocs") == null ? Map.of() : object(r.get("reallocs"), where
            + ".reallocs");
        OperationCounts counts = new OperationCounts(count(r, "ops"), count(r, "allocs"), count(r, "frees"),
            count(reallocs, "inPlace"), count(reallocs, "moved"), count(r, "failedAllocations"),
            count(r, "skippedOps"), count(r, "traceErrors"), count(r, "verifyErrors"));
        MemoryMetrics memory = new MemoryMetrics(count(r, "peakLiveBytes"), count(r, "peakFootprintBytes"),
            real(r, "utilization"), real(r, "fragmentation"), count(r, "internalFragmentationBytes"),
            real(r, "externalFragmentation"), real(r, "externalFragmentationMean"));
        Estimate ops = Estimate.NONE;
        if (r.get("opsPerSecond") != null) {
            Map<String, Object> e = object(r.get("opsPerSecond"), where + ".opsPerSecond");
            List<Object> raw = e.get("samples") == null ? List.of() : list(e.get("samples"), where + ".samples");
            double[] samples = new double[raw.size()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = raw.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
            }
            ops = new Estimate(real(e, "mean"), real(e, "ci95Low"), real(e, "ci95High"), samples);
        }
        LatencySummary latency = LatencySummary.NONE;
        if (r.get("latencyNs") != null) {
            Map<String, Object> l = object(r.get("latencyNs"), where + ".latencyNs");
            latency = new LatencySummary(count(l, "p50"), count(l, "p90"), count(l, "p99"), count(l, "p999"),
                count(l, "max"), Math.max(0, count(l, "sampledOps")), (int) count(l, "sampleEvery"),
                real(l, "timerOverheadNs"));
        }
        BaselineComparison baseline = null;
        if (r.get("baseline") != null) {
            Map<String, Object> b = object(r.get("baseline"), where + ".baseline");
            baseline = new BaselineComparison(text(b, "allocator"), real(b, "ratio"), real(b, "ci95Low"),
                real(b, "ci95High"), real(b, "pValue"), text(b, "test"), Boolean.TRUE.equals(b.get("significant")));
        }
        List<TimelinePoint> timeline = new ArrayList<>();
        if (r.get("timeline") != null) {
            for (Object o : list(r.get("timeline"), where + ".timeline")) {
                Map<String, Object> t = object(o, where + ".timeline[" + timeline.size() + "]");
                timeline.add(new TimelinePoint(count(t, "op"), count(t, "liveBytes"), count(t, "footprintBytes"),
                    real(t, "externalFragmentation")));
            }
        }
        Detections detections = null;
        if (r.get("detections") != null) {
            Map<String, Object> d = object(r.get("detections"), where + ".detections");
            Map<String, Long> byKind = new java.util.LinkedHashMap<>();
            if (d.get("byKind") != null) {
                for (Map.Entry<String, Object> e : object(d.get("byKind"), where + ".detections.byKind").entrySet()) {
                    byKind.put(e.getKey(), e.getValue() instanceof Number n ? n.longValue() : -1L);
                }
            }
            detections = new Detections(text(d, "level"), count(d, "total"), byKind, names(d, "messages"));
        }
        return new PairResult(allocator, kind, workload, status, message, count(r, "heapBytes"), counts, memory,
            ops, (int) count(r, "forks"), (int) count(r, "warmupsPerFork"), latency, baseline, timeline, detections);
    }

    private Object value(JsonParser p) throws IOException {
        if (++valueCount > MAX_VALUES) {
            throw new MalformedResultsException(sourceName + ": more than " + MAX_VALUES + " JSON values; not a "
                + "heaplab results document");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new MalformedResultsException(where(p) + ": unexpected " + t);
        }
    }

    /** Jackson's message without its internal source description (the caller already says where). */
    static String plain(String jacksonMessage) {
        return jacksonMessage.replaceAll("\\s*\\(for (\\w+) starting at \\[Source:[^\\]]*; line: (\\d+), "
                + "column: (\\d+)\\]\\)", " (for the $1 opened at line $2, column $3)")
            .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "").replace('\n', ' ').strip();
    }

    private String where(JsonParser p) {
        JsonLocation at = p.currentLocation();
        return sourceName + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object o, String what) throws MalformedResultsException {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new MalformedResultsException(sourceName + ": " + what + ": expected an object, found " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, String what) throws MalformedResultsException {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new MalformedResultsException(sourceName + ": " + what + ": expected an array, found " + describe(o));
    }

    private String required(Map<String, Object> m, String field, String where) throws MalformedResultsException {
        if (m.get(field) instanceof String s) {
            return s;
        }
        throw new MalformedResultsException(sourceName + ": " + where + "." + field + ": expected a string, found "
            + describe(m.get(field)));
    }

    /** A string field, or empty when absent or null. */
    private static String text(Map<String, Object> m, String field) {
        return m.get(field) instanceof String s ? s : "";
    }

    /** A whole-number field, or -1 when absent or null (not observed). */
    private static long count(Map<String, Object> m, String field) {
        return m.get(field) instanceof Double d && Double.isFinite(d) ? Math.round(d) : -1;
    }

    /** A real field, or NaN when absent or null (not observed). */
    private static double real(Map<String, Object> m, String field) {
        return m.get(field) instanceof Double d ? d : Double.NaN;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "nothing";
        }
        return o instanceof Map ? "an object" : o instanceof List ? "an array" : o instanceof String s ? "\"" + s
            + "\"" : String.valueOf(o);
    }
}
