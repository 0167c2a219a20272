package io.heaplab.alloc;

/** The order in which a free-list allocator keeps (and so searches) its free blocks. */
public enum FreeListOrder {
    /** By address, lowest first: Johnstone and Wilson's low-fragmentation order. */
    ADDRESS,
    /** Most recently freed first (a stack). */
    LIFO
}
