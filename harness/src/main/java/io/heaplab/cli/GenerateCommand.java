package io.heaplab.cli;

import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceWriter;
import io.heaplab.trace.Traces;
import io.heaplab.workloads.WorkloadCatalog;
import io.heaplab.workloads.gen.Generators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code heaplab generate NAME [--ops N] [--seed S] -o OUT}: writes a seeded synthetic trace. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a seeded synthetic trace: the same name, op count and seed give the same trace.",
        "Generators: see 'heaplab list workloads' (kind 'generated')."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The generator, e.g. defeat-buddy.")
    private String name;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "" + WorkloadCatalog.GENERATED_OPS,
        description = "Exact number of operations (default: ${DEFAULT-VALUE}).")
    private long ops;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + WorkloadCatalog.GENERATED_SEED,
        description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
        description = "The trace to write: *.trace or *.txt is text, anything else binary; .gz/.zst compresses.")
    private Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
        description = "Force the output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TraceFiles.FormatChoice format;

    @Override
    public Integer call() throws Exception {
        Generators.Generator generator = Generators.find(name).orElseThrow(() -> new UserInputException(
            "unknown generator '" + name + "'; expected one of " + Generators.names()));
        if (ops < 0) {
            throw new UserInputException("--ops " + ops + " is negative; expected a number of operations >= 0");
        }
        OutputFile file = OutputFile.check(output.toString());
        try (TraceReader reader = generator.open(ops, seed)) {
            long[] written = new long[1];
            file.write(out -> {
                try (TraceWriter writer = Traces.writer(out, output.getFileName().toString(),
                        TraceFiles.format(format, output), reader.header())) {
                    written[0] = Traces.copy(reader, writer);
                }
            }, spec.commandLine().getErr());
            spec.commandLine().getOut().println("generated " + written[0] + " ops (" + reader.header().idCount()
                + " ids) of " + name + " seed=" + seed + " -> " + output);
        }
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
