package io.heaplab.cli;

import io.heaplab.report.ResultsDocument;
import io.heaplab.report.ResultsJsonReader;
import io.heaplab.report.html.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code heaplab report RESULTS.json [NEW.json] -o DIR}: render saved results (or two runs side by side) as HTML. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Render saved JSON results (from --json) as a report directory: index.html (offline, charts and "
        + "tables), results.json, results.csv, summary.md and latency/*.hgrm.%n"
        + "With two files, the second run is compared with the first pair by pair (ratio and Welch t-test, as "
        + "benchstat does), printed and added to the report.%n"
        + "Exit status: 0 written, 1 failure, 2 bad input.%n")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "RESULTS.json",
        description = "Results written by compare/replay --json; with two, the first is the old run.")
    private List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
        description = "The report directory (created if missing).")
    private String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = ReportOption.checkDirectory(output);
        for (Path input : inputs) {
            for (String name : List.of("results.json", "results.csv", "summary.md", "index.html")) {
                Path target = directory.resolve(name);
                if (sameFile(target, input)) {
                    throw new UserInputException("refusing to write " + target + ": it is also an input (choose "
                        + "another -o DIR)");
                }
            }
        }
        Map<String, String> files;
        if (inputs.size() == 1) {
            ResultsDocument document = read(inputs.getFirst());
            files = ReportFiles.of(document, ReportOption.sizes(document));
        } else {
            ResultsDocument before = read(inputs.get(0));
            ResultsDocument after = read(inputs.get(1));
            String beforeName = inputs.get(0).toString();
            String afterName = inputs.get(1).toString();
            out.print(ReportFiles.comparisonText(beforeName, before, afterName, after));
            files = ReportFiles.compared(beforeName, before, afterName, after, ReportOption.sizes(after));
        }
        ReportOption.writeFiles(directory, files, spec.commandLine().getErr());
        return ExitCode.OK;
    }

    private static ResultsDocument read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ResultsJsonReader.read(in, file.toString());
        } catch (ResultsJsonReader.MalformedResultsException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserInputException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
