package io.heaplab.trace;

/** What a {@link ValidatingTraceReader} does with an operation on an id that is not live (or an alloc of a live id). */
public enum Validation {
    /** Throw a {@link TraceFormatException} naming the position. */
    STRICT,
    /** Skip the operation and count it as a warning; the first warning's message is kept for reports. */
    LENIENT
}
