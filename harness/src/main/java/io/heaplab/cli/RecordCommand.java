package io.heaplab.cli;

import io.heaplab.trace.TraceHeader;
import io.heaplab.workloads.record.HeaptrackRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;

/**
 * {@code heaplab record [-o FILE] [--] COMMAND ARGS...}: records a program with heaptrack into a trace. Everything
 * from the program name on belongs to the program, as with {@code time} or {@code env}.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Run a program under heaptrack (raw mode) and convert the recording into a heaplab trace.",
        "heaptrack follows only the process it starts: record the real binary, not a shell wrapper or shim.",
        "Example: PYTHONMALLOC=malloc heaplab record -o py.hltrace -- /usr/bin/python3.11 -c \"x=[str(i) for i in range(100000)]\""})
public final class RecordCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "The trace to write (default: PROGRAM.hltrace); *.trace/*.txt is text, .gz/.zst compresses.")
    private Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
        description = "Force the output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TraceFiles.FormatChoice format;

    @Option(names = "--name", paramLabel = "NAME", description = "The trace's name (default: the program's name).")
    private String name;

    @Option(names = "--show-output", description = "Give the program heaplab's standard input and output (heaptrack's messages included); "
            + "by default its input is empty and its output is shown only if recording fails.")
    private boolean showOutput;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", preprocessor = RestOfLine.class,
        description = "The program and its arguments (everything after the first non-option, or after '--').")
    private List<String> command;

    /** Takes every argument from the program name on as the command, so that its options are not heaplab's. */
    static final class RestOfLine implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, CommandLine.Model.ArgSpec argSpec,
                Map<String, Object> info) {
            List<String> rest = new ArrayList<>();
            while (!args.isEmpty()) {
                rest.add(args.pop());
            }
            argSpec.setValue(rest);
            return true;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (HeaptrackRecorder.findHeaptrack().isEmpty()) {
            throw new UserInputException(HeaptrackRecorder.INSTALL_HINT);
        }
        Path program;
        try {
            program = HeaptrackRecorder.resolveProgram(command.getFirst());
        } catch (HeaptrackRecorder.RecordingFailedException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        if (HeaptrackRecorder.isScript(program)) {
            err.println("heaplab: note: " + program + " is a script; heaptrack records the interpreter it starts, "
                + "not programs the script runs. Record the real binary if that is what you want.");
            err.flush();
        }
        Path target = output != null ? output : Path.of(program.getFileName() + ".hltrace");
        OutputFile file = OutputFile.check(target.toString(), program);
        HeaptrackRecorder.Result result;
        try {
            result = TraceFiles.userInput(() -> {
                try (HeaptrackRecorder.Recording recording = HeaptrackRecorder.run(command, Map.of(), showOutput)) {
                    TraceHeader header = recording.header(name);
                    HeaptrackRecorder.Result[] written = new HeaptrackRecorder.Result[1];
                    file.write(stream -> written[0] = recording.write(header, stream, target,
                        TraceFiles.format(format, target)), err);
                    return written[0];
                }
            });
        } catch (HeaptrackRecorder.RecordingFailedException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        out.println(result.summaryLine());
        out.flush();
        return ExitCode.OK;
    }
}
