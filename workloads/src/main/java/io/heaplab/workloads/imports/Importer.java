package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The foreign recording formats heaplab imports; see each importer's class for its input and mapping. */
public enum Importer {
    /** CS:APP malloc-lab {@code .rep} traces ({@link MallocLabImporter}). */
    MALLOCLAB("malloclab", "a CS:APP malloc-lab trace (a header of 2 or 4 numbers, then 'a ID BYTES', "
        + "'r ID BYTES' and 'f ID' lines)"),
    /** heaptrack raw recordings ({@link HeaptrackImporter}). */
    HEAPTRACK("heaptrack", "a heaptrack raw recording ('+ SIZE TRACE PTR' and '- PTR' lines, made with "
        + "'heaptrack --raw')"),
    /** glibc mtrace logs ({@link MtraceImporter}). */
    MTRACE("mtrace", "a glibc mtrace log ('@ CALLER + 0xPTR 0xSIZE' and '@ CALLER - 0xPTR' lines)");

    private final String cliName;
    private final String expected;

    Importer(String cliName, String expected) {
        this.cliName = cliName;
        this.expected = expected;
    }

    /** {@return the name used on the command line, e.g. {@code malloclab}} */
    public String cliName() {
        return cliName;
    }

    /** {@return what an input of this format looks like, for messages: {@code a glibc mtrace log (...)}} */
    public String expected() {
        return expected;
    }

    /**
     * Opens a recording as a stream of canonical operations with dense ids. The header's op and id counts are
     * unknown (-1) until the end; {@link Imports#convert} makes two passes to write them.
     *
     * @param input the recording (may be gzip- or zstd-compressed)
     * @return a streaming converting reader
     * @throws java.nio.file.NoSuchFileException     if the file does not exist
     * @throws io.heaplab.trace.TraceFormatException if the input is malformed (as it is read)
     * @throws IOException                           if reading fails
     */
    public TraceReader open(Path input) throws IOException {
        return switch (this) {
            case MALLOCLAB -> MallocLabImporter.open(input);
            case HEAPTRACK -> HeaptrackImporter.open(input);
            case MTRACE -> MtraceImporter.open(input);
        };
    }

    /**
     * {@return the importer with this command-line name, ignoring case}
     *
     * @param name e.g. {@code heaptrack}
     */
    public static Optional<Importer> byName(String name) {
        return Arrays.stream(values()).filter(i -> i.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** {@return the command-line names, comma-separated} */
    public static String names() {
        return Arrays.stream(values()).map(Importer::cliName).collect(Collectors.joining(", "));
    }
}
