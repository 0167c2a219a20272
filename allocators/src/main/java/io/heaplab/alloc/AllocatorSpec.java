package io.heaplab.alloc;

import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A named way to build an allocator over a heap of a given size: one entry of the {@link AllocatorRegistry}.
 *
 * @param name        the registered name, lower-case with dashes (e.g. {@code freelist-best})
 * @param description one line for {@code heaplab list}
 * @param kind        what family the allocator belongs to
 * @param factory     builds a fresh allocator over a new heap of the given size in bytes
 */
public record AllocatorSpec(String name, String description, Kind kind, LongFunction<Allocator> factory) {

    /** The families {@code heaplab list} groups allocators by. */
    public enum Kind {
        /** An allocator of heaplab's own over one {@code MemorySegment}. */
        RESEARCH,
        /** A system allocator called through FFM (glibc, jemalloc, mimalloc). */
        NATIVE,
        /** A measuring aid such as the no-op allocator. */
        BASELINE
    }

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code name} is not lower-case letters, digits and dashes
     */
    public AllocatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(factory, "factory");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("allocator name must be lower-case letters, digits and dashes: '" + name + "'");
        }
    }

    /**
     * {@return a new allocator over a fresh heap}
     *
     * @param heapBytes heap capacity in bytes (ignored by native allocators)
     * @throws IllegalArgumentException if the allocator cannot be built over a heap of that size
     */
    public Allocator create(long heapBytes) {
        return factory.apply(heapBytes);
    }
}
