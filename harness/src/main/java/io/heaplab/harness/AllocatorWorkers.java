package io.heaplab.harness;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fresh measuring JVMs, one per (allocator, fork index), each kept for the whole session and reused for every
 * workload ({@link WorkerMain}).
 *
 * <p>Why: a JVM measures only one allocator, so its call sites stay monomorphic and no allocator's JIT profile can
 * slow down another (the reason to fork at all, as JMH does); but JVM start-up, which dominates short runs, is paid
 * once per allocator instead of once per pair (84 starts become 14 for the default {@code compare}). The cost: the
 * workloads an allocator replays share its JVM's profile, in the order measured.
 *
 * <p>Workers are started lazily with {@link ForkedRunner}'s JVM settings (same {@code java}, class path, native
 * access, jemalloc's {@code GLIBC_TUNABLES}, class-data archive). A worker that dies, or answers nothing within the
 * timeout, is destroyed, its pair reported failed, and a new one is started for the next pair. {@link #close()}
 * ends every worker (closing its standard input, then destroying it); a shutdown hook does the same if the JVM
 * exits first, and a worker whose parent dies ends when its standard input does.
 *
 * @implSpec Not thread-safe; one session uses it from one thread.
 */
public final class AllocatorWorkers implements AutoCloseable {

    private static final boolean SHARED_ARCHIVE_POSSIBLE =
        ForkedRunner.onlyPlainJars(System.getProperty("java.class.path"));

    private final List<String> jvmOptions;
    private final long timeoutSeconds;
    private final Map<String, Worker> workers = new HashMap<>();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread shutdownHook = new Thread(this::destroyAll, "heaplab-workers-cleanup");

    /**
     * @param jvmOptions     extra options for the worker JVMs
     * @param timeoutSeconds how long one pair may take before its worker is killed and the pair reported failed
     */
    public AllocatorWorkers(List<String> jvmOptions, long timeoutSeconds) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeoutSeconds = timeoutSeconds;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** One live worker JVM. */
    private record Worker(Process process, BufferedWriter requests, BufferedReader answers, Path log) {
    }

    /**
     * Measures one pair in the worker of {@code allocator} number {@code fork}.
     *
     * @param allocator the allocator's registered name
     * @param fork      which of the allocator's workers (0 .. forks-1)
     * @param traceFile the workload, written by {@link LoadedTrace#writeTo}
     * @param plan      what to run
     * @return the result; never throws for a failure of the worker
     * @throws IOException if a worker cannot be started or a temporary file created
     */
    public ForkedRunner.Result run(String allocator, int fork, Path traceFile, RunPlan plan) throws IOException {
        String key = allocator + "#" + fork;
        Worker worker = workers.get(key);
        if (worker == null || !worker.process().isAlive()) {
            if (worker != null) {
                ExitCleanup.unregister(worker.process());
                ExitCleanup.delete(worker.log());
            }
            worker = start(allocator);
            workers.put(key, worker);
        }
        Path out = ExitCleanup.createTempFile("heaplab-fork-", ".bin");
        try {
            String answer;
            try {
                worker.requests().write(String.join(" ", traceFile.toString(), out.toString(),
                    Long.toString(plan.heapBytes()), Integer.toString(plan.warmups()), Integer.toString(plan.runs()),
                    Long.toString(plan.minRunMillis()), Integer.toString(plan.latencySampleEvery()),
                    Boolean.toString(plan.measureMemory()), Boolean.toString(plan.verify()),
                    Integer.toString(plan.timelinePoints()), plan.check().name()));
                worker.requests().newLine();
                worker.requests().flush();
                Worker w = worker;
                Future<String> line = readers.submit(() -> w.answers().readLine());
                answer = line.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                stop(key);
                return new ForkedRunner.Result.Failed("the forked JVM took longer than " + timeoutSeconds
                    + " s and was stopped");
            } catch (InterruptedException e) {
                stop(key);
                Thread.currentThread().interrupt();
                return new ForkedRunner.Result.Failed("interrupted");
            } catch (IOException | ExecutionException e) {
                answer = null;
            }
            if (answer == null) { // the worker died, or was stopped by an interrupted parent
                ExitCleanup.awaitHaltIfExiting();
                String last = lastLine(worker.log());
                stop(key);
                return new ForkedRunner.Result.Failed("forked JVM died" + (last.isEmpty() ? "" : ": " + last));
            }
            if (answer.equals("ok")) {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(out)))) {
                    return new ForkedRunner.Result.Measured(ForkOutcome.readFrom(in));
                }
            }
            if (answer.startsWith("unavailable ")) {
                return new ForkedRunner.Result.Unavailable(answer.substring("unavailable ".length()));
            }
            return new ForkedRunner.Result.Failed(answer.startsWith("failed ") ? answer.substring(7) : answer);
        } finally {
            ExitCleanup.delete(out);
        }
    }

    private Worker start(String allocator) throws IOException {
        Path log = ExitCleanup.createTempFile("heaplab-fork-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(allocator));
        Map<String, String> env = builder.environment();
        String tunables = env.get("GLIBC_TUNABLES");
        if (tunables == null || tunables.isEmpty()) {
            env.put("GLIBC_TUNABLES", ForkedRunner.STATIC_TLS_TUNABLE);
        } else if (!tunables.contains("optional_static_tls")) {
            env.put("GLIBC_TUNABLES", tunables + ":" + ForkedRunner.STATIC_TLS_TUNABLE);
        }
        builder.redirectError(log.toFile());
        Process process = builder.start();
        ExitCleanup.register(process);
        return new Worker(process,
            new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)),
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), log);
    }

    /** The worker's command line: the same JVM settings as {@link ForkedRunner}'s forks. */
    private List<String> command(String allocator) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        // The timed loops allocate nothing on the Java heap, so the collector does not matter there; the serial one
        // starts fastest and adds no GC threads competing with the measured one on a 2-core machine.
        command.add("-XX:+UseSerialGC");
        if (SHARED_ARCHIVE_POSSIBLE) { // see ForkedRunner: class-data sharing only archives classes from jars
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + ForkedRunner.sharedArchive());
            command.add("-Xlog:disable");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add(allocator);
        return command;
    }

    private void stop(String key) {
        Worker w = workers.remove(key);
        if (w != null) {
            w.process().destroyForcibly();
            try {
                w.process().waitFor(5, TimeUnit.SECONDS);
                ExitCleanup.unregister(w.process());
                ExitCleanup.delete(w.log());
            } catch (IOException | InterruptedException ignored) {
                // best effort: a temporary log left behind
            }
        }
    }

    private void destroyAll() {
        for (Worker w : workers.values()) {
            w.process().destroyForcibly();
        }
    }

    /** Ends every worker: closes its requests (it exits), destroys it if it has not within a second, deletes its log. */
    @Override
    public void close() {
        for (Worker w : workers.values()) {
            try {
                w.requests().close();
            } catch (IOException ignored) {
                // the worker is gone already
            }
        }
        for (String key : new ArrayList<>(workers.keySet())) {
            Worker w = workers.get(key);
            try {
                if (!w.process().waitFor(1, TimeUnit.SECONDS)) {
                    w.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                w.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
            stop(key);
        }
        readers.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException ignored) {
            // no log: nothing to add
        }
        return "";
    }
}
