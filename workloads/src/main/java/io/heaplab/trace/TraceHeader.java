package io.heaplab.trace;

import java.util.Map;

/**
 * What a trace says about itself.
 *
 * @param name       a short name, e.g. {@code python-strings}
 * @param source     where it came from, e.g. {@code heaptrack: python3 -c ...} or {@code generator: uniform seed=1}
 * @param opCount    number of operations, or -1 if unknown before reading to the end
 * @param idCount    number of distinct ids (1 + the largest id), or -1 if unknown
 * @param attributes further {@code key=value} facts, e.g. importer counts of what could not be mapped
 */
public record TraceHeader(String name, String source, long opCount, long idCount, Map<String, String> attributes) {

    /** Copies {@code attributes}. */
    public TraceHeader {
        attributes = Map.copyOf(attributes);
    }
}
