package io.heaplab.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The formats heaplab writes results in, each a {@link ResultFormat}. */
public enum ResultFormats {
    /** Plain-text tables for a terminal: one table per workload. */
    TEXT(new TextResultFormat()),
    /** Every measure of every pair as {@code name: value} lines. */
    DETAIL(new DetailTextFormat()),
    /** The documented JSON schema ({@value ResultsDocument#SCHEMA}). */
    JSON(new JsonResultFormat()),
    /** One CSV row per (allocator, workload) pair, RFC 4180 quoting. */
    CSV(new CsvResultFormat());

    private final ResultFormat format;

    ResultFormats(ResultFormat format) {
        this.format = format;
    }

    /** {@return the renderer} */
    public ResultFormat format() {
        return format;
    }

    /**
     * {@return {@code document} rendered as a string}
     *
     * @param document the results
     */
    public String render(ResultsDocument document) {
        StringWriter out = new StringWriter();
        try {
            format.write(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter never throws
        }
        return out.toString();
    }
}
