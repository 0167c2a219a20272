package io.heaplab.trace;

/**
 * One trace operation, as a mutable cursor that a {@link TraceReader} fills in place so that streaming a trace
 * allocates nothing per operation.
 *
 * <p>Fields that an operation does not use hold: {@code byteSize = 0} for {@code FREE},
 * {@code byteAlignment = 0} for {@code FREE} and {@code REALLOC} (a realloc keeps the block's alignment),
 * {@code threadId = -1} and {@code timestampNanos = -1} when the trace does not record them.
 *
 * @implSpec Not thread-safe; owned by one reader/consumer pair.
 */
public final class TraceEvent {

    /** The operation. */
    public OpKind kind;
    /** The block id, non-negative; unique among live blocks, reusable after the block is freed. */
    public long id;
    /** {@code ALLOC}: requested size in bytes; {@code REALLOC}: new size in bytes; {@code FREE}: 0. */
    public long byteSize;
    /** {@code ALLOC}: requested alignment in bytes (a power of two); otherwise 0. */
    public long byteAlignment;
    /** {@code WRITE}: byte offset from the block's address; {@code FREE_AT}: byte delta added to it; otherwise 0. */
    public long byteOffset;
    /** The recording thread's id, or -1 if not recorded. */
    public long threadId = -1;
    /** Nanoseconds since the start of the recording, or -1 if not recorded. */
    public long timestampNanos = -1;

    /**
     * Sets this event to an allocation.
     *
     * @param id            block id
     * @param byteSize      size in bytes
     * @param byteAlignment alignment in bytes
     * @return this event
     */
    public TraceEvent alloc(long id, long byteSize, long byteAlignment) {
        return set(OpKind.ALLOC, id, byteSize, byteAlignment);
    }

    /**
     * Sets this event to a free.
     *
     * @param id block id
     * @return this event
     */
    public TraceEvent free(long id) {
        return set(OpKind.FREE, id, 0, 0);
    }

    /**
     * Sets this event to a reallocation.
     *
     * @param id          block id
     * @param newByteSize the new size in bytes
     * @return this event
     */
    public TraceEvent realloc(long id, long newByteSize) {
        return set(OpKind.REALLOC, id, newByteSize, 0);
    }

    /**
     * Sets this event to a raw write (fault-injected traces only).
     *
     * @param id         block id, live or freed
     * @param byteOffset offset from the block's address in bytes (may be negative or past its end)
     * @param byteLength bytes written
     * @return this event
     */
    public TraceEvent write(long id, long byteOffset, long byteLength) {
        set(OpKind.WRITE, id, byteLength, 0);
        this.byteOffset = byteOffset;
        return this;
    }

    /**
     * Sets this event to a free of an arbitrary address near a block (fault-injected traces only).
     *
     * @param id            block id, live or freed
     * @param byteDelta     added to the block's address
     * @param byteSize      the size passed to the free
     * @param byteAlignment the alignment passed to the free
     * @return this event
     */
    public TraceEvent freeAt(long id, long byteDelta, long byteSize, long byteAlignment) {
        set(OpKind.FREE_AT, id, byteSize, byteAlignment);
        this.byteOffset = byteDelta;
        return this;
    }

    private TraceEvent set(OpKind kind, long id, long byteSize, long byteAlignment) {
        this.byteOffset = 0;
        this.kind = kind;
        this.id = id;
        this.byteSize = byteSize;
        this.byteAlignment = byteAlignment;
        this.threadId = -1;
        this.timestampNanos = -1;
        return this;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALLOC -> "alloc " + id + " " + byteSize + " " + byteAlignment;
            case FREE -> "free " + id;
            case REALLOC -> "realloc " + id + " " + byteSize;
            case WRITE -> "write " + id + " " + byteOffset + " " + byteSize;
            case FREE_AT -> "free-at " + id + " " + byteOffset + " " + byteSize + " " + byteAlignment;
            case null -> "(empty)";
        };
    }
}
