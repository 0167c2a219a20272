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
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
        "An allocator that cannot run here (a native library not installed) is listed as unavailable.",
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
        description = "Heap size per run in bytes (default: enough for the quadratic case on bump; refused "
            + "when that is more memory than is available).")
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
        OutputFile jsonFile = CommandSupport.checkOutput(json);
        List<AllocatorSpec> allocators = allocators();
        CapacityLesson.Setup setup = setup();
        if (allocators.stream().anyMatch(a -> a.kind() == AllocatorSpec.Kind.RESEARCH)) {
            checkFitsInMemory(setup, AvailableMemory.bytes());
        }
        List<CapacityLesson.Result> results = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (AllocatorSpec allocator : allocators) {
            try {
                for (CapacityLesson.Growth growth : CapacityLesson.Growth.values()) {
                    results.add(run(allocator, setup, growth));
                }
            } catch (UnsupportedOperationException e) { // e.g. a native library that is not installed
                unavailable.put(allocator.name(), e.getMessage());
            }
        }
        CapacityReport report = new CapacityReport(setup, results, unavailable);
        PrintWriter out = spec.commandLine().getOut();
        htmlReport.writeCapacity(setup, results, unavailable, recordHeapMaps(allocators, setup, unavailable),
            spec.commandLine().getErr());
        if ("-".equals(json)) {
            report.writeJson(out);
            return ExitCode.OK;
        }
        out.print(report.text());
        out.flush();
        if (jsonFile != null) {
            jsonFile.write(stream -> {
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                report.writeJson(writer);
                writer.flush();
            }, spec.commandLine().getErr());
        }
        return ExitCode.OK;
    }

    /**
     * Refuses a lesson whose research allocators could touch more memory than this machine has available: the
     * quadratic case may touch {@link CapacityLesson#worstCaseBytes} (at most the heap).
     *
     * @param setup          the lesson
     * @param availableBytes available memory, or empty if unknown (then nothing is refused)
     * @throws UserInputException if it cannot fit
     */
    static void checkFitsInMemory(CapacityLesson.Setup setup, OptionalLong availableBytes) {
        if (availableBytes.isEmpty()) {
            return;
        }
        double touched = Math.min(setup.heapBytes(),
            CapacityLesson.worstCaseBytes(setup.element(), setup.pushes(), setup.neighbours()));
        if (touched > availableBytes.getAsLong()) {
            throw new UserInputException("a heap of " + TraceFiles.humanBytes((long) touched) + " for n = "
                + setup.pushes() + " pushes of " + setup.element().rustName() + " (the reserve_exact case copies into "
                + "fresh memory on every push) does not fit in the " + TraceFiles.humanBytes(availableBytes.getAsLong())
                + " of memory available; use a smaller --n, or cap the heap with --heap SIZE (cases that outgrow it "
                + "then report a failed allocation)");
        }
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

    /**
     * {@return one recorded run per case for the report's heap maps, on the first research allocator of the lesson
     * (or the only one asked for, if it could run); none without {@code --report}}
     */
    private List<CapacityLesson.Recorded> recordHeapMaps(List<AllocatorSpec> allocators, CapacityLesson.Setup setup,
                                                         Map<String, String> unavailable) {
        if (!htmlReport.requested()) {
            return List.of();
        }
        AllocatorSpec chosen = allocators.stream().filter(a -> a.kind() == AllocatorSpec.Kind.RESEARCH).findFirst()
            .orElse(allocators.size() == 1 && !unavailable.containsKey(allocators.getFirst().name())
                ? allocators.getFirst() : null);
        if (chosen == null) {
            return List.of();
        }
        List<CapacityLesson.Recorded> recorded = new ArrayList<>();
        for (CapacityLesson.Growth growth : CapacityLesson.Growth.values()) {
            recorded.add(CapacityLesson.runRecorded(chosen, setup, growth));
        }
        return recorded;
    }

    private List<AllocatorSpec> allocators() {
        AllocatorRegistry registry = CommandSupport.registry();
        if (allocatorName != null) {
            return CommandSupport.allocators(registry, List.of(allocatorName));
        }
        List<AllocatorSpec> specs = new ArrayList<>(registry.ofKind(AllocatorSpec.Kind.RESEARCH));
        specs.addAll(registry.ofKind(AllocatorSpec.Kind.NATIVE));
        return specs;
    }
}
