package io.heaplab.workloads.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a CS:APP malloc-lab trace ({@code *.rep}).
 *
 * <h2>Input</h2>
 * A header of integers, then one request per line (blank lines are ignored):
 * <pre>
 * 4-line header, 2002 handout:  sugg_heapsize / num_ids / num_ops / weight
 * 4-line header, 2016 CMU:      weight / num_ids / num_ops / max_alloc
 * 2-line header (xv6 port):     num_ids / num_ops
 * a ID BYTES    ptr[ID] = malloc(BYTES)
 * r ID BYTES    ptr[ID] = realloc(ptr[ID], BYTES)
 * f ID          free(ptr[ID])
 * </pre>
 * Both 4-line variants put {@code num_ids} and {@code num_ops} second and third, so they need no telling apart; the
 * other two values are unused by the driver and are not validated (copies differ in the first one). The header's
 * numbers are kept as attributes {@code malloclab.num-ids} and {@code malloclab.num-ops}.
 *
 * <h2>Mapping</h2>
 * Alignment 8 (malloc-lab's {@code ALIGNMENT}). What the driver would do with odd requests, and the counted
 * attribute:
 * <ul>
 *   <li>{@code r ID BYTES} on an id that is not live is {@code realloc(NULL, BYTES)}: an alloc
 *       ({@code import.realloc-as-alloc});</li>
 *   <li>{@code r ID 0} is {@code realloc(p, 0)}: a free ({@code import.realloc-to-zero-as-free});</li>
 *   <li>{@code f -1} and frees of ids that are not live are skipped ({@code import.unknown-frees});</li>
 *   <li>{@code a ID} on a live id overwrites the driver's pointer, so the old block leaks: it stays live in the trace
 *       ({@code import.alloc-of-live-id}).</li>
 * </ul>
 */
public final class MallocLabImporter {

    /** malloc-lab's {@code ALIGNMENT}. */
    public static final long ALIGNMENT = 8;

    private MallocLabImporter() {
    }

    /**
     * Opens a malloc-lab trace as a stream of canonical operations.
     *
     * @param input the {@code .rep} file (may be gzip- or zstd-compressed)
     * @return the converting reader; {@link ImportingReader#counts()} is complete at its end
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws io.heaplab.trace.TraceFormatException if the header is malformed
     * @throws IOException                           if reading fails
     */
    static Reader open(Path input) throws IOException {
        ImportingReader.requireFile(input);
        return new Reader(input);
    }

    static final class Reader extends ImportingReader {

        private final List<Long> headerNumbers = new ArrayList<>();
        private boolean inHeader = true;

        Reader(Path input) throws IOException {
            super(input, baseName(input), "malloc-lab: " + input.getFileName());
        }

        @Override
        void parse(String line) {
            String[] f = fields(line);
            if (f.length == 0) {
                return;
            }
            if (inHeader) {
                if (isInteger(f[0])) {
                    if (headerNumbers.size() + f.length > 4) {
                        throw error("expected a header of 2 or 4 numbers, found more numbers than that");
                    }
                    for (String field : f) {
                        headerNumbers.add(decimal(field, "a header number"));
                    }
                    return;
                }
                endHeader();
            }
            switch (f[0]) {
                case "a" -> {
                    requireFields(f, 3, "a ID BYTES");
                    long key = id(f[1]);
                    long size = decimal(f[2], "a size in bytes");
                    if (isLive(key)) {
                        count("alloc-of-live-id");
                        forget(key);
                    }
                    alloc(key, size, ALIGNMENT);
                }
                case "f" -> {
                    requireFields(f, 2, "f ID");
                    long key = decimal(f[1], "an id");
                    if (key >= 0 && isLive(key)) {
                        free(key);
                    } else {
                        count("unknown-frees");
                    }
                }
                case "r" -> {
                    requireFields(f, 3, "r ID BYTES");
                    long key = id(f[1]);
                    long size = decimal(f[2], "a size in bytes");
                    if (!isLive(key)) {
                        if (size == 0) {
                            count("unknown-frees");
                        } else {
                            count("realloc-as-alloc");
                            alloc(key, size, ALIGNMENT);
                        }
                    } else if (size == 0) {
                        count("realloc-to-zero-as-free");
                        free(key);
                    } else {
                        realloc(key, key, size);
                    }
                }
                default -> throw error("unknown request '" + shorten(f[0]) + "'; expected 'a ID BYTES', "
                    + "'r ID BYTES' or 'f ID'");
            }
        }

        private void endHeader() {
            inHeader = false;
            if (headerNumbers.size() != 2 && headerNumbers.size() != 4) {
                throw error("expected a header of 2 numbers (num_ids, num_ops) or 4 (with num_ids and num_ops "
                    + "second and third) before the first request, found " + headerNumbers.size());
            }
        }

        private long id(String text) {
            long id = decimal(text, "an id");
            if (id < 0) {
                throw error("id " + id + " is negative; expected a non-negative id");
            }
            return id;
        }

        private void requireFields(String[] f, int n, String form) {
            if (f.length != n) {
                throw error("expected '" + form + "', found '" + shorten(String.join(" ", f)) + "'");
            }
        }

        /** {@return the header's num_ids and num_ops, or null if the file had no requests} */
        long[] declaredCounts() {
            if (headerNumbers.size() == 2) {
                return new long[] {headerNumbers.get(0), headerNumbers.get(1)};
            }
            if (headerNumbers.size() == 4) {
                return new long[] {headerNumbers.get(1), headerNumbers.get(2)};
            }
            return null;
        }

        private static boolean isInteger(String text) {
            return text.matches("-?[0-9]+");
        }
    }

    static String baseName(Path input) {
        String name = io.heaplab.trace.Compression.stripSuffix(input.getFileName().toString());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
