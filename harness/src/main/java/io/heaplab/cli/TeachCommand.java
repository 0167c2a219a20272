package io.heaplab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code heaplab teach ...}: small experiments that show one memory-management idea with real numbers. */
@Command(name = "teach", mixinStandardHelpOptions = true,
    description = "Small experiments that show one memory-management idea with real numbers.",
    subcommands = {TeachCapacityCommand.class})
public final class TeachCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
