package io.heaplab.cli;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.report.TextTable;
import io.heaplab.trace.TraceReader;
import io.heaplab.workloads.Workload;
import io.heaplab.workloads.WorkloadCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code heaplab list [allocators|workloads]}: what is registered, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the registered allocators and the built-in workloads, one line each.")
public final class ListCommand implements Callable<Integer> {

    /** What {@code heaplab list} can list. */
    public enum What { all, allocators, workloads }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "all",
        description = "What to list: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private What what;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (what != What.workloads) {
            listAllocators(out);
        }
        if (what == What.all) {
            out.println();
        }
        if (what != What.allocators) {
            listWorkloads(out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void listAllocators(PrintWriter out) {
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
    }

    private static void listWorkloads(PrintWriter out) throws IOException {
        TextTable table = new TextTable("workload", "kind", "suite", "ops", "description");
        for (Workload w : WorkloadCatalog.builtIn().all()) {
            long ops = WorkloadCatalog.GENERATED_OPS;
            if (w.kind() == Workload.Kind.RECORDED) {
                try (TraceReader reader = w.open()) {
                    ops = reader.header().opCount();
                }
            }
            table.row(w.name(), w.kind().name().toLowerCase(Locale.ROOT), w.inSuite() ? "yes" : "", ops,
                w.description());
        }
        out.println("Workloads (" + table.rowCount() + "; 'suite' = replayed by 'heaplab compare' by default):");
        out.print(table.render());
    }
}
