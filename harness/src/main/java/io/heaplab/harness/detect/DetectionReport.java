package io.heaplab.harness.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.report.DetectionData;
import io.heaplab.report.TextTable;
import io.heaplab.workloads.inject.FaultKind;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link DetectionRun.Results} as text tables or JSON.
 *
 * @param run     what was run
 * @param results what came out
 * @param perKind faults injected per kind per workload
 * @param seed    the injection seed
 */
public record DetectionReport(DetectionRun run, DetectionRun.Results results, int perKind, long seed) {

    private static String level(CheckLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    /** {@return the report as text} */
    public String text() {
        StringBuilder out = new StringBuilder();
        List<String> names = run.workloads().stream().map(DetectionRun.Workload::name).toList();
        out.append("Detection matrix: ").append(perKind).append(" faults of each kind injected into each of ")
            .append(names.size()).append(" workloads (").append(String.join(", ", names)).append("), seed ")
            .append(seed).append("; checked allocators in RECORD mode\n");
        TextTable table = new TextTable("allocator", "level", "fault", "injected", "detected", "missed", "false+",
            "latency mean", "latency max");
        results.detections().forEach((allocator, byLevel) -> byLevel.forEach((level, d) -> {
            for (FaultKind kind : run.faults()) {
                Detections.Counts c = d.of(kind);
                table.row(allocator, level(level), kind.cliName(), c.injected(), c.detected(), c.missed(),
                    c.falsePositives(), Double.isNaN(c.meanLatencyOps()) ? "-"
                        : String.format(Locale.ROOT, "%.1f", c.meanLatencyOps()),
                    c.detected() == 0 ? "-" : c.maxLatencyOps());
            }
        }));
        out.append(table.render());
        out.append("latency: operations from the fault to its report (overflows are found when the block is freed,"
            + " writes after free when the block leaves the quarantine, leaks at close)\n\n");

        out.append("Clean traces (no fault injected): reports, all false positives, and throughput on the clean"
            + " traces (best of ").append(run.timingRuns()).append(" replays per trace)\n");
        String[] header = new String[2 + 2 * run.levels().size()];
        header[0] = "allocator";
        header[1] = "off M ops/s";
        for (int i = 0; i < run.levels().size(); i++) {
            header[2 + 2 * i] = level(run.levels().get(i)) + " false+";
            header[3 + 2 * i] = level(run.levels().get(i)) + " M ops/s (cost)";
        }
        TextTable clean = new TextTable(header);
        for (String allocator : results.detections().keySet()) {
            Object[] row = new Object[header.length];
            row[0] = allocator;
            Map<CheckLevel, Double> rate = results.opsPerSecond().get(allocator);
            Double off = rate.get(CheckLevel.OFF);
            row[1] = off == null ? "-" : String.format(Locale.ROOT, "%.2f", off / 1e6);
            for (int i = 0; i < run.levels().size(); i++) {
                CheckLevel level = run.levels().get(i);
                Long fp = results.cleanReports().get(allocator).get(level);
                row[2 + 2 * i] = fp == null ? "-" : fp;
                Double r = rate.get(level);
                row[3 + 2 * i] = r == null || off == null ? "-"
                    : String.format(Locale.ROOT, "%.2f (%.2fx)", r / 1e6, off / r);
            }
            clean.row(row);
        }
        out.append(clean.render());
        out.append("cost: replay time at the level / replay time unchecked (off); noisy on a shared machine\n");
        results.firstCleanReport().forEach((allocator, report) ->
            out.append("  first false positive of ").append(allocator).append(": ").append(report).append('\n'));
        results.failures().forEach((allocator, failure) ->
            out.append("  ").append(allocator).append(" failed: ").append(failure).append('\n'));

        if (!results.probes().isEmpty()) {
            out.append("\nUnchecked allocators (level off): what each misuse does. A fresh ")
                .append(MisuseProbe.HEAP_BYTES >> 20).append(" MiB heap, three live ").append(MisuseProbe.BLOCK_BYTES)
                .append(" B blocks, the misuse, then ").append(MisuseProbe.FOLLOW_UP_ALLOCATIONS)
                .append(" allocations checked against a shadow model, under a ").append(run.probeTimeoutMs() / 1000)
                .append(" s watchdog\n");
            String[] probeHeader = new String[1 + run.faults().size()];
            probeHeader[0] = "allocator";
            for (int i = 0; i < run.faults().size(); i++) {
                probeHeader[1 + i] = run.faults().get(i).cliName();
            }
            TextTable probes = new TextTable(probeHeader);
            for (String allocator : results.detections().keySet()) {
                Object[] row = new Object[probeHeader.length];
                row[0] = allocator;
                for (int i = 0; i < run.faults().size(); i++) {
                    MisuseProbe.Outcome o = results.probes().get(allocator + ":" + run.faults().get(i).cliName());
                    row[1 + i] = o == null ? "-" : o.outcome();
                }
                probes.row(row);
            }
            out.append(probes.render());
            out.append("silent: nothing observable; corrupt: overlapping, misaligned or out-of-heap blocks, changed"
                + " bytes of live blocks, or wrong statistics; exception: an incidental exception; hang: no return"
                + " within the watchdog (the probing JVM was replaced)\n");
        }
        return out.toString();
    }

    /** {@return the results as the plain values the HTML detection page draws, in the text tables' order} */
    public DetectionData data() {
        List<String> names = run.workloads().stream().map(DetectionRun.Workload::name).toList();
        String setting = perKind + " faults of each kind injected into each of " + names.size() + " workloads ("
            + String.join(", ", names) + "), seed " + seed + "; checked allocators in RECORD mode; throughput best of "
            + run.timingRuns() + " replays per clean trace.";
        List<String> faults = run.faults().stream().map(FaultKind::cliName).toList();
        List<DetectionData.MatrixRow> matrix = new ArrayList<>();
        List<DetectionData.CostRow> costs = new ArrayList<>();
        List<DetectionData.ProbeRow> probes = new ArrayList<>();
        results.detections().forEach((allocator, byLevel) -> byLevel.forEach((level, d) -> {
            for (FaultKind kind : run.faults()) {
                Detections.Counts c = d.of(kind);
                matrix.add(new DetectionData.MatrixRow(allocator, level(level), kind.cliName(), c.injected(),
                    c.detected(), c.missed(), c.falsePositives(), c.detected() == 0 ? Double.NaN
                    : c.meanLatencyOps(), c.detected() == 0 ? -1 : c.maxLatencyOps()));
            }
        }));
        for (String allocator : results.detections().keySet()) {
            Map<CheckLevel, Double> rate = results.opsPerSecond().get(allocator);
            Double off = rate.get(CheckLevel.OFF);
            costs.add(new DetectionData.CostRow(allocator, "off", off == null ? Double.NaN : off,
                off == null ? Double.NaN : 1.0, -1));
            for (CheckLevel level : run.levels()) {
                Double r = rate.get(level);
                Long fp = results.cleanReports().get(allocator).get(level);
                costs.add(new DetectionData.CostRow(allocator, level(level), r == null ? Double.NaN : r,
                    r == null || off == null ? Double.NaN : off / r, fp == null ? -1 : fp));
            }
            for (FaultKind kind : run.faults()) {
                MisuseProbe.Outcome o = results.probes().get(allocator + ":" + kind.cliName());
                if (o != null) {
                    probes.add(new DetectionData.ProbeRow(allocator, kind.cliName(), o.outcome(), o.detail()));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        results.firstCleanReport().forEach((allocator, report) ->
            notes.add("first false positive of " + allocator + ": " + report));
        results.failures().forEach((allocator, failure) -> notes.add(allocator + " failed: " + failure));
        return new DetectionData(setting, faults, matrix, costs, probes, notes);
    }

    /**
     * Writes the report as JSON.
     *
     * @param writer where to; not closed
     * @throws IOException if writing fails
     */
    public void json(Writer writer) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(writer)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("faultsPerKindPerWorkload", perKind);
            g.writeNumberField("seed", seed);
            g.writeArrayFieldStart("workloads");
            for (DetectionRun.Workload w : run.workloads()) {
                g.writeString(w.name());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("allocators");
            for (String allocator : results.detections().keySet()) {
                g.writeStartObject();
                g.writeStringField("allocator", allocator);
                if (results.failures().containsKey(allocator)) {
                    g.writeStringField("failure", results.failures().get(allocator));
                }
                g.writeObjectFieldStart("levels");
                for (var entry : results.detections().get(allocator).entrySet()) {
                    g.writeObjectFieldStart(level(entry.getKey()));
                    Long fp = results.cleanReports().get(allocator).get(entry.getKey());
                    g.writeNumberField("cleanFalsePositives", fp == null ? -1 : fp);
                    Double rate = results.opsPerSecond().get(allocator).get(entry.getKey());
                    Double off = results.opsPerSecond().get(allocator).get(CheckLevel.OFF);
                    if (rate != null && off != null) {
                        g.writeNumberField("opsPerSecond", rate);
                        g.writeNumberField("costRelativeToOff", off / rate);
                    }
                    g.writeObjectFieldStart("faults");
                    for (FaultKind kind : run.faults()) {
                        Detections.Counts c = entry.getValue().of(kind);
                        g.writeObjectFieldStart(kind.cliName());
                        g.writeNumberField("injected", c.injected());
                        g.writeNumberField("detected", c.detected());
                        g.writeNumberField("missed", c.missed());
                        g.writeNumberField("falsePositives", c.falsePositives());
                        if (c.detected() > 0) {
                            g.writeNumberField("meanLatencyOps", c.meanLatencyOps());
                            g.writeNumberField("maxLatencyOps", c.maxLatencyOps());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndObject();
                Double off = results.opsPerSecond().get(allocator).get(CheckLevel.OFF);
                if (off != null) {
                    g.writeNumberField("uncheckedOpsPerSecond", off);
                }
                if (!results.probes().isEmpty()) {
                    g.writeObjectFieldStart("unchecked");
                    for (FaultKind kind : run.faults()) {
                        MisuseProbe.Outcome o = results.probes().get(allocator + ":" + kind.cliName());
                        if (o != null) {
                            g.writeObjectFieldStart(kind.cliName());
                            g.writeStringField("outcome", o.outcome());
                            g.writeStringField("detail", o.detail());
                            g.writeEndObject();
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        writer.write('\n');
        writer.flush();
    }
}
