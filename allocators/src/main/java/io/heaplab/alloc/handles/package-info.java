/**
 * Rust's owning containers — {@code Vec}, {@code String}, {@code Box}, {@code Rc}/{@code Weak} — on top of any heaplab
 * {@link io.heaplab.alloc.Allocator}, so that each allocator can be watched serving a Rust-style program.
 *
 * <h2>Variants</h2>
 * <table class="striped">
 *   <caption>Handles and the Rust types they reproduce (Rust 1.95; rules in rust-rules.md §2–§6)</caption>
 *   <thead><tr><th>heaplab</th><th>Rust</th><th>memory</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link io.heaplab.alloc.handles.ByteVec}, {@link io.heaplab.alloc.handles.IntVec},
 *       {@link io.heaplab.alloc.handles.LongVec}, {@link io.heaplab.alloc.handles.DoubleVec}</td>
 *       <td>{@code Vec<u8>}, {@code Vec<i32>}, {@code Vec<i64>}, {@code Vec<f64>}</td>
 *       <td>one block of {@code capacity * size} bytes; values read and written in place, never boxed</td></tr>
 *   <tr><td>{@link io.heaplab.alloc.handles.Vec}{@code <T>} over an {@link io.heaplab.alloc.handles.ElementCodec}</td>
 *       <td>{@code Vec<T>} for structs, zero-size types and types with drop glue</td><td>the same</td></tr>
 *   <tr><td>{@link io.heaplab.alloc.handles.RustString}</td><td>{@code String}</td>
 *       <td>a {@code Vec<u8>} of valid UTF-8</td></tr>
 *   <tr><td>{@link io.heaplab.alloc.handles.Box}</td><td>{@code Box<T>}</td>
 *       <td>one block of {@code Layout::new::<T>()}; none for a zero-size {@code T}</td></tr>
 *   <tr><td>{@link io.heaplab.alloc.handles.Rc}, {@link io.heaplab.alloc.handles.Weak}</td>
 *       <td>{@code Rc<T>}, {@code Weak<T>}</td>
 *       <td>one block: strong count, weak count, value ({@code RcInner})</td></tr>
 *   </tbody>
 * </table>
 * All vectors share one core, {@link io.heaplab.alloc.handles.AbstractVec} over a {@code RawVec}: pointer, capacity,
 * element layout, Rust's growth policy and the allocation accounting. The typed classes only read and write values.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * try (Allocator heap = AllocatorRegistry.load().get("bump").create(1 << 20);
 *      IntVec v = IntVec.newIn(heap)) {            // capacity 0, nothing allocated, address 0x4
 *     for (int i = 0; i < 1000; i++) {
 *         v.push(i);                                // capacity 4, 8, 16, ..., 1024
 *     }
 *     v.stats();    // allocations 1 (16 B), reallocations 8 (in place on bump), bytesPreserved 4080
 * }                 // close = drop: one free
 * }</pre>
 *
 * <h2>How Rust maps to Java here</h2>
 * <ul>
 *   <li>A panic is a {@link io.heaplab.alloc.handles.PanicException} whose message is Rust's panic text, verbatim
 *       ({@code index out of bounds: the len is 3 but the index is 5}); every check runs before anything changes,
 *       and never touches bytes outside the handle's own elements.</li>
 *   <li>An allocation failure, where Rust aborts with {@code memory allocation of N bytes failed}, is an
 *       {@link io.heaplab.alloc.handles.AllocationFailedException} with that message; the handle is unchanged and
 *       usable. {@code try_reserve} reports a checked {@link io.heaplab.alloc.handles.TryReserveException}.</li>
 *   <li>{@code Drop} is {@code close()}: use try-with-resources as the scope. Moves ({@code moveTo},
 *       {@code into...}, {@code leak}) hand ownership to a new handle. Use after a move or a drop, and a second
 *       drop, throw an {@link io.heaplab.alloc.handles.OwnershipException} naming the handle and the operation
 *       with a {@link io.heaplab.alloc.checked.MisuseKind} and the block it owned, as the checked layer reports
 *       allocator misuse ({@code use of moved value: Vec@1f (block 0x40, 16 B, align 4) in push},
 *       {@code double drop of Box@2a (block 0x60, 8 B, align 8)}). Closing a moved-from handle
 *       does nothing, as a moved-from Rust variable is not dropped.</li>
 *   <li>{@code None} is an empty {@code Optional}/{@code OptionalInt}; {@code &mut T} of {@code Rc::get_mut} is the
 *       value's address; {@code usize} values are {@code long}s compared unsigned, so {@code -1} is
 *       {@code usize::MAX} (the capacity of a zero-size-element vector, the address of {@code Weak::new()}).</li>
 *   <li>Rust's {@code size_of::<Box<T>>() == 8} (B6) has no counterpart: a handle is a Java object outside the
 *       heap; only the blocks it owns are in the allocator.</li>
 * </ul>
 *
 * <h2>Accounting</h2>
 * Every handle counts what it asked of its allocator ({@link io.heaplab.alloc.handles.HandleStats}): allocations,
 * reallocations in place and moved, bytes copied by moves, bytes preserved by all reallocations, frees. The counts
 * follow the memory through moves and stay readable after {@code close()}. The allocator keeps its own
 * {@link io.heaplab.alloc.AllocatorStats}, and the two agree when one handle is the allocator's only user. Rust
 * 1.95's numbers are reproduced exactly: {@code Vec<i32>::new()} + 1000 pushes is 1 allocation of 16 bytes,
 * 8 reallocations, 4080 bytes preserved and 1 free; {@code with_capacity(1000)} is 1 allocation of 4000 bytes.
 * {@link io.heaplab.alloc.handles.CapacityLesson} runs that comparison for {@code heaplab teach capacity}.
 *
 * <h2>Threading</h2>
 * None: handles, like allocators, are used by one thread at a time.
 *
 * <h2>Cost and footprint</h2>
 * Element access is one bounds check and one {@code MemorySegment} access; {@code push}, {@code get}, {@code set},
 * {@code insert}, {@code remove} and growth allocate nothing on the Java heap in the primitive vectors
 * ({@code pop} returns an {@code OptionalInt}, Rust's {@code Option}; the generic {@code Vec<T>} boxes whatever its
 * codec returns). The Java-side cost of a handle is
 * one small object plus, for vectors, one {@code RawVec}; the heap-side footprint is exactly Rust's: the buffer,
 * or the {@code Rc} block with its 16-byte header.
 */
package io.heaplab.alloc.handles;
