package io.heaplab.cli;

import io.heaplab.report.AtomicFile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a command writes, checked before any work starts and replaced only on success.
 *
 * <p>A user's file is sacred: {@link #check} refuses, before anything is measured or converted, an output whose
 * directory does not exist, that is a directory, or that is the same file as one of the command's inputs.
 * {@link #write} writes into a temporary file in the target's directory and renames it over the target only when
 * the writer returned normally, so a failed or interrupted command leaves the previous file (or none) and no
 * partial output. On success it prints {@code wrote FILE} on the given stream.
 */
public final class OutputFile {

    /** Writes the whole content of an output to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path target;

    private OutputFile(Path target) {
        this.target = target;
    }

    /**
     * {@return the output, checked}
     *
     * @param target the path the user gave
     * @param inputs the files the command reads (they may not be the output)
     * @throws UserInputException if the parent directory is missing, the target is a directory, or it is the same
     *                            file as an input
     */
    public static OutputFile check(String target, Path... inputs) {
        Path file = Path.of(target).toAbsolutePath().normalize();
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserInputException("cannot write " + target + ": directory " + (parent == null ? "/" : parent)
                + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException("cannot write " + target + ": it is a directory");
        }
        for (Path input : inputs) {
            if (input != null && sameFile(file, input)) {
                throw new UserInputException("refusing to write " + target + ": it is also an input"
                    + " (write to another file, then rename it)");
            }
        }
        return new OutputFile(file);
    }

    private static boolean sameFile(Path output, Path input) {
        try {
            return Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@return the absolute target path} */
    public Path path() {
        return target;
    }

    /**
     * Writes the content to a temporary file beside the target, then renames it over the target.
     *
     * @param content what to write
     * @param log     where {@code wrote FILE} is printed on success (null: nowhere)
     * @throws UncheckedIOException if the file cannot be written; the target is then untouched and the temporary
     *                              file removed
     */
    public void write(Content content, PrintWriter log) {
        AtomicFile.write(target, content::writeTo);
        if (log != null) {
            log.println("wrote " + target);
            log.flush();
        }
    }
}
