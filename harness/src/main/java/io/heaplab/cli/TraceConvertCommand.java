package io.heaplab.cli;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceWriter;
import io.heaplab.trace.Traces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code heaplab trace convert IN OUT}: text to binary and back, losslessly (comments are not content). OUT is
 * written through {@link OutputFile}: never onto IN, and only replaced once the whole trace converted.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a trace between the text and binary formats (and compressions), validating it on the way.")
public final class TraceConvertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The trace to read (any format, any compression).")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUT",
        description = "The trace to write: *.trace or *.txt is text, anything else binary; .gz/.zst compresses.")
    private Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
        description = "Force the output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TraceFiles.FormatChoice format;

    @Override
    public Integer call() throws Exception {
        TraceFiles.requireInput(input);
        OutputFile file = OutputFile.check(output.toString(), input);
        long ops = TraceFiles.userInput(() -> {
            try (TraceReader reader = Traces.open(input)) {
                long[] copied = new long[1];
                file.write(out -> {
                    try (TraceWriter writer = Traces.writer(out, output.getFileName().toString(),
                            TraceFiles.format(format, output), reader.header())) {
                        copied[0] = Traces.copy(reader, writer);
                    }
                }, spec.commandLine().getErr());
                return copied[0];
            }
        });
        spec.commandLine().getOut().println("converted " + ops + " ops " + input + " -> " + output);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
