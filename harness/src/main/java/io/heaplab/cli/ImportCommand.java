package io.heaplab.cli;

import io.heaplab.trace.TraceHeader;
import io.heaplab.workloads.imports.Importer;
import io.heaplab.workloads.imports.Imports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code heaplab import --from malloclab|heaptrack|mtrace IN -o OUT}: converts a foreign recording to a trace. An
 * input from which nothing can be imported is refused (exit 2); OUT is written through {@link OutputFile}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Convert a malloc-lab .rep trace, a heaptrack raw recording (.raw.zst/.raw.gz) or a glibc mtrace "
        + "log into a heaplab trace.",
        "Whatever cannot be mapped (frees of unknown pointers, ...) is counted in the trace header."})
public final class ImportCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FORMAT",
        description = "The input's format: malloclab, heaptrack or mtrace.")
    private String from;

    @Parameters(index = "0", paramLabel = "IN", description = "The recording to import (may be .gz or .zst).")
    private Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
        description = "The trace to write: *.trace or *.txt is text, anything else binary; .gz/.zst compresses.")
    private Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
        description = "Force the output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TraceFiles.FormatChoice format;

    @Option(names = "--name", paramLabel = "NAME", description = "The trace's name (default: the input's base name).")
    private String name;

    @Override
    public Integer call() throws Exception {
        Importer importer = Importer.byName(from).orElseThrow(() -> new UserInputException(
            "unknown input format '" + from + "'; expected one of " + Importer.names()));
        TraceFiles.requireInput(input);
        OutputFile file = OutputFile.check(output.toString(), input);
        TraceHeader header = TraceFiles.userInput(() -> Imports.scan(importer, input, name));
        TraceFiles.userInput(() -> {
            file.write(out -> Imports.write(importer, input, header, out, output.getFileName().toString(),
                TraceFiles.format(format, output)), spec.commandLine().getErr());
            return null;
        });
        String unmapped = header.attributes().entrySet().stream()
            .filter(e -> e.getKey().startsWith("import."))
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
        spec.commandLine().getOut().println("imported " + header.opCount() + " ops (" + header.idCount() + " ids) from "
            + input + " -> " + output + (unmapped.isEmpty() ? "" : "; not mapped as recorded: " + unmapped));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
