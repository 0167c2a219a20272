/**
 * Misuse detection for any allocator: {@link io.heaplab.alloc.checked.CheckedAllocator} wraps an
 * {@link io.heaplab.alloc.Allocator} and checks every call.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (Allocator heap = CheckedAllocator.wrap(AllocatorRegistry.load().get("freelist-best").create(1 << 20),
 *                                             CheckConfig.of(CheckLevel.CHEAP, ErrorMode.THROW))) {
 *     long p = heap.allocate(48, 8);                  // a tagged address: generation in bits 48..62
 *     heap.memory().set(JAVA_LONG, TaggedAddress.untag(p), 42);
 *     heap.deallocate(p, 48, 8);
 *     heap.deallocate(p, 48, 8);                      // MisuseException: double free of 0x0 (48 B, align 8) at op 2;
 * }                                                   //   allocated at op 0, freed at op 1
 * }</pre>
 *
 * <h2>Variants</h2> {@link io.heaplab.alloc.checked.CheckLevel}: OFF (the inner allocator itself), CHEAP (O(1) per
 * call: double free, free after reuse, invalid / interior / misaligned free, wrong layout, wrong thread, leaks),
 * FULL (adds poison + quarantine for writes after free, redzone canaries for overflows, sites in every report).
 * {@link io.heaplab.alloc.checked.ErrorMode}: THROW, RECORD (count, keep, ignore the misused call), ABORT.
 *
 * <h2>Threading</h2> Allocators are single-threaded. Two threads using one allocator corrupt it (overlapping live
 * blocks within milliseconds); the checked layer binds the allocator to the first thread that calls it and reports
 * any call from another thread as {@link io.heaplab.alloc.checked.MisuseKind#WRONG_THREAD}, leaving the allocator
 * untouched.
 *
 * <h2>Cost and footprint</h2> Metadata is out of band: one record of 36 bytes per distinct block address in
 * primitive arrays. FULL adds {@link io.heaplab.alloc.checked.CheckConfig#redzoneBytes()} per block in the heap and
 * holds up to {@link io.heaplab.alloc.checked.CheckConfig#quarantineBytes()} of freed blocks back from reuse.
 * {@code heaplab detect} measures the throughput cost of each level.
 */
package io.heaplab.alloc.checked;
