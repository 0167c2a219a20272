package io.heaplab.harness;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckLevel;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The entry point of a measuring JVM that serves one allocator for a whole session ({@link AllocatorWorkers}):
 * it reads one request per line on standard input, measures that pair with {@link PairRunner}, writes the
 * {@link ForkOutcome} to the request's file and answers one line on standard output. Not a user command.
 *
 * <pre>
 *   WorkerMain ALLOCATOR
 *   request: TRACE_FILE OUT_FILE HEAP_BYTES WARMUPS RUNS MIN_RUN_MILLIS LATENCY_EVERY MEASURE_MEMORY VERIFY TIMELINE_POINTS [CHECK]
 *   answer:  ok | unavailable REASON | failed REASON
 * </pre>
 * A worker's first pair gets {@value #FIRST_PAIR_EXTRA_WARMUPS} more warm-up runs than asked.
 * It exits when standard input ends (the parent finished, or died: a worker never outlives its parent for long).
 * Everything else the JVM or a library prints goes to standard error, never into the answers.
 */
public final class WorkerMain {

    /**
     * Warm-up runs added to a worker's first pair: its JIT compiles the replay loop then; later workloads find it
     * compiled, so their own warm-ups only adapt it to the new trace.
     */
    public static final int FIRST_PAIR_EXTRA_WARMUPS = 2;

    private WorkerMain() {
    }

    /**
     * Serves requests until standard input ends.
     *
     * @param args the allocator's registered name
     */
    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 1) {
            answers.println("failed heaplab worker: expected 1 argument, found " + args.length);
            return;
        }
        Optional<AllocatorSpec> spec = AllocatorRegistry.load().find(args[0]);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int extraWarmups = FIRST_PAIR_EXTRA_WARMUPS;
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            answers.println(spec.isEmpty() ? "failed unknown allocator '" + args[0] + "'"
                : serve(spec.get(), line, extraWarmups));
            extraWarmups = 0;
        }
        System.exit(0);
    }

    private static String serve(AllocatorSpec spec, String request, int extraWarmups) {
        String[] a = request.split(" ");
        if (a.length != 10 && a.length != 11) {
            return "failed malformed request: " + request;
        }
        try {
            LoadedTrace trace = LoadedTrace.readFrom(Path.of(a[0]));
            RunPlan plan = new RunPlan(Long.parseLong(a[2]), Integer.parseInt(a[3]) + extraWarmups, Integer.parseInt(a[4]),
                Long.parseLong(a[5]), Integer.parseInt(a[6]), Boolean.parseBoolean(a[7]), Boolean.parseBoolean(a[8]),
                Integer.parseInt(a[9]), a.length == 11 ? CheckLevel.parse(a[10]) : CheckLevel.OFF);
            ForkOutcome outcome = PairRunner.run(spec, trace, plan);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(Path.of(a[1]))))) {
                outcome.writeTo(out);
            }
            return "ok";
        } catch (UnsupportedOperationException e) {
            return "unavailable " + oneLine(e.getMessage());
        } catch (Exception | OutOfMemoryError e) {
            return "failed " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replace('\n', ' ');
    }
}
