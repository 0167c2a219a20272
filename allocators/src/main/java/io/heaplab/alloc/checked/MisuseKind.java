package io.heaplab.alloc.checked;

/**
 * The misuses heaplab detects; each report and exception names one. A {@link CheckedAllocator} detects the allocator
 * misuses (up to {@link #WRONG_THREAD}); the Rust-style handles of {@code io.heaplab.alloc.handles} detect the handle
 * misuses ({@link #USE_AFTER_MOVE}, {@link #USE_AFTER_DROP}, {@link #DOUBLE_DROP}) and throw them as an
 * {@code OwnershipException}. Both exceptions implement {@link Misuse}.
 */
public enum MisuseKind {
    /** A free or realloc of a block that was already freed (and not since reused). */
    DOUBLE_FREE,
    /** A free or realloc through a stale address: its generation tag is older than the block now at that address. */
    DOUBLE_FREE_AFTER_REUSE,
    /** A free or realloc of an address this allocator never returned (outside every block it knows). */
    INVALID_FREE,
    /** A free or realloc of an address inside a block, not at its start. */
    INTERIOR_FREE,
    /** A free or realloc of an address that is not a multiple of the alignment given with it. */
    MISALIGNED_FREE,
    /** A free or realloc whose size or alignment does not fit the block (see {@code Allocator}'s "fits"). */
    WRONG_LAYOUT,
    /** Bytes of a freed block changed while it sat in the quarantine (level FULL). */
    USE_AFTER_FREE_WRITE,
    /** Bytes of the redzone after a block changed (level FULL). */
    OVERFLOW_WRITE,
    /** A block still live when the allocator is closed. */
    LEAK,
    /** A call from a thread other than the one that first used the allocator; allocators are single-threaded. */
    WRONG_THREAD,
    /** An operation on a handle after ownership moved out of it ({@code moveTo}, {@code into...}, {@code leak}). */
    USE_AFTER_MOVE,
    /** An operation on a handle after it was dropped ({@code close()}); its memory may already be freed. */
    USE_AFTER_DROP,
    /** A second {@code close()} of a handle; the first already released what it owned. */
    DOUBLE_DROP
}
