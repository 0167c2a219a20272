package io.heaplab.trace;

/**
 * Malformed trace input. The message always starts with the position ({@code file:line} or {@code file@offset}),
 * then says what was found and what was expected, e.g.
 * {@code traces/x.trace:12: expected 'alloc id size align', found 'alloc 3'}.
 */
public final class TraceFormatException extends RuntimeException {

    private final String position;

    /**
     * @param position where the problem is ({@code file:line} or {@code file@offset})
     * @param problem  what was found and what was expected
     */
    public TraceFormatException(String position, String problem) {
        super(position + ": " + problem);
        this.position = position;
    }

    /** {@return where the problem is} */
    public String position() {
        return position;
    }
}
