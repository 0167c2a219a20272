package io.heaplab.alloc.handles;

/** Rust's unit type {@code ()}: the one value of a zero-size type, read from and written to no memory at all. */
public enum Unit {
    /** {@code ()}. */
    UNIT
}
