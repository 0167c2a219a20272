package io.heaplab.alloc.handles;

/**
 * Rust's {@code TryReserveError}, returned by {@code try_reserve} instead of panicking or aborting: checked, because
 * in Rust it is a {@code Result} the caller must handle. The vector is unchanged.
 */
public final class TryReserveException extends Exception {

    /** Display of {@code TryReserveErrorKind::CapacityOverflow}. */
    public static final String CAPACITY_OVERFLOW =
        "memory allocation failed because the computed capacity exceeded the collection's maximum";
    /** Display of {@code TryReserveErrorKind::AllocError}. */
    public static final String ALLOC_ERROR = "memory allocation failed because the memory allocator returned an error";

    private final boolean capacityOverflow;

    TryReserveException(boolean capacityOverflow) {
        super(capacityOverflow ? CAPACITY_OVERFLOW : ALLOC_ERROR);
        this.capacityOverflow = capacityOverflow;
    }

    /** {@return true for a capacity overflow, false when the allocator failed} */
    public boolean isCapacityOverflow() {
        return capacityOverflow;
    }
}
