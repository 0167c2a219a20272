package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code heaplab} command line. Each subcommand is one thin class that delegates to the library.
 *
 * <p>Exit codes: {@link ExitCode#OK}, {@link ExitCode#FAILURE}, {@link ExitCode#BAD_INPUT}. A user mistake prints
 * one line ({@code heaplab: ...}) and never a stack trace; set {@code HEAPLAB_DEBUG=1} to see stack traces of
 * failures.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs heaplab and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * {@return the exit code of running heaplab with {@code args}, writing to the given streams} For tests.
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the command line
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * {@return the exit code of running heaplab with {@code args} over {@code registry} instead of every allocator on
     * the class path} For tests (e.g. an allocator whose library is missing).
     *
     * @param registry the allocators the commands see
     * @param out      standard output
     * @param err      standard error
     * @param args     the command line
     */
    public static int run(AllocatorRegistry registry, PrintWriter out, PrintWriter err, String... args) {
        return ScopedValue.where(CommandSupport.REGISTRY, registry).call(() -> run(out, err, args));
    }

    /**
     * {@return the configured picocli command line, writing to the given streams}
     *
     * @param out standard output
     * @param err standard error
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HeaplabCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(Main::exitCodeOf);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("heaplab: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            e.flush();
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            int code = exitCodeOf(ex);
            if (code == ExitCode.BAD_INPUT) {
                e.println("heaplab: " + ex.getMessage());
            } else {
                e.println("heaplab: failed: " + describe(ex));
                if (System.getenv("HEAPLAB_DEBUG") != null) {
                    ex.printStackTrace(e);
                } else {
                    e.println("(set HEAPLAB_DEBUG=1 for the stack trace)");
                }
            }
            e.flush();
            return code;
        });
        return cli;
    }

    private static int exitCodeOf(Throwable ex) {
        if (ex instanceof UserInputException || ex instanceof CommandLine.ParameterException) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.FAILURE;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null ? ex.getClass().getName() : ex.getClass().getSimpleName() + ": " + message;
    }
}
