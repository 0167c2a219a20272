package io.heaplab.alloc;

/**
 * Thrown for a size and alignment that do not form a valid {@link Layout}: Rust's {@code LayoutError}.
 *
 * <p>As in Rust, one message serves every cause ({@value #MESSAGE}); the offending values are available
 * through {@link #byteSize()} and {@link #byteAlignment()} (a size of -1 stands for an overflowed computation).
 */
public final class LayoutException extends IllegalArgumentException {

    /** Rust's {@code Display} of {@code LayoutError}, verbatim. */
    public static final String MESSAGE = "invalid parameters to Layout::from_size_align";

    private final long byteSize;
    private final long byteAlignment;

    /**
     * @param byteSize      the rejected size in bytes (-1 when the size overflowed)
     * @param byteAlignment the rejected alignment in bytes
     */
    public LayoutException(long byteSize, long byteAlignment) {
        super(MESSAGE);
        this.byteSize = byteSize;
        this.byteAlignment = byteAlignment;
    }

    /** {@return the rejected size in bytes, or -1 if the size computation overflowed} */
    public long byteSize() {
        return byteSize;
    }

    /** {@return the rejected alignment in bytes} */
    public long byteAlignment() {
        return byteAlignment;
    }
}
