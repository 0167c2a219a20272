package io.heaplab.alloc;

import java.util.stream.Stream;

/** The allocators every contract test runs on: all registered {@link AllocatorSpec.Kind#RESEARCH} allocators. */
final class ResearchAllocators {

    /** Loaded once: the registry is immutable. */
    static final AllocatorRegistry REGISTRY = AllocatorRegistry.load();

    private ResearchAllocators() {
    }

    /** {@return the names of every registered research allocator, for {@code @MethodSource}} */
    static Stream<String> names() {
        return REGISTRY.ofKind(AllocatorSpec.Kind.RESEARCH).stream().map(AllocatorSpec::name);
    }

    /**
     * {@return the spec registered under {@code name}}
     *
     * @param name a research allocator's name
     */
    static AllocatorSpec spec(String name) {
        return REGISTRY.get(name);
    }
}
