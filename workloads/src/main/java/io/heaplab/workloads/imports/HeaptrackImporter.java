package io.heaplab.workloads.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Imports a heaptrack raw recording ({@code heaptrack --raw}, file {@code *.raw.zst} or {@code *.raw.gz}).
 *
 * <h2>Input</h2>
 * Text lines, all numbers hexadecimal without {@code 0x} (heaptrack 1.4, file format 3):
 * <pre>
 * + SIZE TRACE PTR    malloc/calloc/realloc result: SIZE bytes at PTR, allocated from backtrace node TRACE
 * - PTR               free(PTR)
 * c MS                elapsed time in milliseconds, for the lines that follow
 * v x X I m t R A S s i a #    version, executable, command line, page info, module maps, backtrace nodes,
 *                     RSS, attach marker, suppressions, strings, instruction pointers, comments: not operations
 * </pre>
 * heaptrack records {@code realloc} as {@code -} of the old pointer then {@code +} of the new one, so the trace has a
 * free and an alloc where the program called realloc; heaptrack does not record thread ids.
 *
 * <h2>Mapping</h2>
 * Pointers are mapped to dense ids; alignment 16 (malloc's on x86-64); timestamps from {@code c} lines. Counted
 * attributes: a {@code -} of a pointer that is not live (allocated before heaptrack attached, or freed twice) is
 * skipped ({@code import.unknown-frees}); a {@code +} of a pointer that is still live means its free was not
 * recorded, so a free is emitted first ({@code import.implied-frees}); lines of an unknown type are skipped
 * ({@code import.ignored-lines}).
 *
 * <p>heaptrack's <em>interpreted</em> file ({@code heaptrack prog} without {@code --raw}) is not accepted: its
 * {@code + INDEX} / {@code - INDEX} lines name an (size, backtrace) pair rather than a pointer, so which block a free
 * releases is not recorded. {@code heaplab record} always records raw.
 */
public final class HeaptrackImporter {

    /** malloc's alignment on x86-64. */
    public static final long ALIGNMENT = 16;

    private HeaptrackImporter() {
    }

    /**
     * Opens a heaptrack raw recording as a stream of canonical operations.
     *
     * @param input the recording (zstd, gzip or plain)
     * @return the converting reader; {@link ImportingReader#counts()} is complete at its end
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                       if reading fails
     */
    static Reader open(Path input) throws IOException {
        ImportingReader.requireFile(input);
        return new Reader(input);
    }

    static final class Reader extends ImportingReader {

        Reader(Path input) throws IOException {
            super(input, baseName(input), "heaptrack: " + input.getFileName());
        }

        @Override
        void parse(String line) {
            if (line.isEmpty()) {
                return;
            }
            char type = line.charAt(0);
            switch (type) {
                case '+' -> {
                    String[] f = fields(line);
                    if (f.length == 2) {
                        throw error("this is heaptrack's interpreted format ('+ INDEX'), which does not say which "
                            + "block a free releases; expected a raw recording ('+ SIZE TRACE PTR', made with "
                            + "'heaptrack --raw')");
                    }
                    if (f.length != 4) {
                        throw error("expected '+ SIZE TRACE PTR', found '" + shorten(line) + "'");
                    }
                    long size = hex(f[1], "a size");
                    long pointer = hex(f[3], "a pointer");
                    if (isLive(pointer)) {
                        count("implied-frees");
                        free(pointer);
                    }
                    alloc(pointer, size, ALIGNMENT);
                }
                case '-' -> {
                    String[] f = fields(line);
                    if (f.length != 2) {
                        throw error("expected '- PTR', found '" + shorten(line) + "'");
                    }
                    long pointer = hex(f[1], "a pointer");
                    if (isLive(pointer)) {
                        free(pointer);
                    } else {
                        count("unknown-frees");
                    }
                }
                case 'c' -> {
                    String[] f = fields(line);
                    if (f.length != 2) {
                        throw error("expected 'c MILLISECONDS', found '" + shorten(line) + "'");
                    }
                    long ms = hex(f[1], "milliseconds");
                    if (ms > io.heaplab.trace.TraceLimits.MAX_TIMESTAMP_NANOS / 1_000_000L) {
                        throw error("time " + ms + " ms is absurd");
                    }
                    timestampNanos = ms * 1_000_000L;
                }
                case 'v', 'x', 'X', 'I', 'm', 't', 'R', 'A', 'S', 's', 'i', 'a', '#' -> {
                    // not an operation
                }
                default -> count("ignored-lines");
            }
        }
    }

    static String baseName(Path input) {
        String name = io.heaplab.trace.Compression.stripSuffix(input.getFileName().toString());
        if (name.endsWith(".raw")) {
            name = name.substring(0, name.length() - 4);
        }
        return name;
    }
}
