package io.heaplab.workloads.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Imports a glibc {@code mtrace()} log ({@code MALLOC_TRACE=file}; on glibc 2.34 and later the program also needs
 * {@code LD_PRELOAD=libc_malloc_debug.so.0}).
 *
 * <h2>Input</h2>
 * <pre>
 * = Start / = End                     markers, ignored
 * @ CALLER + 0xPTR 0xSIZE             malloc, calloc, memalign: SIZE bytes at PTR
 * @ CALLER - 0xPTR                    free(PTR)
 * @ CALLER &lt; 0xOLD                    realloc, part 1: the old pointer ...
 * @ CALLER &gt; 0xNEW 0xSIZE             ... part 2: the new pointer and size
 * @ CALLER ! 0xOLD 0xSIZE             a realloc that failed (the old block stays)
 * </pre>
 * The {@code @ CALLER} part is optional; a pointer may be {@code (nil)}. mtrace records no thread ids or times.
 *
 * <h2>Mapping</h2>
 * Alignment 16 (malloc's on x86-64). A {@code <}/{@code >} pair becomes one realloc (the block keeps its id; its
 * pointer changes). Counted attributes: frees of pointers that are not live ({@code import.unknown-frees}), a
 * {@code >} without a live {@code <} becomes an alloc ({@code import.realloc-as-alloc}), {@code +} of a live pointer
 * implies the free mtrace missed ({@code import.implied-frees}), {@code (nil)} results and {@code !} lines
 * ({@code import.failed-allocs}), other lines ({@code import.ignored-lines}).
 */
public final class MtraceImporter {

    /** malloc's alignment on x86-64. */
    public static final long ALIGNMENT = 16;

    private MtraceImporter() {
    }

    /**
     * Opens an mtrace log as a stream of canonical operations.
     *
     * @param input the log (may be gzip- or zstd-compressed)
     * @return the converting reader; {@link ImportingReader#counts()} is complete at its end
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                       if reading fails
     */
    static Reader open(Path input) throws IOException {
        ImportingReader.requireFile(input);
        return new Reader(input);
    }

    static final class Reader extends ImportingReader {

        private static final long NO_POINTER = -1;
        private long reallocOld = NO_POINTER;
        private boolean reallocPending;

        Reader(Path input) throws IOException {
            super(input, MallocLabImporter.baseName(input), "mtrace: " + input.getFileName());
        }

        @Override
        void parse(String line) {
            String[] f = fields(line);
            if (f.length == 0 || f[0].equals("=")) {
                return;
            }
            int op = -1;
            for (int i = 0; i < f.length; i++) {
                if (f[i].length() == 1 && "+-<>!".indexOf(f[i].charAt(0)) >= 0) {
                    op = i;
                    break;
                }
            }
            if (op < 0 || (op > 0 && !f[0].equals("@"))) {
                count("ignored-lines");
                return;
            }
            char kind = f[op].charAt(0);
            if (reallocPending && kind != '>') {
                throw error("expected '> 0xNEW 0xSIZE' after a '<' line, found '" + shorten(line.strip()) + "'");
            }
            switch (kind) {
                case '+' -> {
                    requireFields(f, op, 2, "+ 0xPTR 0xSIZE");
                    long size = hex(f[op + 2], "a size");
                    if (f[op + 1].equals("(nil)")) {
                        count("failed-allocs");
                        return;
                    }
                    long pointer = hex(f[op + 1], "a pointer");
                    if (isLive(pointer)) {
                        count("implied-frees");
                        free(pointer);
                    }
                    alloc(pointer, size, ALIGNMENT);
                }
                case '-' -> {
                    requireFields(f, op, 1, "- 0xPTR");
                    if (f[op + 1].equals("(nil)")) {
                        count("unknown-frees");
                        return;
                    }
                    long pointer = hex(f[op + 1], "a pointer");
                    if (isLive(pointer)) {
                        free(pointer);
                    } else {
                        count("unknown-frees");
                    }
                }
                case '<' -> {
                    requireFields(f, op, 1, "< 0xOLD");
                    reallocOld = f[op + 1].equals("(nil)") ? NO_POINTER : hex(f[op + 1], "a pointer");
                    reallocPending = true;
                }
                case '>' -> {
                    requireFields(f, op, 2, "> 0xNEW 0xSIZE");
                    long size = hex(f[op + 2], "a size");
                    long old = reallocPending ? reallocOld : NO_POINTER;
                    reallocPending = false;
                    if (f[op + 1].equals("(nil)")) {
                        count("failed-allocs");
                        return;
                    }
                    long pointer = hex(f[op + 1], "a pointer");
                    if (old != NO_POINTER && isLive(old)) {
                        if (pointer != old && isLive(pointer)) {
                            count("implied-frees");
                            free(pointer);
                        }
                        realloc(old, pointer, size);
                    } else {
                        count("realloc-as-alloc");
                        if (isLive(pointer)) {
                            count("implied-frees");
                            free(pointer);
                        }
                        alloc(pointer, size, ALIGNMENT);
                    }
                }
                default -> count("failed-allocs");
            }
        }

        private void requireFields(String[] f, int op, int arguments, String form) {
            if (f.length != op + 1 + arguments) {
                throw error("expected '" + form + "', found '" + shorten(String.join(" ", f)) + "'");
            }
        }
    }
}
