package io.heaplab.harness;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The entry point of a forked measuring JVM: measures one (allocator, workload) pair with {@link PairRunner} and
 * writes the {@link ForkOutcome} to a file. Started only by {@link ForkedRunner}; not a user command.
 *
 * <pre>
 *   ForkMain ALLOCATOR TRACE_FILE OUT_FILE HEAP_BYTES WARMUPS RUNS MIN_RUN_MILLIS LATENCY_EVERY MEASURE_MEMORY
 *            VERIFY TIMELINE_POINTS
 * </pre>
 * TRACE_FILE is in {@link LoadedTrace#writeTo}'s format (read into memory, or streamed from it when long). The fork
 * exits (status {@value #FAILED}) as soon as the JVM that started it ends. Exit status: {@value #OK} measured,
 * {@value #UNAVAILABLE} the allocator is unavailable here, {@value #FAILED} anything else; in the last two cases
 * the last line of standard error says why.
 */
public final class ForkMain {

    /** Exit status: measured, outcome written. */
    public static final int OK = 0;
    /** Exit status: failed; the last line of standard error says why. */
    public static final int FAILED = 1;
    /** Exit status: the allocator cannot run here; the last line of standard error says why. */
    public static final int UNAVAILABLE = 3;

    private ForkMain() {
    }

    /**
     * Measures and exits.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        exitWithParent();
        System.exit(run(args));
    }

    /**
     * Ends this JVM when the JVM that forked it ends, even by SIGKILL (which runs no shutdown hook there and so
     * cannot stop this fork): an orphaned fork would go on measuring for nobody, competing for the cores.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("the parent heaplab JVM ended");
            Runtime.getRuntime().halt(FAILED);
        }));
    }

    static int run(String[] args) {
        if (args.length != 11) {
            System.err.println("heaplab fork: expected 11 arguments, found " + args.length);
            return FAILED;
        }
        try {
            Optional<AllocatorSpec> spec = AllocatorRegistry.load().find(args[0]);
            if (spec.isEmpty()) {
                System.err.println("unknown allocator '" + args[0] + "'");
                return FAILED;
            }
            LoadedTrace trace = LoadedTrace.readFrom(Path.of(args[1]));
            RunPlan plan = new RunPlan(Long.parseLong(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                Long.parseLong(args[6]), Integer.parseInt(args[7]), Boolean.parseBoolean(args[8]),
                Boolean.parseBoolean(args[9]), Integer.parseInt(args[10]));
            ForkOutcome outcome = PairRunner.run(spec.get(), trace, plan);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(Path.of(args[2]))))) {
                outcome.writeTo(out);
            }
            return OK;
        } catch (UnsupportedOperationException e) {
            System.err.println(e.getMessage());
            return UNAVAILABLE;
        } catch (Exception | OutOfMemoryError e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            return FAILED;
        }
    }
}
