package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceWriter;
import io.heaplab.trace.Traces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts a foreign recording into a heaplab trace file in two streaming passes: the first counts operations, ids
 * and what could not be mapped; the second writes the trace behind a complete header. Memory stays proportional to
 * the live blocks.
 */
public final class Imports {

    private Imports() {
    }

    /**
     * Imports {@code input} into {@code output}.
     *
     * @param importer the input's format
     * @param input    the recording
     * @param output   the trace file to write (replaced if it exists); compressed if its name ends in .gz or .zst
     * @param format   text or binary
     * @param name     the trace's name, or null for the input's base name
     * @return the header written (op and id counts, {@code import.*} counts of what could not be mapped)
     * @throws java.nio.file.NoSuchFileException     if the input does not exist
     * @throws io.heaplab.trace.TraceFormatException if the input is malformed; the message names file:line
     * @throws IOException                           if reading or writing fails
     */
    public static TraceHeader convert(Importer importer, Path input, Path output, TraceFormat format, String name)
            throws IOException {
        return convert(importer, input, output, format, name, null);
    }

    /**
     * Imports {@code input} into {@code output}, describing its source.
     *
     * @param importer the input's format
     * @param input    the recording
     * @param output   the trace file to write (replaced if it exists); compressed if its name ends in .gz or .zst
     * @param format   text or binary
     * @param name     the trace's name, or null for the input's base name
     * @param source   the trace's source (e.g. the recorded command line), or null for the importer's default
     * @return the header written
     * @throws java.nio.file.NoSuchFileException     if the input does not exist
     * @throws io.heaplab.trace.TraceFormatException if the input is malformed; the message names file:line
     * @throws IOException                           if reading or writing fails
     */
    public static TraceHeader convert(Importer importer, Path input, Path output, TraceFormat format, String name,
            String source) throws IOException {
        TraceHeader scanned = scan(importer, input, name);
        TraceHeader header = source == null ? scanned : new TraceHeader(scanned.name(), source, scanned.opCount(),
            scanned.idCount(), scanned.attributes());
        try (TraceReader reader = importer.open(input);
             TraceWriter writer = Traces.writer(output, format, header)) {
            Traces.copy(reader, writer);
        }
        return header;
    }

    /**
     * Reads {@code input} once and returns the header a conversion would write.
     *
     * @param importer the input's format
     * @param input    the recording
     * @param name     the trace's name, or null for the input's base name
     * @return the complete header
     * @throws io.heaplab.trace.TraceFormatException if the input is malformed
     * @throws IOException                           if reading fails
     */
    public static TraceHeader scan(Importer importer, Path input, String name) throws IOException {
        try (TraceReader reader = importer.open(input)) {
            ImportingReader importing = (ImportingReader) reader;
            TraceEvent event = new TraceEvent();
            long ops = 0;
            while (reader.next(event)) {
                ops++;
            }
            Map<String, String> attributes = new HashMap<>();
            importing.counts().forEach((k, v) -> attributes.put(k, Long.toString(v)));
            if (importing instanceof MallocLabImporter.Reader malloclab && malloclab.declaredCounts() != null) {
                attributes.put("malloclab.num-ids", Long.toString(malloclab.declaredCounts()[0]));
                attributes.put("malloclab.num-ops", Long.toString(malloclab.declaredCounts()[1]));
            }
            TraceHeader h = reader.header();
            return new TraceHeader(name != null ? name : h.name(), h.source(), ops, importing.idCount(), attributes);
        }
    }
}
