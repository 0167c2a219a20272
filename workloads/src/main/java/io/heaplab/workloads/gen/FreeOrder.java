package io.heaplab.workloads.gen;

/** Which live block a generated program frees next. */
public enum FreeOrder {
    /** The most recently allocated (stack discipline). */
    LIFO,
    /** The least recently allocated (queue discipline). */
    FIFO,
    /** A uniformly random live block. */
    RANDOM,
    /** Each block gets an exponentially distributed lifetime (in operations) at birth and is freed when it expires. */
    LIFETIME
}
