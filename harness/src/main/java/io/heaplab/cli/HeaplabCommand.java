package io.heaplab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code heaplab} command; it only lists its subcommands. */
@Command(name = "heaplab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A heap-allocator research framework: bump, free-list, buddy and size-class allocators over one "
        + "off-heap MemorySegment, replayed against recorded and synthetic workloads and against glibc, jemalloc "
        + "and mimalloc.%n",
    subcommands = {
        ListCommand.class,
        CompareCommand.class,
        ReplayCommand.class,
        BenchCommand.class,
        ImportCommand.class,
        GenerateCommand.class,
        RecordCommand.class,
        TraceCommand.class,
        TeachCommand.class,
        ReportCommand.class,
        HeapMapCommand.class,
        InjectCommand.class,
        DetectCommand.class,
    })
public final class HeaplabCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
