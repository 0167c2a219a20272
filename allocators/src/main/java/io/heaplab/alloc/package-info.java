/**
 * heaplab's allocation API: {@link io.heaplab.alloc.Layout}, {@link io.heaplab.alloc.Allocator},
 * {@link io.heaplab.alloc.AllocatorStats}, and the {@link io.heaplab.alloc.AllocatorRegistry} of named allocators.
 *
 * <h2>Quick start</h2>
 * <pre>{@code
 * try (Allocator heap = AllocatorRegistry.load().get("freelist-best").create(1 << 20)) {   // 1 MiB heap
 *     Layout point = Layout.of(16, 8);
 *     long p = heap.allocate(point);                    // an offset into heap.memory(), or Allocator.FAILED
 *     heap.memory().set(ValueLayout.JAVA_LONG, p, 42);
 *     p = heap.reallocate(p, point, 64);                // grows in place when it can; contents kept
 *     heap.deallocate(p, Layout.of(64, 8));            // sized deallocation, as in Rust
 *     System.out.println(heap.stats());                 // identical statistics for every allocator
 * }
 * }</pre>
 *
 * <h2>The allocators</h2>
 * <table>
 *   <caption>Registered research allocators</caption>
 *   <tr><th>name</th><th>algorithm</th><th>metadata</th><th>cost per operation</th></tr>
 *   <tr><td>bump</td><td>pointer bump, LIFO rollback</td><td>one word</td><td>O(1)</td></tr>
 *   <tr><td>freelist-{first,next,best}[-lifo]</td><td>fit policy over address-ordered or LIFO free blocks,
 *       splitting, immediate coalescing</td><td>headerless blocks; 2 bits per 16 B granule outside the heap</td>
 *       <td>O(free blocks visited · log<sub>64</sub> n)</td></tr>
 *   <tr><td>freelist-twoended</td><td>two LIFO best-fit free lists at opposite ends of the heap: requests of at
 *       most 256 B down from the top, the rest up from the bottom</td><td>as the free lists, twice; the top one's
 *       free-block records in a shadow heap</td><td>as best fit</td></tr>
 *   <tr><td>buddy</td><td>binary buddy</td><td>one bitmap per order outside the heap</td><td>O(orders ·
 *       log<sub>64</sub> n)</td></tr>
 *   <tr><td>sizeclass-{pow2,4x}</td><td>segregated size classes in 64 KiB slabs over buddy pages</td>
 *       <td>primitive arrays per slab</td><td>O(1) for small blocks</td></tr>
 * </table>
 *
 * <h2>Threading</h2> Allocators are single-threaded; use one per thread or guard it.
 *
 * <h2>Adding an allocator</h2> Implement {@link io.heaplab.alloc.Allocator} (count with
 * {@link io.heaplab.alloc.spi.StatsCounter}, take memory from {@link io.heaplab.alloc.spi.HeapSegment}), register it
 * with an {@link io.heaplab.alloc.spi.AllocatorProvider} listed in
 * {@code META-INF/services/io.heaplab.alloc.spi.AllocatorProvider}; the shared contract test then runs over it.
 */
package io.heaplab.alloc;
