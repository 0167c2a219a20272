package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;

/**
 * The allocator returned {@link Allocator#FAILED} for a request a handle made: where Rust calls
 * {@code handle_alloc_error}, prints {@code memory allocation of N bytes failed} and <em>aborts</em>, heaplab throws
 * this exception with exactly that message.
 *
 * <p>The handle that made the request is left unchanged (same contents, length, capacity and block) and usable, and
 * the allocator stays consistent, so a program may free memory and retry.
 */
public final class AllocationFailedException extends RuntimeException {

    private final long byteSize;
    private final long byteAlignment;

    /**
     * @param byteSize      the size of the request that failed, in bytes
     * @param byteAlignment its alignment in bytes
     */
    public AllocationFailedException(long byteSize, long byteAlignment) {
        super("memory allocation of " + byteSize + " bytes failed");
        this.byteSize = byteSize;
        this.byteAlignment = byteAlignment;
    }

    /** {@return the size of the failed request in bytes} */
    public long byteSize() {
        return byteSize;
    }

    /** {@return the alignment of the failed request in bytes} */
    public long byteAlignment() {
        return byteAlignment;
    }
}
