package io.heaplab.harness;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Runs {@link PairRunner} in a fresh JVM, as JMH forks do: one allocator's JIT profile (a megamorphic call site, a
 * deoptimised loop) can then never slow down the next allocator measured.
 *
 * <p>The child is the same {@code java} executable as this JVM ({@code ProcessHandle.current().info().command()}),
 * with this JVM's class path, {@code --enable-native-access=ALL-UNNAMED}, and this JVM's environment plus
 * {@code GLIBC_TUNABLES=glibc.rtld.optional_static_tls=16384} if absent (needed to load jemalloc), and a shared
 * class-data archive in the temporary directory that makes every fork after the first start faster. Its output goes
 * to a temporary file; the last line explains a failure. The fork and its files are registered with
 * {@link ExitCleanup}, so that an interrupted parent stops the fork and deletes the files.
 *
 * @implSpec Thread-safe; each call starts its own process.
 */
public final class ForkedRunner {

    /** What {@code GLIBC_TUNABLES} must contain for jemalloc to load. */
    static final String STATIC_TLS_TUNABLE = "glibc.rtld.optional_static_tls=16384";

    private static final boolean SHARED_ARCHIVE_POSSIBLE = onlyPlainJars(System.getProperty("java.class.path"));

    private final List<String> jvmOptions;
    private final long timeoutSeconds;

    /**
     * @param jvmOptions     extra options for the child JVM (e.g. {@code -Xmx2g})
     * @param timeoutSeconds how long a fork may take before it is killed and reported as failed
     */
    public ForkedRunner(List<String> jvmOptions, long timeoutSeconds) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The result of one fork: the outcome, or why there is none. */
    public sealed interface Result {
        /** The fork measured. @param outcome what it measured */
        record Measured(ForkOutcome outcome) implements Result { }

        /** The allocator cannot run here. @param reason why */
        record Unavailable(String reason) implements Result { }

        /** The fork failed. @param reason why, one line */
        record Failed(String reason) implements Result { }
    }

    /**
     * Measures one pair in a new JVM.
     *
     * @param allocator the allocator's registered name
     * @param traceFile the workload, written by {@link LoadedTrace#writeTo}
     * @param plan      what to run
     * @return the fork's result; never throws for a failure of the child
     * @throws IOException if the child cannot be started or its files cannot be created
     */
    public Result run(String allocator, Path traceFile, RunPlan plan) throws IOException {
        Path out = ExitCleanup.createTempFile("heaplab-fork-", ".bin");
        Path log = ExitCleanup.createTempFile("heaplab-fork-", ".log");
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command(allocator, traceFile, out, plan));
            Map<String, String> env = builder.environment();
            String tunables = env.get("GLIBC_TUNABLES");
            if (tunables == null || tunables.isEmpty()) {
                env.put("GLIBC_TUNABLES", STATIC_TLS_TUNABLE);
            } else if (!tunables.contains("optional_static_tls")) {
                env.put("GLIBC_TUNABLES", tunables + ":" + STATIC_TLS_TUNABLE);
            }
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            process = builder.start();
            ExitCleanup.register(process);
            boolean finished;
            try {
                finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                ExitCleanup.awaitHaltIfExiting();
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return new Result.Failed("interrupted");
            }
            ExitCleanup.awaitHaltIfExiting(); // the fork may have been stopped by an interrupted parent
            if (!finished) {
                process.destroyForcibly();
                return new Result.Failed("the forked JVM took longer than " + timeoutSeconds + " s and was stopped");
            }
            int status = process.exitValue();
            if (status == ForkMain.OK) {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(out)))) {
                    return new Result.Measured(ForkOutcome.readFrom(in));
                }
            }
            String last = lastLine(log);
            return status == ForkMain.UNAVAILABLE ? new Result.Unavailable(last)
                : new Result.Failed("forked JVM exited with status " + status + (last.isEmpty() ? "" : ": " + last));
        } finally {
            if (process != null) {
                ExitCleanup.unregister(process);
            }
            ExitCleanup.delete(out);
            ExitCleanup.delete(log);
        }
    }

    private List<String> command(String allocator, Path traceFile, Path out, RunPlan plan) {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        // A dynamic class-data-sharing archive, created by the first fork and reused by the next ones, cuts each
        // fork's start-up by about a third. The JVM recreates it when the class path changes; its log lines (e.g.
        // about a stale archive) are silenced, since only the fork's last output line is ever shown.
        // CDS only archives classes from jar files: skip it when the class path has directories (tests, IDEs).
        if (SHARED_ARCHIVE_POSSIBLE) {
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + sharedArchive());
            command.add("-Xlog:disable");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkMain.class.getName());
        command.addAll(List.of(allocator, traceFile.toString(), out.toString(), Long.toString(plan.heapBytes()),
            Integer.toString(plan.warmups()), Integer.toString(plan.runs()), Long.toString(plan.minRunMillis()),
            Integer.toString(plan.latencySampleEvery()), Boolean.toString(plan.measureMemory()),
            Boolean.toString(plan.verify()), Integer.toString(plan.timelinePoints())));
        return command;
    }

    /** {@return the class-data archive for this JDK and class path, in the temporary directory} */
    static Path sharedArchive() {
        String key = Runtime.version() + "|" + System.getProperty("java.home") + "|"
            + System.getProperty("java.class.path");
        return Path.of(System.getProperty("java.io.tmpdir"),
            "heaplab-fork-" + Integer.toHexString(key.hashCode()) + ".jsa");
    }

    /** {@return whether every class path entry is a jar file without a manifest {@code Class-Path}} */
    static boolean onlyPlainJars(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isRegularFile(path) || !entry.endsWith(".jar")) {
                return false;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                Manifest manifest = jar.getManifest();
                if (manifest != null && manifest.getMainAttributes().getValue("Class-Path") != null) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "";
    }
}
