package io.heaplab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file only on success: the content goes to a hidden temporary file beside the target
 * ({@code .NAME.RANDOM.part}), which is renamed over the target (atomically where the file system can) once the
 * writer has returned normally. A failed write leaves the target as it was and removes the temporary file.
 *
 * <p>Every heaplab output goes through here: the CLI's checked outputs ({@code -o}, {@code --json}, ...) and the
 * files of a report.
 */
public final class AtomicFile {

    /** Writes the whole content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, then renames it over the target.
     *
     * @param target  the file to (re)place; its directory must exist
     * @param content what to write
     * @throws UncheckedIOException if writing or renaming fails; the target is then untouched and the temporary
     *                              file removed
     */
    public static void write(Path target, Content content) {
        Path temp = null;
        try {
            // Not Files.createTempFile: its files are private (0600); this one gets the umask's mode, as the
            // target would if written directly.
            Path candidate = target.resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            OutputStream out = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            temp = candidate;
            try (out) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after its target
                }
            }
        }
    }
}
