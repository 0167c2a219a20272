package io.heaplab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code heaplab trace stats|convert|validate ...}: inspect and convert trace files. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Inspect and convert trace files.",
    subcommands = {TraceStatsCommand.class, TraceConvertCommand.class, TraceValidateCommand.class})
public final class TraceCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
