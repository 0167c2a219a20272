package io.heaplab.alloc.checked;

/** The misuses a {@link CheckedAllocator} detects; each report and exception names one. */
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
    WRONG_THREAD
}
