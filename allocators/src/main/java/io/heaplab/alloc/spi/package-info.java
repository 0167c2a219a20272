/**
 * What an allocator implementation needs: the {@link io.heaplab.alloc.spi.AllocatorProvider} service interface,
 * the {@link io.heaplab.alloc.spi.StatsCounter} that makes statistics mean the same everywhere, and the
 * {@link io.heaplab.alloc.spi.HeapSegment} that supplies a lazily committed, 2 MiB-aligned heap.
 */
package io.heaplab.alloc.spi;
