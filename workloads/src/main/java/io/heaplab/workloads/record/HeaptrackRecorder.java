package io.heaplab.workloads.record;

import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceStats;
import io.heaplab.workloads.imports.Importer;
import io.heaplab.workloads.imports.Imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records a program's heap operations with heaptrack ({@code heaptrack --raw}) and converts the recording into a
 * heaplab trace.
 *
 * <p>heaptrack preloads itself into the process it starts and follows that process only: not its children, and
 * not the program a shell wrapper (such as a version manager's shim) starts. Record the real binary; for Python,
 * {@code readlink -f $(python3 -c 'import sys; print(sys.executable)')}, and set {@code PYTHONMALLOC=malloc} so
 * that every object goes through malloc. The program inherits heaplab's environment and working directory.
 */
public final class HeaptrackRecorder {

    /** The message when heaptrack is not installed. */
    public static final String INSTALL_HINT = "heaptrack is not installed (or not on PATH); install it with "
        + "'apt-get install heaptrack'";

    private HeaptrackRecorder() {
    }

    /** What a recording produced. */
    public record Result(TraceHeader header, TraceStats stats, int exitCode, Path output) {

        /** {@return e.g. {@code recorded 765847 ops, peak live 11143095 bytes (136970 blocks), 1111 distinct sizes -> x.hltrace}} */
        public String summaryLine() {
            return "recorded " + stats.summaryLine() + " -> " + output
                + (exitCode != 0 ? " (the program exited with code " + exitCode + ")" : "");
        }
    }

    /** heaptrack is not installed. */
    public static final class HeaptrackMissingException extends IOException {

        HeaptrackMissingException() {
            super(INSTALL_HINT);
        }
    }

    /** The recorded program cannot be started, or heaptrack produced no recording. */
    public static final class RecordingFailedException extends IOException {

        RecordingFailedException(String message) {
            super(message);
        }
    }

    /** {@return the heaptrack executable on PATH, if any} */
    public static Optional<Path> findHeaptrack() {
        return findOnPath("heaptrack");
    }

    /**
     * Runs {@code command} under heaptrack and writes the converted trace to {@code output}.
     *
     * @param command    the program and its arguments; a bare program name is looked up on PATH
     * @param output     the trace file to write (replaced); compressed if its name ends in .gz or .zst
     * @param format     text or binary
     * @param name       the trace's name, or null for the program's file name
     * @param showOutput whether the program gets this process's standard input and output (heaptrack's messages
     *                   included); otherwise its input is empty and its output is kept in a log that is shown only
     *                   if the recording fails
     * @return the header, statistics and the program's exit code
     * @throws HeaptrackMissingException              if heaptrack is not on PATH
     * @throws RecordingFailedException               if the program is not found or heaptrack wrote no recording
     * @throws io.heaplab.trace.TraceFormatException if the recording is malformed
     * @throws IOException                            if running or converting fails
     * @throws InterruptedException                   if interrupted while the program runs
     */
    public static Result record(List<String> command, Path output, TraceFormat format, String name,
            boolean showOutput) throws IOException, InterruptedException {
        return record(command, java.util.Map.of(), output, format, name, showOutput);
    }

    /**
     * Runs {@code command} under heaptrack with extra environment variables and writes the converted trace.
     *
     * @apiNote This writes {@code output} in place; to leave an existing file intact when recording or converting
     * fails, {@link #run} the program and {@link Recording#write} to a temporary file renamed on success.
     * @param command     the program and its arguments; a bare program name is looked up on PATH
     * @param environment variables to set for the program (e.g. {@code PYTHONMALLOC=malloc}), on top of heaplab's
     * @param output      the trace file to write (replaced); compressed if its name ends in .gz or .zst
     * @param format      text or binary
     * @param name        the trace's name, or null for the program's file name
     * @param showOutput  whether the program's output is shown (else kept in a log shown only on failure)
     * @return the header, statistics and the program's exit code
     * @throws HeaptrackMissingException              if heaptrack is not on PATH
     * @throws RecordingFailedException               if the program is not found, or heaptrack wrote no recording
     *                                                or one without a heap operation
     * @throws io.heaplab.trace.TraceFormatException if the recording is malformed
     * @throws IOException                            if running or converting fails
     * @throws InterruptedException                   if interrupted while the program runs
     */
    public static Result record(List<String> command, java.util.Map<String, String> environment, Path output,
            TraceFormat format, String name, boolean showOutput) throws IOException, InterruptedException {
        try (Recording recording = run(command, environment, showOutput)) {
            return recording.write(recording.header(name), Files.newOutputStream(output), output, format);
        }
    }

    /**
     * Runs {@code command} under heaptrack and keeps its raw recording until the returned {@link Recording} is
     * closed.
     *
     * @param command     the program and its arguments; a bare program name is looked up on PATH
     * @param environment variables to set for the program (e.g. {@code PYTHONMALLOC=malloc}), on top of heaplab's
     * @param showOutput  whether the program gets this process's standard input and output (heaptrack's messages
     *                    included); otherwise its input is empty and its output is kept in a log that is shown only
     *                    if the recording fails
     * @return the recording; close it to delete the raw file
     * @throws IllegalArgumentException  if {@code command} is empty
     * @throws HeaptrackMissingException if heaptrack is not on PATH
     * @throws RecordingFailedException  if the program is not found or heaptrack wrote no recording
     * @throws IOException               if the program cannot be run
     * @throws InterruptedException      if interrupted while the program runs
     */
    public static Recording run(List<String> command, java.util.Map<String, String> environment, boolean showOutput)
            throws IOException, InterruptedException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to record");
        }
        Path heaptrack = findHeaptrack().orElseThrow(HeaptrackMissingException::new);
        Path program = resolveProgram(command.getFirst());
        Path work = Files.createTempDirectory("heaplab-record");
        try {
            List<String> line = new ArrayList<>(List.of(heaptrack.toString(), "--raw", "-o",
                work.resolve("recording").toString(), program.toString()));
            line.addAll(command.subList(1, command.size()));
            ProcessBuilder builder = new ProcessBuilder(line);
            builder.environment().putAll(environment);
            Path log = work.resolve("heaptrack.log");
            if (showOutput) {
                builder.inheritIO();
            } else {
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
            }
            Process process = builder.start();
            if (!showOutput) {
                process.getOutputStream().close();
            }
            int exitCode = process.waitFor();
            Path raw = findRecording(work).orElseThrow(() -> new RecordingFailedException(
                "heaptrack wrote no recording of " + String.join(" ", command) + lastLines(log)));
            return new Recording(work, raw, List.copyOf(command), program, exitCode);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(work);
            throw e;
        }
    }

    /** A program's raw heaptrack recording, kept in a temporary directory that {@link #close()} deletes. */
    public static final class Recording implements AutoCloseable {

        private final Path work;
        private final Path raw;
        private final List<String> command;
        private final Path program;
        private final int exitCode;

        private Recording(Path work, Path raw, List<String> command, Path program, int exitCode) {
            this.work = work;
            this.raw = raw;
            this.command = command;
            this.program = program;
            this.exitCode = exitCode;
        }

        /** {@return the recorded program's exit code} */
        public int exitCode() {
            return exitCode;
        }

        /**
         * {@return the header of the trace this recording converts to (a first pass over the recording)}
         *
         * @param name the trace's name, or null for the program's file name
         * @throws RecordingFailedException               if heaptrack recorded no heap operation
         * @throws io.heaplab.trace.TraceFormatException if the recording is malformed
         * @throws IOException                            if reading fails
         */
        public TraceHeader header(String name) throws IOException {
            String traceName = name != null ? name : program.getFileName().toString();
            TraceHeader scanned;
            try {
                scanned = Imports.scan(Importer.HEAPTRACK, raw, traceName);
            } catch (io.heaplab.trace.TraceFormatException e) {
                if (e.position().equals(raw.toString())) {
                    // A whole-file problem, i.e. no operation at all, rather than a malformed line.
                    throw new RecordingFailedException("heaptrack recorded no heap operation of "
                        + String.join(" ", command) + " (it follows only the process it starts: record the real "
                        + "binary, not a script or wrapper that runs it)");
                }
                throw e;
            }
            return Imports.withSource(scanned, "heaptrack: " + String.join(" ", command));
        }

        /**
         * Writes the trace behind {@code header} and measures it.
         *
         * @param header from {@link #header}
         * @param out    the destination; closed when done
         * @param output the file {@code out} becomes: its name chooses the compression and is reported
         * @param format text or binary
         * @return the header, statistics and the program's exit code
         * @throws io.heaplab.trace.TraceFormatException if the recording is malformed
         * @throws IOException                            if reading or writing fails
         */
        public Result write(TraceHeader header, java.io.OutputStream out, Path output, TraceFormat format)
                throws IOException {
            Imports.write(Importer.HEAPTRACK, raw, header, out, output.getFileName().toString(), format);
            TraceStats stats;
            try (TraceReader imported = Importer.HEAPTRACK.open(raw)) {
                // The operations just written, measured under the header written with them.
                stats = TraceStats.of(new TraceReader() {
                    @Override
                    public TraceHeader header() {
                        return header;
                    }

                    @Override
                    public boolean next(io.heaplab.trace.TraceEvent event) throws IOException {
                        return imported.next(event);
                    }

                    @Override
                    public String position() {
                        return imported.position();
                    }

                    @Override
                    public void close() throws IOException {
                        imported.close();
                    }
                });
            }
            return new Result(header, stats, exitCode, output);
        }

        /** Deletes the raw recording. */
        @Override
        public void close() throws IOException {
            deleteTree(work);
        }
    }

    /** {@return whether {@code program} starts with {@code #!}, i.e. is a script heaptrack would record instead} */
    public static boolean isScript(Path program) {
        try (InputStream in = Files.newInputStream(program)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@return the absolute path of a program: as given if it contains a slash, else looked up on PATH}
     *
     * @param program a program name or path
     * @throws RecordingFailedException if it is not an executable file
     */
    public static Path resolveProgram(String program) throws RecordingFailedException {
        Optional<Path> found = program.contains("/") ? Optional.of(Path.of(program).toAbsolutePath())
            : findOnPath(program);
        if (found.isEmpty() || !Files.isRegularFile(found.get()) || !Files.isExecutable(found.get())) {
            throw new RecordingFailedException("cannot record '" + program + "': no such executable"
                + (program.contains("/") ? "" : " on PATH"));
        }
        return found.get();
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> findRecording(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().startsWith("recording.raw")).findFirst();
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return tail.isEmpty() ? "" : " (heaptrack said: " + String.join(" | ", tail).strip() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
