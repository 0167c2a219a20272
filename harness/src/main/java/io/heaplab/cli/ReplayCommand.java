package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.harness.LoadedTrace;
import io.heaplab.harness.MeasurementSession;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultFormats;
import io.heaplab.report.ResultsDocument;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code heaplab replay -a ALLOCATOR[,ALLOCATOR...] -w WORKLOAD}: one workload, every measure of each pair. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay one workload on one or more allocators and print every measure: utilization, fragmentation, "
        + "internal and external fragmentation, throughput with its 95%% confidence interval, latency "
        + "percentiles.%n"
        + "With several allocators, --baseline NAME adds ratios to NAME.%n"
        + "Exit status: 0 measured (failed allocations included), 1 a replay failed or an allocator is unavailable, "
        + "2 bad input.%n")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--allocator", "--allocators"}, required = true, split = ",", splitSynopsisLabel = ",",
        paramLabel = "ALLOCATOR",
        description = "A registered allocator (heaplab list), several separated by commas, or the groups 'research', "
            + "'native', 'all'.")
    private List<String> allocatorNames;

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "WORKLOAD",
        description = "A built-in workload's name or a trace file.")
    private String workload;

    @Option(names = "--baseline", paramLabel = "NAME", defaultValue = "none",
        description = "Allocator the throughput ratios are relative to (added if not among -a), or 'none' "
            + "(default: ${DEFAULT-VALUE}).")
    private String baseline;

    @Mixin
    private MeasureOptions measure;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON results to FILE, or to stdout with -.")
    private String json;

    @Option(names = "--csv", paramLabel = "FILE|-", description = "Write the CSV results to FILE, or to stdout with -.")
    private String csv;

    @Option(names = "--hgrm", paramLabel = "DIR",
        description = "Write the latency distribution as HdrHistogram .hgrm percentile text into DIR (which must exist).")
    private Path hgrmDirectory;

    @Mixin
    private ReportOption report;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AllocatorRegistry registry = CommandSupport.registry();
        List<AllocatorSpec> allocators = new ArrayList<>(CommandSupport.allocators(registry, allocatorNames));
        String baselineName = CommandSupport.addBaseline(registry, allocators, baseline);
        MeasurementSession.Settings settings = new MeasurementSession.Settings(measure.forks(),
            measure.plan(5, 3, 100, 200), baselineName, measure.test(), List.of(), measure.forkTimeoutSeconds,
            "heaplab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        Path[] inputs = CommandSupport.inputFiles(List.of(workload.strip()));
        OutputFile jsonFile = CommandSupport.checkOutput(json, inputs);
        OutputFile csvFile = CommandSupport.checkOutput(csv, inputs);
        if (hgrmDirectory != null && !Files.isDirectory(hgrmDirectory)) {
            throw new UserInputException("cannot write histograms into " + hgrmDirectory + ": no such directory");
        }
        LoadedTrace trace = CommandSupport.workload(workload, measure.checkLevel());
        MeasurementSession session;
        ResultsDocument document;
        try (ProgressListener progress = ProgressListener.forPairs(allocators.size())) {
            session = new MeasurementSession(settings, progress);
            document = session.run(allocators, List.of(trace), MeasurementSession.environment(VersionProvider.version()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean textToStdout = !"-".equals(json) && !"-".equals(csv);
        if (textToStdout) {
            out.print(ResultFormats.TEXT.render(document));
            out.println();
            out.print(ResultFormats.DETAIL.render(document));
            out.flush();
        }
        if (json != null) {
            CommandSupport.write(document, ResultFormats.JSON, jsonFile, out, err);
        }
        if (csv != null) {
            CommandSupport.write(document, ResultFormats.CSV, csvFile, out, err);
        }
        report.write(document, spec.commandLine().getErr());
        if (hgrmDirectory != null) {
            writeHistograms(session.latencyHistograms(), err);
        }
        return document.results().stream().allMatch(PairResult::measured) ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void writeHistograms(Map<String, Histogram> histograms, PrintWriter err) {
        for (Map.Entry<String, Histogram> e : new TreeMap<>(histograms).entrySet()) {
            String file = e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".hgrm";
            OutputFile.check(hgrmDirectory.resolve(file).toString()).write(stream -> {
                PrintStream ps = new PrintStream(stream, true, StandardCharsets.UTF_8);
                e.getValue().outputPercentileDistribution(ps, 1.0);
                ps.flush();
            }, err);
        }
    }
}
