package io.heaplab.trace;

/** The operations a trace records. Traces name blocks by id, never by address, so they replay on any allocator. */
public enum OpKind {
    /** {@code alloc id size align}: allocate a block and call it {@code id}. */
    ALLOC,
    /** {@code free id}: free the live block {@code id}. */
    FREE,
    /** {@code realloc id newSize}: resize the live block {@code id}, keeping its alignment. */
    REALLOC
}
