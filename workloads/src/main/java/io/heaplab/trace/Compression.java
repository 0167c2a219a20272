package io.heaplab.trace;

import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Transparent gzip and zstd for trace and recording files. Input is recognised by its magic bytes (so a misnamed
 * file still opens); output is compressed when the file name ends in {@code .gz} or {@code .zst}. Decompression
 * uses {@link java.util.zip} and aircompressor (pure Java); heaplab never shells out.
 */
public final class Compression {

    private static final int BUFFER_BYTES = 1 << 16;

    private Compression() {
    }

    /**
     * {@return a buffered stream of the file's content, decompressed if it starts with the gzip or zstd magic}
     *
     * @param file the file
     * @throws IOException if the file cannot be opened or its compression header is corrupt
     */
    public static InputStream open(Path file) throws IOException {
        return decompress(Files.newInputStream(file));
    }

    /**
     * {@return a buffered stream of {@code raw}'s content, decompressed if it starts with the gzip or zstd magic}
     *
     * @param raw the possibly compressed stream; closed with the returned stream
     * @throws IOException if reading fails or the compression header is corrupt
     */
    public static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new Source(raw), BUFFER_BYTES);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        in.reset();
        try {
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new Guarded(new GZIPInputStream(in, BUFFER_BYTES), true), BUFFER_BYTES);
            }
            if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
                return new BufferedInputStream(new Guarded(new ZstdInputStream(in), true), BUFFER_BYTES);
            }
        } catch (SourceException e) {
            in.close();
            throw e.failure();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw Guarded.corrupt(e);
        }
        return new Guarded(in, false);
    }

    /** Compressed input that cannot be decompressed (bad checksum, truncated frame, corrupt block). */
    public static final class CorruptInputException extends IOException {

        /** @param message what the decompressor reported */
        CorruptInputException(String message) {
            super(message);
        }
    }

    /** A failure of the underlying stream (not of the data), carried through a decompressor unchanged. */
    private static final class SourceException extends IOException {

        SourceException(IOException cause) {
            super(cause);
        }

        IOException failure() {
            return (IOException) getCause();
        }
    }

    /** Marks the underlying stream's own I/O failures so that they are not mistaken for corrupt data. */
    private static final class Source extends java.io.FilterInputStream {

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceException(e);
            }
        }
    }

    /**
     * Turns a decompressor's failures on corrupt data (any exception other than the underlying stream's own I/O
     * failures) into {@link CorruptInputException}.
     */
    private static final class Guarded extends java.io.FilterInputStream {

        private final boolean decompressing;

        Guarded(InputStream in, boolean decompressing) {
            super(in);
            this.decompressing = decompressing;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SourceException e) {
                throw e.failure();
            } catch (IOException | RuntimeException e) {
                if (!decompressing) {
                    throw e;
                }
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (SourceException e) {
                throw e.failure();
            } catch (IOException | RuntimeException e) {
                if (!decompressing) {
                    throw e;
                }
                throw corrupt(e);
            }
        }

        static CorruptInputException corrupt(Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new CorruptInputException("corrupt compressed data (" + message.lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * {@return {@code out}, wrapped in a compressor if {@code fileName} ends in {@code .gz} or {@code .zst}}
     *
     * @param fileName the name that decides
     * @param out      the raw stream; closed with the returned stream
     * @throws IOException if the compressor cannot write its header
     */
    public static OutputStream compressFor(String fileName, OutputStream out) throws IOException {
        if (fileName.endsWith(".gz")) {
            return new GZIPOutputStream(out, BUFFER_BYTES);
        }
        if (fileName.endsWith(".zst")) {
            return new ZstdOutputStream(out);
        }
        return out;
    }

    /**
     * {@return {@code fileName} without a trailing {@code .gz} or {@code .zst}}
     *
     * @param fileName a file name
     */
    public static String stripSuffix(String fileName) {
        if (fileName.endsWith(".gz")) {
            return fileName.substring(0, fileName.length() - 3);
        }
        if (fileName.endsWith(".zst")) {
            return fileName.substring(0, fileName.length() - 4);
        }
        return fileName;
    }
}
