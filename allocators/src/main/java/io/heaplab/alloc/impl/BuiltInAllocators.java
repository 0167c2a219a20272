package io.heaplab.alloc.impl;

import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.AllocatorSpec.Kind;
import io.heaplab.alloc.spi.AllocatorProvider;

import java.util.List;

/** Registers heaplab's own research allocators; each named allocator is a one-line composition. */
public final class BuiltInAllocators implements AllocatorProvider {

    @Override
    public List<AllocatorSpec> allocators() {
        return List.of(
            new AllocatorSpec("bump", "pointer bump; frees only the most recent block (LIFO) or everything at reset",
                Kind.RESEARCH, heap -> new BumpAllocator("bump", heap))
        );
    }
}
