package io.heaplab.cli;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
        + "-l lists the benchmarks, -h shows every JMH option.%n")
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
            new Runner(options).run();
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
    }
}
