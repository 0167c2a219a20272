package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.harness.LoadedTrace;
import io.heaplab.harness.MeasurementSession;
import io.heaplab.harness.Workloads;
import io.heaplab.report.PairResult;
import io.heaplab.report.ResultFormats;
import io.heaplab.report.ResultsDocument;
import io.heaplab.report.TextSections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code heaplab compare}: allocators × workloads, one table per workload. heaplab's main job. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Replay workloads on allocators and compare them: one table per workload with utilization, "
        + "fragmentation, throughput (95%% CI) relative to a baseline, p99 latency and failed allocations.%n"
        + "Defaults: every research and native allocator x the built-in suite; each allocator is timed in its own "
        + "fresh JVM (reused for every workload), 5 runs of >= 10 ms after 1 warm-up (3 on its first workload), "
        + "each table printed as soon as its workload is done (under a minute on 2 cores); more rigour with e.g. "
        + "--forks 3 --runs 5 --warmup 5 --run-ms 100.%n"
        + "Exit status: 0 done (unavailable allocators are reported, not failures), 1 an allocator failed "
        + "(e.g. corrupted a block), 2 bad input.%n")
public final class CompareCommand implements Callable<Integer> {

    /** The {@code -w} value that selects every built-in workload. */
    static final String ALL_WORKLOADS = "all";
    /** Measured runs per pair by default. */
    static final int DEFAULT_RUNS = 5;
    /** Warm-up runs per pair by default. */
    static final int DEFAULT_WARMUPS = 1;
    /** Minimum length of one run by default, in milliseconds. */
    static final long DEFAULT_RUN_MS = 10;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--allocators"}, split = ",", splitSynopsisLabel = ",", paramLabel = "ALLOCATOR",
        description = "Allocators to compare, or the groups 'research', 'native', 'all' (default: every research "
            + "and native allocator).")
    private List<String> allocatorNames;

    @Option(names = {"-w", "--workloads"}, split = ",", splitSynopsisLabel = ",", paramLabel = "WORKLOAD",
        description = "Built-in workload names, trace files, directories (every *.hltrace / *.trace file in them) or "
            + "globs ('traces/*.rep.hltrace'), or 'all' for every built-in workload (default: the built-in suite).")
    private List<String> workloadNames;

    @Option(names = "--baseline", paramLabel = "NAME", defaultValue = "glibc",
        description = "Allocator the throughput ratios are relative to; 'none' for no ratios (default: ${DEFAULT-VALUE}).")
    private String baseline;

    @Mixin
    private MeasureOptions measure;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON results to FILE, or to stdout with -.")
    private String json;

    @Option(names = "--csv", paramLabel = "FILE|-", description = "Write the CSV results to FILE, or to stdout with -.")
    private String csv;

    @Mixin
    private ReportOption report;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AllocatorRegistry registry = CommandSupport.registry();
        List<AllocatorSpec> allocators;
        if (allocatorNames == null || allocatorNames.isEmpty()) {
            allocators = new ArrayList<>(registry.ofKind(AllocatorSpec.Kind.RESEARCH));
            allocators.addAll(registry.ofKind(AllocatorSpec.Kind.NATIVE));
        } else {
            allocators = new ArrayList<>(CommandSupport.allocators(registry, allocatorNames));
        }
        String baselineName = CommandSupport.addBaseline(registry, allocators, baseline);
        MeasurementSession.Settings settings = new MeasurementSession.Settings(measure.forks(),
            measure.plan(DEFAULT_RUNS, DEFAULT_WARMUPS, DEFAULT_RUN_MS, 20), baselineName, measure.test(), List.of(),
            measure.forkTimeoutSeconds,
            "heaplab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        List<String> names;
        if (workloadNames == null || workloadNames.isEmpty()) {
            names = Workloads.suite().stream().map(Workloads.Entry::name).toList();
        } else if (workloadNames.equals(List.of(ALL_WORKLOADS))) {
            names = Workloads.all().stream().map(Workloads.Entry::name).toList();
        } else {
            names = CommandSupport.expandWorkloads(workloadNames);
        }
        if (names.isEmpty()) {
            throw new UserInputException("no workloads to compare: the built-in suite is empty; pass -w TRACE_FILE");
        }
        OutputFile jsonFile = CommandSupport.checkOutput(json, CommandSupport.inputFiles(names));
        OutputFile csvFile = CommandSupport.checkOutput(csv, CommandSupport.inputFiles(names));
        List<LoadedTrace> traces = new ArrayList<>();
        for (String name : names) {
            traces.add(CommandSupport.workload(name, measure.checkLevel()));
        }
        boolean textToStdout = !"-".equals(json) && !"-".equals(csv);
        String baselineOrNull = baselineName.isEmpty() ? null : baselineName;
        ResultsDocument document;
        try (ProgressListener progress = ProgressListener.forPairs(allocators.size() * traces.size())) {
            if (textToStdout) { // each table as soon as its workload is done
                out.print(TextSections.header(settings.runSettings(), allocators.size(), traces.size()));
                out.flush();
                progress.onWorkloadFinished((workload, results, verdict) -> {
                    out.print(TextSections.workload(workload, results, verdict, baselineOrNull));
                    out.flush();
                });
            }
            document = new MeasurementSession(settings, progress).run(allocators, traces,
                MeasurementSession.environment(VersionProvider.version()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (textToStdout) {
            if (document.summary() != null) {
                out.print(TextSections.summary(document.summary()));
            }
            out.print(TextSections.legend(baselineOrNull));
            out.flush();
        }
        if (json != null) {
            CommandSupport.write(document, ResultFormats.JSON, jsonFile, out, err);
        }
        if (csv != null) {
            CommandSupport.write(document, ResultFormats.CSV, csvFile, out, err);
        }
        report.write(document, spec.commandLine().getErr());
        boolean failed = document.results().stream().anyMatch(r -> r.status() == PairResult.Status.FAILED);
        return failed ? ExitCode.FAILURE : ExitCode.OK;
    }
}
