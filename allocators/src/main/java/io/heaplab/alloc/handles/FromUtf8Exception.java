package io.heaplab.alloc.handles;

/**
 * Rust's {@code FromUtf8Error}: {@link RustString#fromUtf8} was given bytes that are not UTF-8. Checked, because Rust
 * returns it as a {@code Result}. It owns the rejected bytes: take them back with {@link #intoBytes()} (and close
 * them), as Rust's {@code into_bytes()} does.
 */
public final class FromUtf8Exception extends Exception {

    private final transient ByteVec bytes;
    private final Utf8Error error;

    FromUtf8Exception(ByteVec bytes, Utf8Error error) {
        super(error.toString());
        this.bytes = bytes;
        this.error = error;
    }

    /** {@return where and how the bytes stopped being UTF-8} Rust's {@code utf8_error()}. */
    public Utf8Error utf8Error() {
        return error;
    }

    /** {@return a copy of the rejected bytes} Rust's {@code as_bytes()}. */
    public byte[] asBytes() {
        return bytes.toArray();
    }

    /**
     * {@return the rejected bytes, the same buffer that was passed in} Rust's {@code into_bytes()}.
     *
     * @throws OwnershipException if they were already taken
     */
    public ByteVec intoBytes() {
        return bytes.moveTo();
    }
}
