package io.heaplab.trace;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens and creates trace files in either {@link TraceFormat}, compressed or not.
 *
 * <pre>{@code
 * try (TraceReader reader = Traces.open(Path.of("x.hltrace.gz"))) { ... }        // format and compression sniffed
 * try (TraceWriter writer = Traces.writer(Path.of("x.trace"), TraceFormat.TEXT, header)) { ... }
 * }</pre>
 */
public final class Traces {

    private Traces() {
    }

    /**
     * Opens a trace file with {@linkplain Validation#STRICT strict} liveness checks. The format (text or binary) and
     * compression (gzip, zstd, none) are recognised from the content, not the name.
     *
     * @param file the trace file
     * @return a reader positioned after the header
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws TraceFormatException              if the header is malformed (operations are checked as they are read)
     * @throws IOException                       if reading fails
     */
    public static TraceReader open(Path file) throws IOException {
        return open(file, Validation.STRICT);
    }

    /**
     * Opens a trace file with the given liveness checks.
     *
     * @param file       the trace file
     * @param validation strict (throw) or lenient (skip and count) on an operation on a non-live id
     * @return a {@link ValidatingTraceReader} positioned after the header
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws TraceFormatException              if the header is malformed
     * @throws IOException                       if reading fails
     */
    public static ValidatingTraceReader open(Path file, Validation validation) throws IOException {
        return new ValidatingTraceReader(openUnchecked(Files.newInputStream(file), file.toString()), validation);
    }

    /**
     * Opens a trace from a stream (e.g. a class-path resource) with the given liveness checks.
     *
     * @param in         the possibly compressed trace; closed with the reader
     * @param name       the name used in messages
     * @param validation strict or lenient liveness checks
     * @return a {@link ValidatingTraceReader} positioned after the header
     * @throws TraceFormatException if the header is malformed
     * @throws IOException          if reading fails
     */
    public static ValidatingTraceReader open(InputStream in, String name, Validation validation) throws IOException {
        return new ValidatingTraceReader(openUnchecked(in, name), validation);
    }

    /**
     * Opens a trace without liveness checks (format and limit checks still apply): the fastest way to stream a trace
     * known to be valid, e.g. one heaplab wrote itself.
     *
     * @param in   the possibly compressed trace; closed with the reader
     * @param name the name used in messages
     * @return a format reader positioned after the header
     * @throws TraceFormatException if the header is malformed
     * @throws IOException          if reading fails
     */
    public static TraceReader openUnchecked(InputStream in, String name) throws IOException {
        InputStream plain = null;
        try {
            plain = Compression.decompress(in);
            plain.mark(4);
            byte[] magic = plain.readNBytes(4);
            plain.reset();
            boolean binary = magic.length == 4 && magic[0] == 'H' && magic[1] == 'L' && magic[2] == 'T' && magic[3] == 'B';
            return binary ? new BinaryTraceReader(plain, name) : new TextTraceReader(plain, name);
        } catch (Compression.CorruptInputException e) {
            closeQuietly(plain != null ? plain : in);
            throw new TraceFormatException(name + "@0", e.getMessage());
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain != null ? plain : in);
            throw e;
        }
    }

    /**
     * Creates a trace file (replacing an existing one) and writes its header; the file is gzip- or zstd-compressed
     * when its name ends in {@code .gz} or {@code .zst}.
     *
     * @param file   the file to write
     * @param format text or binary
     * @param header the header; if its op count is known, {@link TraceWriter#close()} checks it
     * @return a writer positioned after the header
     * @throws IOException if the file cannot be created or written
     */
    public static TraceWriter writer(Path file, TraceFormat format, TraceHeader header) throws IOException {
        return writer(Files.newOutputStream(file), file.getFileName().toString(), format, header);
    }

    /**
     * Writes a trace to a stream that will become the file {@code fileName} (e.g. a temporary file renamed over it
     * on success): the stream is gzip- or zstd-compressed when that name ends in {@code .gz} or {@code .zst}, and
     * buffered.
     *
     * @param raw      the destination; closed with the writer, or by this method if it fails
     * @param fileName the name of the file the stream becomes, which chooses the compression
     * @param format   text or binary
     * @param header   the header; if its op count is known, {@link TraceWriter#close()} checks it
     * @return a writer positioned after the header
     * @throws IOException if the compressor cannot be set up or writing the header fails
     */
    public static TraceWriter writer(OutputStream raw, String fileName, TraceFormat format, TraceHeader header)
            throws IOException {
        try {
            OutputStream out = new BufferedOutputStream(Compression.compressFor(fileName, raw), 1 << 16);
            return writer(out, format, header);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /**
     * Writes a trace to a stream.
     *
     * @param out    the destination; closed with the writer
     * @param format text or binary
     * @param header the header
     * @return a writer positioned after the header
     * @throws IOException if writing the header fails
     */
    public static TraceWriter writer(OutputStream out, TraceFormat format, TraceHeader header) throws IOException {
        return format == TraceFormat.TEXT ? new TextTraceWriter(out, header) : new BinaryTraceWriter(out, header);
    }

    /**
     * Copies every remaining operation of {@code reader} to {@code writer}; closes neither.
     *
     * @param reader the source
     * @param writer the destination
     * @return the number of operations copied
     * @throws TraceFormatException if the source is malformed
     * @throws IOException          if reading or writing fails
     */
    public static long copy(TraceReader reader, TraceWriter writer) throws IOException {
        TraceEvent event = new TraceEvent();
        long count = 0;
        while (reader.next(event)) {
            writer.write(event);
            count++;
        }
        return count;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception suppressed) {
            // the original failure is more useful than a failure to close
        }
    }
}
