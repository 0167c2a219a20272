package io.heaplab.cli;

import io.heaplab.trace.TextTraceWriter;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceReader;
import io.heaplab.workloads.WorkloadCatalog;
import io.heaplab.workloads.inject.FaultInjector;
import io.heaplab.workloads.inject.FaultKind;
import io.heaplab.workloads.inject.FaultLabels;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code heaplab inject}: a copy of a workload with misuses injected, and their labels (ground truth). */
@Command(name = "inject", mixinStandardHelpOptions = true,
    description = {"Write a copy of a workload with misuses injected at random frees (text trace format, with the"
        + " fault operations 'write ID OFFSET LENGTH' and 'free-at ID DELTA SIZE ALIGN'), and OUT.labels: one line"
        + " 'POSITION KIND ID' per injected fault.",
        "Replay it with 'heaplab detect', which also injects on the fly."})
public final class InjectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-w", "--workload"}, required = true, paramLabel = "WORKLOAD",
        description = "A built-in workload name or a clean trace file.")
    private String workload;

    @Option(names = "--fault", split = ",", splitSynopsisLabel = ",", paramLabel = "FAULT",
        description = "Faults to inject (default: all): double-free, double-free-after-reuse, invalid-free,"
            + " interior-free, wrong-layout, use-after-free-write, overflow-write, leak.")
    private List<String> faultNames;

    /** How many faults. */
    static final class Amount {
        @Option(names = "--count", paramLabel = "N", description = "Faults of each kind (default: 10).")
        Integer count;

        @Option(names = "--rate", paramLabel = "R", description = "Faults of each kind per operation, in (0, 1].")
        Double rate;
    }

    @ArgGroup(exclusive = true)
    private Amount amount;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: 1).")
    private long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The injected trace.")
    private String output;

    @Override
    public Integer call() {
        Set<FaultKind> faults = faults(faultNames);
        Path input = Files.isRegularFile(Path.of(workload)) ? Path.of(workload) : null;
        OutputFile traceFile = OutputFile.check(output, input);
        OutputFile labelsFile = OutputFile.check(output + ".labels", input);
        PrintWriter err = spec.commandLine().getErr();
        FaultInjector.Result[] result = new FaultInjector.Result[1];
        try (TraceReader reader = open(workload)) {
            traceFile.write(out -> {
                try (TextTraceWriter writer = new TextTraceWriter(out,
                    FaultInjector.header(reader.header(), faults, seed))) {
                    FaultInjector injector = new FaultInjector();
                    result[0] = amount != null && amount.rate != null
                        ? injector.injectAtRate(reader, faults, amount.rate, seed, writer)
                        : injector.inject(reader, faults, amount != null && amount.count != null ? amount.count : 10,
                            seed, writer);
                }
            }, err);
        } catch (TraceFormatException e) {
            throw new UserInputException("malformed trace: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        labelsFile.write(out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            FaultLabels.write(result[0].labels(), w);
            w.flush();
        }, err);
        PrintWriter out = spec.commandLine().getOut();
        out.println("injected " + result[0].labels().size() + " faults into " + result[0].opCount() + " ops");
        out.flush();
        return ExitCode.OK;
    }

    /**
     * {@return the fault kinds named, or all of them}
     *
     * @param names command-line names, or null
     * @throws UserInputException if a name is unknown; the message lists the known ones
     */
    static Set<FaultKind> faults(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(FaultKind.class);
        }
        Set<FaultKind> faults = new LinkedHashSet<>();
        for (String name : names) {
            try {
                faults.add(FaultKind.parse(name));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
        return faults;
    }

    /**
     * {@return a reader of a workload}
     *
     * @param nameOrPath a built-in name or a trace file
     * @throws UserInputException if it is unknown, missing or malformed
     * @throws IOException        if reading fails
     */
    static TraceReader open(String nameOrPath) throws IOException {
        try {
            return WorkloadCatalog.open(nameOrPath.strip());
        } catch (TraceFormatException e) {
            throw new UserInputException("malformed trace: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserInputException("no such trace file: " + e.getFile(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
