package io.heaplab.alloc.spi;

import io.heaplab.alloc.AllocatorSpec;

import java.util.List;

/**
 * The service interface through which allocators join the {@link io.heaplab.alloc.AllocatorRegistry}.
 *
 * <p>To add an allocator, implement this interface, list the class in
 * {@code META-INF/services/io.heaplab.alloc.spi.AllocatorProvider} and put the jar on heaplab's class path.
 * heaplab's own allocators are registered the same way.
 */
public interface AllocatorProvider {

    /** {@return the allocators this provider contributes, in the order {@code heaplab list} shows them} */
    List<AllocatorSpec> allocators();
}
