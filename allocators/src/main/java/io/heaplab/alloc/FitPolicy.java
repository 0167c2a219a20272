package io.heaplab.alloc;

/** How a free-list allocator chooses among the free blocks that can hold a request. */
public enum FitPolicy {
    /** The first fitting block in list order (Knuth's first fit). */
    FIRST,
    /** The first fitting block after where the previous search stopped, wrapping around (Knuth's next fit). */
    NEXT,
    /** The smallest fitting block; the first of equals in list order; an exact fit ends the search. */
    BEST
}
