package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.harness.Workloads;
import io.heaplab.harness.detect.DetectionReport;
import io.heaplab.harness.detect.DetectionRun;
import io.heaplab.harness.detect.InjectedTrace;
import io.heaplab.trace.TraceReader;
import io.heaplab.workloads.inject.FaultInjector;
import io.heaplab.workloads.inject.FaultKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.Traces;
import io.heaplab.workloads.inject.FaultLabels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code heaplab detect}: the detection matrix of the checked layer, and what unchecked allocators do. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {"Inject misuses into workloads, replay them on each allocator wrapped in the checked layer, and"
        + " print per allocator x level x fault: injected, detected, missed, false positives and detection latency;"
        + " the false positives and throughput cost of each level on the clean workloads; and what each unchecked"
        + " allocator does with each misuse (silent / corrupt / exception / hang, probed in child JVMs under a"
        + " watchdog).",
        "Defaults: every research allocator, the built-in suite, levels cheap and full, every fault, 20 of each per"
        + " workload, seed 1.",
        "With --report DIR: DIR/index.html (the three tables, with charts of the detection rate and the cost) and"
        + " DIR/detect.json (as --json)."})
public final class DetectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--allocators"}, split = ",", splitSynopsisLabel = ",", paramLabel = "ALLOCATOR",
        description = "Research allocators (default: all of them; native ones are not probed: a misuse would crash"
            + " the JVM).")
    private List<String> allocatorNames;

    @Option(names = {"-w", "--workloads"}, split = ",", splitSynopsisLabel = ",", paramLabel = "WORKLOAD",
        description = "Built-in workloads or clean trace files (faults are injected on the fly), traces written by"
            + " 'heaplab inject' (FILE with FILE.labels beside it: replayed as they are), or 'all' (default: the"
            + " built-in suite).")
    private List<String> workloadNames;

    @Option(names = "--level", paramLabel = "LEVEL", description = "cheap or full (default: both).")
    private String level;

    @Option(names = "--fault", split = ",", splitSynopsisLabel = ",", paramLabel = "FAULT",
        description = "Faults to inject (default: all).")
    private List<String> faultNames;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20",
        description = "Faults of each kind per workload (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Injection seed (default: 1).")
    private long seed;

    @Option(names = "--heap", paramLabel = "SIZE", converter = ByteSizeConverter.class, defaultValue = "256m",
        description = "Heap of every replay (default: ${DEFAULT-VALUE}).")
    private long heapBytes;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "2",
        description = "Timed replays per clean workload and level; the best counts (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--no-probe", description = "Skip probing the unchecked allocators.")
    private boolean noProbe;

    @Option(names = "--probe-timeout", paramLabel = "SECONDS", defaultValue = "5",
        description = "Watchdog per unchecked probe (default: ${DEFAULT-VALUE}).")
    private int probeTimeoutSeconds;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Write the JSON results to FILE, or to stdout with -.")
    private String json;

    @Mixin
    private ReportOption reportOption;

    /**
     * {@return an injected trace written by {@code heaplab inject}, with its labels}
     *
     * @throws UserInputException if either file is malformed (the message names file:line)
     */
    private static InjectedTrace injectedFile(Path trace, Path labels) throws IOException {
        try (TraceReader reader = Traces.openUnchecked(Files.newInputStream(trace), trace.toString());
             BufferedReader labelText = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
            return InjectedTrace.read(trace.toString(), reader, FaultLabels.read(labelText, labels.toString()));
        } catch (TraceFormatException e) {
            throw new UserInputException("malformed trace: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 0 || runs < 1 || probeTimeoutSeconds < 1) {
            throw new UserInputException("--count must be >= 0, --runs >= 1 and --probe-timeout >= 1");
        }
        AllocatorRegistry registry = AllocatorRegistry.load();
        List<AllocatorSpec> allocators = allocatorNames == null || allocatorNames.isEmpty()
            ? registry.ofKind(AllocatorSpec.Kind.RESEARCH) : CommandSupport.allocators(registry, allocatorNames);
        for (AllocatorSpec a : allocators) {
            if (a.kind() != AllocatorSpec.Kind.RESEARCH) {
                throw new UserInputException("detect runs heaplab's research allocators only; '" + a.name()
                    + "' is " + a.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " (a misuse of a native allocator would crash the JVM)");
            }
        }
        List<CheckLevel> levels;
        if (level == null) {
            levels = List.of(CheckLevel.CHEAP, CheckLevel.FULL);
        } else {
            try {
                CheckLevel parsed = CheckLevel.parse(level);
                if (parsed == CheckLevel.OFF) {
                    throw new IllegalArgumentException("--level off detects nothing; expected cheap or full");
                }
                levels = List.of(parsed);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
        Set<FaultKind> faults = InjectCommand.faults(faultNames);
        List<String> names;
        if (workloadNames == null || workloadNames.isEmpty()) {
            names = Workloads.suite().stream().map(Workloads.Entry::name).toList();
        } else if (workloadNames.equals(List.of(CompareCommand.ALL_WORKLOADS))) {
            names = Workloads.all().stream().map(Workloads.Entry::name).toList();
        } else {
            names = workloadNames;
        }
        OutputFile jsonFile = json == null || json.equals("-") ? null : OutputFile.check(json,
            names.stream().filter(n -> Files.isRegularFile(Path.of(n))).map(Path::of).toArray(Path[]::new));
        List<DetectionRun.Workload> workloads = new ArrayList<>();
        try {
            for (String name : names) {
                Path labels = Path.of(name.strip() + ".labels");
                if (Files.isRegularFile(labels) && Files.isRegularFile(Path.of(name.strip()))) {
                    workloads.add(new DetectionRun.Workload(name, null, injectedFile(Path.of(name.strip()), labels)));
                    continue;
                }
                InjectedTrace clean;
                try (TraceReader reader = InjectCommand.open(name)) {
                    clean = InjectedTrace.read(name, reader, List.of());
                }
                InjectedTrace injected = new InjectedTrace(name + "+faults");
                try (TraceReader reader = InjectCommand.open(name)) {
                    injected.labels(new FaultInjector().inject(reader, faults, count, seed, injected).labels());
                }
                workloads.add(new DetectionRun.Workload(name, clean, injected));
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DetectionRun run = new DetectionRun(allocators, workloads, levels, List.copyOf(faults), heapBytes, runs,
            !noProbe, probeTimeoutSeconds * 1000L);
        DetectionRun.Results results;
        try {
            int[] done = {0};
            results = run.run(allocator -> {
                err.println("detect: " + allocator + " done (" + ++done[0] + "/" + allocators.size() + ")");
                err.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DetectionReport report = new DetectionReport(run, results, count, seed);
        if (!"-".equals(json)) {
            out.print(report.text());
            out.flush();
        }
        if ("-".equals(json)) {
            try {
                report.json(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (jsonFile != null) {
            jsonFile.write(stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                report.json(w);
                w.flush();
            }, out);
        }
        if (reportOption.directory() != null) {
            StringWriter text = new StringWriter();
            try {
                report.json(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter never throws
            }
            reportOption.writeDetection(report.data(), text.toString(), err);
        }
        // A replay of an injected trace may fail where a level misses a fault that corrupts the allocator: that is a
        // finding. A failure on a clean trace (" on NAME:" without "+faults") is a defect.
        boolean cleanFailed = results.failures().values().stream().anyMatch(f -> f.matches("(?s).* on [^ ]+: .*")
            && !f.matches("(?s)^[a-z]+ on [^ ]+\\+faults: [^;]*$"));
        return cleanFailed ? ExitCode.FAILURE : ExitCode.OK;
    }
}
