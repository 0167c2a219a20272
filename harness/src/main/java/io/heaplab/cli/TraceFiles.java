package io.heaplab.cli;

import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceFormatException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the trace commands share: the choice of output format, and turning the library's input failures (missing
 * file, malformed trace) into one-line {@link UserInputException}s, i.e. exit code 2.
 */
final class TraceFiles {

    /** An I/O action of a command. */
    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException, InterruptedException;
    }

    private TraceFiles() {
    }

    /** The {@code --format} choices. */
    enum FormatChoice { auto, text, binary }

    /** {@return the output format: as chosen, or for {@code auto} what the file name implies} */
    static TraceFormat format(FormatChoice choice, Path output) {
        return switch (choice) {
            case auto -> TraceFormat.forPath(output);
            case text -> TraceFormat.TEXT;
            case binary -> TraceFormat.BINARY;
        };
    }

    /** Fails with exit code 2 unless {@code file} is a readable regular file. */
    static void requireInput(Path file) {
        if (!Files.exists(file)) {
            throw new UserInputException("no such file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("not a file: " + file);
        }
    }

    /**
     * Runs {@code action}, turning bad input into {@link UserInputException}.
     *
     * @throws UserInputException for a malformed trace or recording, a missing or unreadable file
     * @throws IOException        for other I/O failures (exit code 1)
     */
    static <T> T userInput(IoAction<T> action) throws IOException, InterruptedException {
        try {
            return action.run();
        } catch (TraceFormatException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserInputException("no such file: " + e.getFile(), e);
        } catch (AccessDeniedException e) {
            throw new UserInputException("permission denied: " + e.getFile(), e);
        }
    }

    /** {@return {@code bytes} with a binary-prefixed unit, e.g. {@code 10.6 MiB}} */
    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
