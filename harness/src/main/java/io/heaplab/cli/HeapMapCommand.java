package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.harness.HeapMapper;
import io.heaplab.report.HeapMap;
import io.heaplab.report.html.HeapMapPage;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.workloads.WorkloadCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        OutputFile out = OutputFile.check(output, traceFile);
        HeapMap map;
        try {
            map = new HeapMapper(allocatorSpec, heapBytes, columns, rows).map(workload,
                () -> WorkloadCatalog.open(workload.strip()));
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
