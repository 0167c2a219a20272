package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code heaplab list [allocators]}: what is registered, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the registered allocators, one line each.")
public final class ListCommand implements Callable<Integer> {

    /** What {@code heaplab list} can list. */
    public enum What { all, allocators }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "all",
        description = "What to list: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private What what;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AllocatorRegistry registry = AllocatorRegistry.load();
        TextTable table = new TextTable("allocator", "kind", "description");
        for (AllocatorSpec.Kind kind : AllocatorSpec.Kind.values()) {
            List<AllocatorSpec> specs = registry.ofKind(kind);
            for (AllocatorSpec a : specs) {
                table.row(a.name(), kind.name().toLowerCase(Locale.ROOT), a.description());
            }
        }
        out.println("Allocators (" + table.rowCount() + "):");
        out.print(table.render());
        out.flush();
        return ExitCode.OK;
    }
}
