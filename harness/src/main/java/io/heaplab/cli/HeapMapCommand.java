package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.harness.HeapMapper;
import io.heaplab.report.HeapMap;
import io.heaplab.report.html.HeapMapPage;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.Traces;
import io.heaplab.workloads.inject.FaultLabels;
import io.heaplab.workloads.WorkloadCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code heaplab heapmap -a ALLOCATOR -w WORKLOAD -o FILE.html}: replay one workload on one research allocator and
 * draw its heap (address × time, blocks coloured by size class, free space grey) as a self-contained page.
 */
@Command(name = "heapmap", mixinStandardHelpOptions = true,
    description = "Draw the heap of one research allocator replaying one workload: address (vertical) x time "
        + "(horizontal), live blocks coloured by size class, free space grey; a self-contained HTML page.%n"
        + "With --check, or for a trace written by 'heaplab inject' (FILE with FILE.labels beside it), the replay "
        + "runs through the checked layer and each misuse it detects is a red cross at its address and op, "
        + "listed below the map.%n"
        + "Exit status: 0 written, 1 failure, 2 bad input.%n")
public final class HeapMapCommand implements Callable<Integer> {

    /** Bounds of the grid: enough detail for a screen, small enough to stay a quick page. */
    static final int MAX_COLUMNS = 2000;
    static final int MAX_ROWS = 1000;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-a", "--allocator"}, required = true, paramLabel = "ALLOCATOR",
        description = "A research allocator (heaplab list).")
    private String allocator;

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "WORKLOAD",
        description = "A built-in workload's name or a trace file.")
    private String workload;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.html", description = "The page to write.")
    private String output;

    @Option(names = "--heap", paramLabel = "SIZE", converter = ByteSizeConverter.class, defaultValue = "256m",
        description = "Heap capacity (default: ${DEFAULT-VALUE}).")
    private long heapBytes;

    @Option(names = "--columns", paramLabel = "N", defaultValue = "400",
        description = "Time slices (1-" + MAX_COLUMNS + ", default: ${DEFAULT-VALUE}).")
    private int columns;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "256",
        description = "Address slices (1-" + MAX_ROWS + ", default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--check", paramLabel = "LEVEL",
        description = "Replay through the checked layer at cheap or full and mark each misuse in red (default: off;"
            + " full for an injected trace with a .labels file).")
    private String check;

    @Override
    public Integer call() {
        if (columns < 1 || columns > MAX_COLUMNS) {
            throw new UserInputException("--columns must be 1 to " + MAX_COLUMNS + ", got " + columns);
        }
        if (rows < 1 || rows > MAX_ROWS) {
            throw new UserInputException("--rows must be 1 to " + MAX_ROWS + ", got " + rows);
        }
        AllocatorSpec allocatorSpec = CommandSupport.allocators(AllocatorRegistry.load(), List.of(allocator))
            .getFirst();
        Path traceFile = Files.isRegularFile(Path.of(workload)) ? Path.of(workload) : null;
        Path labels = traceFile == null ? null : Path.of(workload + ".labels");
        boolean injected = labels != null && Files.isRegularFile(labels);
        CheckLevel level = null;
        if (check != null) {
            try {
                level = CheckLevel.parse(check);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--check: " + e.getMessage(), e);
            }
        } else if (injected) {
            level = CheckLevel.FULL;
        }
        OutputFile out = injected ? OutputFile.check(output, traceFile, labels) : OutputFile.check(output, traceFile);
        HeapMap map;
        try {
            long faults = -1;
            if (injected) {
                try (BufferedReader text = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
                    faults = FaultLabels.read(text, labels.toString()).size();
                }
            }
            HeapMapper.TraceSource source = level != null && traceFile != null
                ? () -> Traces.openUnchecked(Files.newInputStream(traceFile), traceFile.toString())
                : () -> WorkloadCatalog.open(workload.strip());
            map = new HeapMapper(allocatorSpec, heapBytes, columns, rows, level).map(workload, source, faults);
        } catch (TraceFormatException e) {
            throw new UserInputException("malformed trace: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload '" + workload + "': " + e.getMessage(), e);
        }
        String page = HeapMapPage.render(map);
        PrintWriter log = spec.commandLine().getErr();
        out.write(stream -> stream.write(page.getBytes(StandardCharsets.UTF_8)), log);
        return ExitCode.OK;
    }
}
