package io.heaplab.harness;

import io.heaplab.report.PairResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a heaplab JVM leaves behind when it stops, normally or on SIGINT / SIGTERM: nothing. Temporary files
 * (spilled traces, the trace file handed to forks, fork outputs and logs) and forked JVMs are registered here while
 * they exist; a shutdown hook, installed on first use, then
 * <ol>
 *   <li>sends every registered fork SIGTERM, waits up to {@value #GRACE_MILLIS} ms for them together, and kills
 *       those still running ({@code destroyForcibly});</li>
 *   <li>deletes every registered file;</li>
 *   <li>if a measurement session was still running (the JVM was interrupted, or the session failed), prints to
 *       standard error {@code heaplab: stopped after N of M pairs; finished:} and one line for each finished pair
 *       ({@link #describe}).</li>
 * </ol>
 * A SIGKILL cannot be caught: it leaves the files (named {@code heaplab-*} in {@code java.io.tmpdir}) and forks.
 *
 * @implSpec Thread-safe (every method synchronises on the class); static, since a JVM has one exit.
 */
public final class ExitCleanup {

    /** How long forks get to stop after SIGTERM before they are killed. */
    static final long GRACE_MILLIS = 2000;

    private static final Set<Path> FILES = new LinkedHashSet<>();
    private static final Set<Process> PROCESSES = new LinkedHashSet<>();
    private static final List<String> FINISHED = new ArrayList<>();
    private static int sessionPairs = -1;
    private static boolean hookInstalled;
    /** Set when the hook starts: from then on no file or fork may be registered (it would outlive the JVM). */
    private static boolean exiting;
    private static PrintStream report = System.err;

    private ExitCleanup() {
    }

    /**
     * Creates an empty temporary file in {@code java.io.tmpdir}, deleted at exit unless {@link #delete deleted}
     * before.
     *
     * @param prefix the name's prefix, e.g. {@code heaplab-trace-}
     * @param suffix the name's suffix, e.g. {@code .bin}
     * @return the file
     * @throws IOException if it cannot be created
     */
    public static Path createTempFile(String prefix, String suffix) throws IOException {
        synchronized (ExitCleanup.class) {
            if (!exiting) {
                installHook();
                Path file = Files.createTempFile(prefix, suffix);
                FILES.add(file);
                return file;
            }
        }
        throw awaitHalt();
    }

    /**
     * Deletes a file made by {@link #createTempFile} now, and forgets it.
     *
     * @param file the file
     * @throws IOException if it exists and cannot be deleted
     */
    public static void delete(Path file) throws IOException {
        synchronized (ExitCleanup.class) {
            FILES.remove(file);
        }
        Files.deleteIfExists(file);
    }

    /** Registers a running fork, to be stopped at exit. @param process the fork */
    static void register(Process process) {
        synchronized (ExitCleanup.class) {
            if (!exiting) {
                installHook();
                PROCESSES.add(process);
                return;
            }
        }
        process.destroyForcibly();
        throw awaitHalt();
    }

    /**
     * Blocks for good if the JVM is exiting: a thread that finds its fork stopped or its files deleted by the hook
     * must not report that as a failure, nor go on to the next pair; the JVM halts when the hook is done.
     */
    static void awaitHaltIfExiting() {
        boolean now;
        synchronized (ExitCleanup.class) {
            now = exiting;
        }
        if (now) {
            throw awaitHalt();
        }
    }

    private static Error awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep waiting for the halt
            }
        }
    }

    /** Forgets a fork that has ended. @param process the fork */
    static synchronized void unregister(Process process) {
        PROCESSES.remove(process);
    }

    /**
     * A measurement session starts: from now until {@link #sessionEnded()}, an exit reports its finished pairs.
     *
     * @param pairs how many pairs it will measure
     */
    public static synchronized void sessionStarted(int pairs) {
        installHook();
        sessionPairs = pairs;
        FINISHED.clear();
    }

    /** A pair of the running session finished. @param line what to print for it if the run is interrupted */
    public static synchronized void pairFinished(String line) {
        FINISHED.add(line);
    }

    /** The running session completed; an exit now reports nothing. */
    public static synchronized void sessionEnded() {
        sessionPairs = -1;
        FINISHED.clear();
    }

    /**
     * {@return one line for a finished pair: {@code "bump on shuffled-free: ok, 123456789 ops/s"}, or its status and
     * message when it was not timed}
     *
     * @param result the pair's result
     */
    public static String describe(PairResult result) {
        String head = result.allocator() + " on " + result.workload() + ": "
            + result.status().name().toLowerCase(Locale.ROOT);
        double opsPerSecond = result.opsPerSecond() == null ? Double.NaN : result.opsPerSecond().mean();
        if (Double.isFinite(opsPerSecond)) {
            return head + String.format(Locale.ROOT, ", %.0f ops/s", opsPerSecond);
        }
        return result.message() == null || result.message().isEmpty() ? head : head + ", " + result.message();
    }

    /** For tests: where the interruption report goes. @param stream the stream */
    static synchronized void reportTo(PrintStream stream) {
        report = stream;
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::cleanUp, "heaplab-exit-cleanup"));
            hookInstalled = true;
        }
    }

    /** Runs the three steps of the class comment; also called by tests. */
    static void cleanUp() {
        List<Process> processes;
        List<Path> files;
        List<String> finished;
        int pairs;
        synchronized (ExitCleanup.class) {
            processes = List.copyOf(PROCESSES);
            files = List.copyOf(FILES);
            finished = List.copyOf(FINISHED);
            pairs = sessionPairs;
            exiting = true;
            PROCESSES.clear();
            FILES.clear();
            FINISHED.clear();
            sessionPairs = -1;
        }
        stop(processes);
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // nothing more can be done at exit
            }
        }
        if (pairs >= 0) {
            StringBuilder text = new StringBuilder("heaplab: stopped after " + finished.size() + " of " + pairs
                + " pairs" + (finished.isEmpty() ? "" : "; finished:") + System.lineSeparator());
            for (String line : finished) {
                text.append("  ").append(line).append(System.lineSeparator());
            }
            report.print(text);
            report.flush();
        }
    }

    private static void stop(List<Process> processes) {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Process p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
