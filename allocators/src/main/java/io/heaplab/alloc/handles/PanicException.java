package io.heaplab.alloc.handles;

/**
 * A Rust panic: thrown where Rust's standard library would panic, with Rust 1.95's panic payload as the message,
 * verbatim (e.g. {@code index out of bounds: the len is 3 but the index is 5}, {@code capacity overflow}).
 *
 * <p>As after a caught Rust panic ({@code catch_unwind}), the handle that threw is unchanged and still usable:
 * every check runs before anything is modified.
 */
public final class PanicException extends RuntimeException {

    /** @param message Rust's panic message, verbatim */
    public PanicException(String message) {
        super(message);
    }

    /** The message of every capacity computation that exceeds {@code isize::MAX} bytes or {@code usize::MAX} elements. */
    public static final String CAPACITY_OVERFLOW = "capacity overflow";

    static PanicException capacityOverflow() {
        return new PanicException(CAPACITY_OVERFLOW);
    }

    static PanicException indexOutOfBounds(long len, long index) {
        return new PanicException("index out of bounds: the len is " + u(len) + " but the index is " + u(index));
    }

    /** {@return {@code value} printed as Rust's {@code usize}: negative longs stand for values above {@code isize::MAX}} */
    static String u(long value) {
        return Long.toUnsignedString(value);
    }
}
