package io.heaplab.workloads.imports;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceFormat;
import io.heaplab.trace.TraceFormatException;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceWriter;
import io.heaplab.trace.Traces;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts a foreign recording into a heaplab trace in two streaming passes: {@link #scan} counts operations, ids
 * and what could not be mapped; {@link #write} writes the trace behind that complete header. Memory stays
 * proportional to the live blocks.
 *
 * <p>An input from which no operation can be imported is an error ({@link TraceFormatException} naming the file
 * and the expected format), not an empty trace: it is almost always a file of another format, or an empty one.
 */
public final class Imports {

    private Imports() {
    }

    /**
     * Imports {@code input} into the file {@code output}, replacing it if it exists.
     *
     * @apiNote This writes {@code output} in place; a command that must leave an existing file intact when the
     * import fails should {@link #scan} first and {@link #write} to a temporary file renamed on success.
     * @param importer the input's format
     * @param input    the recording
     * @param output   the trace file to write (replaced if it exists); compressed if its name ends in .gz or .zst
     * @param format   text or binary
     * @param name     the trace's name, or null for the input's base name
     * @return the header written (op and id counts, {@code import.*} counts of what could not be mapped)
     * @throws java.nio.file.NoSuchFileException if the input does not exist
     * @throws TraceFormatException              if the input is malformed (the message names file:line) or no
     *                                           operation can be imported from it (the message names the file and
     *                                           the expected format)
     * @throws IOException                       if reading or writing fails
     */
    public static TraceHeader convert(Importer importer, Path input, Path output, TraceFormat format, String name)
            throws IOException {
        return convert(importer, input, output, format, name, null);
    }

    /**
     * Imports {@code input} into the file {@code output}, describing its source.
     *
     * @apiNote As {@link #convert(Importer, Path, Path, TraceFormat, String)}, this writes {@code output} in place.
     * @param importer the input's format
     * @param input    the recording
     * @param output   the trace file to write (replaced if it exists); compressed if its name ends in .gz or .zst
     * @param format   text or binary
     * @param name     the trace's name, or null for the input's base name
     * @param source   the trace's source (e.g. the recorded command line), or null for the importer's default
     * @return the header written
     * @throws java.nio.file.NoSuchFileException if the input does not exist
     * @throws TraceFormatException              if the input is malformed or no operation can be imported from it
     * @throws IOException                       if reading or writing fails
     */
    public static TraceHeader convert(Importer importer, Path input, Path output, TraceFormat format, String name,
            String source) throws IOException {
        TraceHeader header = withSource(scan(importer, input, name), source);
        write(importer, input, header, Files.newOutputStream(output), output.getFileName().toString(), format);
        return header;
    }

    /**
     * Writes the trace of {@code input} behind a header {@link #scan} returned (the second pass).
     *
     * @param importer the input's format
     * @param input    the recording, unchanged since it was scanned
     * @param header   the header to write, from {@link #scan} (possibly with another source)
     * @param out      the destination; closed when done
     * @param fileName the name of the file {@code out} becomes, which chooses the compression (.gz, .zst)
     * @param format   text or binary
     * @throws TraceFormatException if the input is malformed, or changed since it was scanned (the op count then
     *                              differs from the header's)
     * @throws IOException          if reading or writing fails
     */
    public static void write(Importer importer, Path input, TraceHeader header, OutputStream out, String fileName,
            TraceFormat format) throws IOException {
        try (TraceReader reader = importer.open(input);
             TraceWriter writer = Traces.writer(out, fileName, format, header)) {
            Traces.copy(reader, writer);
        } finally {
            out.close();
        }
    }

    /**
     * {@return {@code header} with its source replaced, or {@code header} itself if {@code source} is null}
     *
     * @param header a header
     * @param source the new source, or null
     */
    public static TraceHeader withSource(TraceHeader header, String source) {
        return source == null ? header : new TraceHeader(header.name(), source, header.opCount(), header.idCount(),
            header.attributes());
    }

    /**
     * Reads {@code input} once and returns the header a conversion would write.
     *
     * @param importer the input's format
     * @param input    the recording
     * @param name     the trace's name, or null for the input's base name
     * @return the complete header
     * @throws java.nio.file.NoSuchFileException if the input does not exist
     * @throws TraceFormatException              if the input is malformed (the message names file:line), or if no
     *                                           operation can be imported from it: {@code FILE: the file is empty;
     *                                           expected ...} or {@code FILE: none of its N lines is an operation
     *                                           heaplab can import; expected ...}, naming {@link Importer#expected()}
     * @throws IOException                       if reading fails
     */
    public static TraceHeader scan(Importer importer, Path input, String name) throws IOException {
        try (TraceReader reader = importer.open(input)) {
            ImportingReader importing = (ImportingReader) reader;
            TraceEvent event = new TraceEvent();
            long ops = 0;
            while (reader.next(event)) {
                ops++;
            }
            if (ops == 0) {
                throw new TraceFormatException(input.toString(), (importing.lineCount() == 0 ? "the file is empty"
                    : "none of its " + importing.lineCount() + " lines is an operation heaplab can import")
                    + "; expected " + importer.expected());
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
