package io.heaplab.report;

import java.io.IOException;
import java.io.Writer;

/**
 * Renders a {@link ResultsDocument} in one format. Obtain one from {@link ResultFormats}.
 *
 * @implSpec Implementations are stateless and thread-safe.
 */
public interface ResultFormat {

    /**
     * Writes {@code document} to {@code out}; does not close {@code out}.
     *
     * @param document the results
     * @param out      where to write
     * @throws IOException if writing fails
     */
    void write(ResultsDocument document, Writer out) throws IOException;
}
