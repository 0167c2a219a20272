package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.handles.CapacityLesson;
import io.heaplab.alloc.handles.RustPrimitive;
import io.heaplab.teach.CapacityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code heaplab teach capacity}: the same pushes with {@code Vec::new()}, {@code Vec::with_capacity(n)} and
 * {@code reserve_exact(1)} before every push, on each allocator; delegates to {@link CapacityLesson}.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
    description = {
        "Why Vec::with_capacity matters: push n elements three ways (Vec::new, Vec::with_capacity(n),",
        "reserve_exact(1) before every push) and count allocations, reallocations (in place / moved),",
        "bytes copied, peak footprint and time on each allocator.",
    })
public final class TeachCapacityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--allocator", paramLabel = "NAME",
        description = "One allocator (default: every registered research and native allocator).")
    private String allocatorName;

    @Option(names = "--n", paramLabel = "COUNT", defaultValue = "1000",
        description = "Number of pushes (default: ${DEFAULT-VALUE}).")
    private long pushes;

    @Option(names = "--element", paramLabel = "TYPE", defaultValue = "i32",
        description = "Element type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private RustPrimitive element;

    @Option(names = "--heap", paramLabel = "BYTES",
        description = "Heap size per run in bytes (default: enough for the quadratic case on bump).")
    private Long heapBytes;

    @Option(names = "--neighbours",
        description = "Allocate a live 16-byte block after every push, as a real program's other objects would be.")
    private boolean neighbours;

    @Option(names = "--repeat", paramLabel = "RUNS", defaultValue = "3",
        description = "Runs per case; the fastest time is shown, counts are the same every run (default: ${DEFAULT-VALUE}).")
    private int repetitions;

    @Option(names = "--json", paramLabel = "FILE|-",
        description = "Also write the figures as JSON to FILE, or only JSON to standard output with '-'.")
    private String json;

    @Mixin
    private ReportOption htmlReport;

    @Override
    public Integer call() throws IOException {
        if (pushes < 0) {
            throw new UserInputException("--n must be 0 or more, got " + pushes);
        }
        if (repetitions < 1) {
            throw new UserInputException("--repeat must be 1 or more, got " + repetitions);
        }
        if (heapBytes != null && heapBytes <= 0) {
            throw new UserInputException("--heap must be a positive number of bytes, got " + heapBytes);
        }
        CapacityLesson.Setup setup = setup();
        List<CapacityLesson.Result> results = new ArrayList<>();
        for (AllocatorSpec allocator : allocators()) {
            for (CapacityLesson.Growth growth : CapacityLesson.Growth.values()) {
                results.add(run(allocator, setup, growth));
            }
        }
        CapacityReport report = new CapacityReport(setup, results);
        PrintWriter out = spec.commandLine().getOut();
        htmlReport.writeCapacity(setup, results, spec.commandLine().getErr());
        if ("-".equals(json)) {
            report.writeJson(out);
            return ExitCode.OK;
        }
        out.print(report.text());
        if (json != null) {
            Path file = Path.of(json);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                report.writeJson(writer);
            } catch (IOException e) {
                throw new UserInputException("cannot write JSON to " + file + ": " + e.getMessage(), e);
            }
            out.println("wrote " + file);
        }
        out.flush();
        return ExitCode.OK;
    }

    private CapacityLesson.Setup setup() {
        try {
            return heapBytes == null
                ? CapacityLesson.Setup.withDefaultHeap(element, pushes, neighbours)
                : new CapacityLesson.Setup(element, pushes, heapBytes, neighbours);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private CapacityLesson.Result run(AllocatorSpec allocator, CapacityLesson.Setup setup,
                                      CapacityLesson.Growth growth) {
        try {
            return CapacityLesson.runFastest(allocator, setup, growth, repetitions);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserInputException("allocator '" + allocator.name() + "' cannot run over a heap of "
                + setup.heapBytes() + " bytes: " + e.getMessage(), e);
        }
    }

    private List<AllocatorSpec> allocators() {
        AllocatorRegistry registry = AllocatorRegistry.load();
        if (allocatorName != null) {
            return List.of(registry.find(allocatorName).orElseThrow(() -> new UserInputException(
                "unknown allocator '" + allocatorName + "'; known: "
                    + String.join(", ", registry.all().stream().map(AllocatorSpec::name).toList()))));
        }
        List<AllocatorSpec> specs = new ArrayList<>(registry.ofKind(AllocatorSpec.Kind.RESEARCH));
        specs.addAll(registry.ofKind(AllocatorSpec.Kind.NATIVE));
        return specs;
    }
}
