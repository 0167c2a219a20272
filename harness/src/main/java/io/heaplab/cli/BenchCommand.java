package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import java.util.concurrent.Callable;

/**
 * {@code heaplab bench [JMH options]}: runs heaplab's JMH benchmarks with JMH's own command line, e.g.
 * {@code heaplab bench ReplayBench -p allocator=noop -prof gc -rf json -rff bench.json}; {@code -h} shows JMH's
 * options, {@code -l} lists the benchmarks.
 */
@Command(name = "bench",
    description = "Run heaplab's JMH benchmarks (replay and micro-benchmarks) with JMH's options, e.g.%n"
        + "  heaplab bench ReplayBench -p allocator=noop -f 1 -prof gc -rf json -rff replay.json%n"
        + "-l lists the benchmarks, -h shows every JMH option.%n"
        + "Exit status: 0 done, 1 a benchmark failed, 2 bad input (an unknown benchmark, allocator or workload).%n")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> jmhArguments = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArguments.stream()
                .map(a -> a.equals("--help") ? "-h" : a).toArray(String[]::new)); // JMH spells help -h
        } catch (CommandLineOptionException e) {
            throw new UserInputException("bad JMH option: " + e.getMessage(), e);
        }
        try {
            if (options.shouldHelp()) {
                options.showHelp();
                return ExitCode.OK;
            }
            if (options.shouldList() || options.shouldListWithParams()) {
                new Runner(options).list();
                return ExitCode.OK;
            }
            checkBenchmarksMatch(options);
            checkParameters(options);
            Collection<RunResult> results = new Runner(options).run();
            if (results.isEmpty()) {
                throw new IllegalStateException("no benchmark completed (JMH's output above says why)");
            }
            return ExitCode.OK;
        } catch (NoBenchmarksException e) {
            throw new UserInputException("no benchmark matches " + String.join(" ", options.getIncludes())
                + "; 'heaplab bench -l' lists them", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + (e.getMessage() != null ? e.getMessage()
                : e.getCause() != null ? e.getCause().toString() : e.getClass().getSimpleName()), e);
        }
    }

    /**
     * Refuses benchmark patterns that match nothing, from the benchmark list itself: JMH would only say so after
     * taking its machine-wide lock.
     */
    private static void checkBenchmarksMatch(CommandLineOptions options) {
        List<String> includes = options.getIncludes();
        if (includes.isEmpty()) {
            return; // every benchmark
        }
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        if (BenchmarkList.defaultList().find(silent, includes, options.getExcludes()).isEmpty()) {
            throw new UserInputException("no benchmark matches " + String.join(" ", includes)
                + "; 'heaplab bench -l' lists them");
        }
    }

    /**
     * Checks {@code -p allocator=...} and {@code -p workload=...} before JMH forks, so that a typo is one line (exit 2)
     * instead of a stack trace per fork.
     */
    private static void checkParameters(CommandLineOptions options) {
        AllocatorRegistry registry = CommandSupport.registry();
        org.openjdk.jmh.util.Optional<Collection<String>> allocators = options.getParameter("allocator");
        if (allocators.hasValue()) {
            for (String name : allocators.get()) {
                if (registry.find(name).isEmpty()) {
                    throw CommandSupport.unknownAllocator(registry, name);
                }
            }
        }
        org.openjdk.jmh.util.Optional<Collection<String>> workloads = options.getParameter("workload");
        if (workloads.hasValue()) {
            for (String name : workloads.get()) {
                if (!CommandSupport.isBuiltIn(name) && !Files.isRegularFile(Path.of(name))) {
                    CommandSupport.workload(name); // throws the one-line error, with "did you mean"
                }
            }
        }
    }
}
