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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code heaplab replay -a ALLOCATOR -w WORKLOAD}: one pair, every measure. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay one workload on one allocator and print every measure: utilization, fragmentation, "
        + "internal and external fragmentation, throughput with its 95%% confidence interval, latency "
        + "percentiles.%n"
        + "Exit status: 0 measured, 1 the replay failed or the allocator is unavailable, 2 bad input.%n")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--allocator"}, required = true, paramLabel = "ALLOCATOR",
        description = "A registered allocator (heaplab list).")
    private String allocator;

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "WORKLOAD",
        description = "A built-in workload's name or a trace file.")
    private String workload;

    @Mixin
    private MeasureOptions measure;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON results to FILE, or to stdout with -.")
    private String json;

    @Option(names = "--csv", paramLabel = "FILE|-", description = "Write the CSV results to FILE, or to stdout with -.")
    private String csv;

    @Option(names = "--hgrm", paramLabel = "DIR",
        description = "Write the latency distribution as HdrHistogram .hgrm percentile text into DIR.")
    private Path hgrmDirectory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AllocatorRegistry registry = AllocatorRegistry.load();
        List<AllocatorSpec> allocators = CommandSupport.allocators(registry, List.of(allocator));
        MeasurementSession.Settings settings = new MeasurementSession.Settings(measure.forks(),
            measure.plan(5, 3, 100, 200), "", measure.test(), List.of(), measure.forkTimeoutSeconds,
            "heaplab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        LoadedTrace trace = CommandSupport.workload(workload);
        MeasurementSession session;
        ResultsDocument document;
        try (ProgressListener progress = ProgressListener.forPairs(1)) {
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
            CommandSupport.write(document, ResultFormats.JSON, CommandSupport.checkOutput(json), out, spec.commandLine().getErr());
        }
        if (csv != null) {
            CommandSupport.write(document, ResultFormats.CSV, CommandSupport.checkOutput(csv), out, spec.commandLine().getErr());
        }
        if (hgrmDirectory != null) {
            writeHistograms(session.latencyHistograms());
        }
        return document.results().getFirst().status() == PairResult.Status.OK ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void writeHistograms(Map<String, Histogram> histograms) {
        try {
            Files.createDirectories(hgrmDirectory);
            for (Map.Entry<String, Histogram> e : histograms.entrySet()) {
                String file = e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".hgrm";
                try (PrintStream ps = new PrintStream(Files.newOutputStream(hgrmDirectory.resolve(file)), true,
                    StandardCharsets.UTF_8)) {
                    e.getValue().outputPercentileDistribution(ps, 1.0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hgrmDirectory + ": " + e.getMessage(), e);
        }
    }
}
