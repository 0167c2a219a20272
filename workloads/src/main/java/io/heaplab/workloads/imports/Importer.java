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
    MALLOCLAB("malloclab"),
    /** heaptrack raw recordings ({@link HeaptrackImporter}). */
    HEAPTRACK("heaptrack"),
    /** glibc mtrace logs ({@link MtraceImporter}). */
    MTRACE("mtrace");

    private final String cliName;

    Importer(String cliName) {
        this.cliName = cliName;
    }

    /** {@return the name used on the command line, e.g. {@code malloclab}} */
    public String cliName() {
        return cliName;
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
