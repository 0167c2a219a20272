package io.heaplab.trace;

/** The operations a trace records. Traces name blocks by id, never by address, so they replay on any allocator. */
public enum OpKind {
    /** {@code alloc id size align}: allocate a block and call it {@code id}. */
    ALLOC,
    /** {@code free id}: free the live block {@code id}. */
    FREE,
    /** {@code realloc id newSize}: resize the live block {@code id}, keeping its alignment. */
    REALLOC,
    /**
     * {@code write id offset length}: a raw write of {@code length} bytes at the block's address + {@code offset},
     * through no allocator call; names the block's last address even after it was freed. Only fault-injected traces
     * carry it (see {@code io.heaplab.workloads.inject}); ordinary replays refuse it.
     */
    WRITE,
    /**
     * {@code free-at id delta size align}: a free of the block's last address + {@code delta} with the layout
     * {@code (size, align)}, which need not be the block's. Only fault-injected traces carry it.
     */
    FREE_AT
}
