package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;

import java.util.List;
import java.util.stream.Stream;

/** The allocators every handle test runs on: every registered research allocator, so new ones join automatically. */
final class ResearchAllocators {

    /** A power of two, so that buddy-style allocators accept it; room for every test's blocks. */
    static final long HEAP_BYTES = 1L << 22;

    private ResearchAllocators() {
    }

    /** {@return the names of the registered research allocators} For {@code @MethodSource}. */
    static Stream<String> names() {
        List<AllocatorSpec> specs = AllocatorRegistry.load().ofKind(AllocatorSpec.Kind.RESEARCH);
        if (specs.isEmpty()) {
            throw new IllegalStateException("no research allocator is registered");
        }
        return specs.stream().map(AllocatorSpec::name);
    }

    /** {@return a fresh allocator of that name over a {@link #HEAP_BYTES} heap} */
    static Allocator create(String name) {
        return create(name, HEAP_BYTES);
    }

    /** {@return a fresh allocator of that name over a heap of {@code heapBytes}} */
    static Allocator create(String name, long heapBytes) {
        return AllocatorRegistry.load().get(name).create(heapBytes);
    }
}
