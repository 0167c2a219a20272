package io.heaplab.alloc;

import java.lang.foreign.MemorySegment;

/**
 * A heap allocator: hands out and takes back blocks of memory described by a {@link Layout}, modelled on Rust's
 * {@code core::alloc::Allocator} and {@code GlobalAlloc}.
 *
 * <h2>Terms used by every method</h2>
 * <dl>
 *   <dt>block address</dt>
 *   <dd>A {@code long} naming the first byte of a block as a byte offset into {@link #memory()}. For heaplab's
 *       research allocators {@code memory()} is the heap segment, so addresses are offsets from the heap's first
 *       byte ({@code 0 <= address < heapBytes()}). For native allocators (glibc, jemalloc, mimalloc) {@code memory()}
 *       spans the whole address space, so addresses are absolute. Either way
 *       {@code memory().get(ValueLayout.JAVA_BYTE, address)} reads the block's first byte.</dd>
 *   <dt>live block</dt>
 *   <dd>A block returned by {@link #allocate} or {@link #reallocate} and not since passed to {@link #deallocate},
 *       moved by a successful {@link #reallocate}, or released by {@link #reset()}.</dd>
 *   <dt>fits</dt>
 *   <dd>A layout fits a live block when its alignment equals the alignment it was allocated with and its size lies
 *       between the size most recently requested for it and its {@linkplain #usableSize usable size} (Rust's
 *       "memory fitting"). {@code deallocate}, {@code reallocate} and {@code usableSize} require a fitting layout:
 *       research allocators may be headerless and derive the block's extent from it. Any fitting size frees the
 *       same memory, but statistics of <em>requested</em> bytes can only count the size given: pass the size
 *       most recently requested (Rust's {@code GlobalAlloc} rule) to keep them exact.</dd>
 *   <dt>zero-size block</dt>
 *   <dd>A request of size 0 uses no memory and returns the layout's dangling address, its alignment (Rust's
 *       {@code dangling_ptr}); deallocating it does nothing. It is not counted in the {@linkplain #stats statistics}.</dd>
 *   <dt>allocation failure</dt>
 *   <dd>When no block can be found (the heap is exhausted or too fragmented) {@code allocate} and {@code reallocate}
 *       return {@link #FAILED}. This is a normal outcome, not an exception: it is counted in
 *       {@link AllocatorStats#failedAllocations()}, the allocator stays consistent, every live block stays valid,
 *       and later requests may succeed once blocks are freed.</dd>
 * </dl>
 *
 * <h2>Invariants every implementation keeps (checked by the shared contract test)</h2>
 * <ol>
 *   <li>No two live blocks overlap, and every live block lies inside {@link #memory()}.</li>
 *   <li>Every block address is a multiple of the requested alignment.</li>
 *   <li>Bytes written to a live block are unchanged by operations on other blocks, and {@code reallocate}
 *       preserves the first {@code min(oldSize, newSize)} bytes.</li>
 *   <li>The statistics equal what a shadow model of the calls computes.</li>
 *   <li>After every block is freed and {@link #trim()}, a {@code reset()} heap and a fully freed heap are
 *       indistinguishable where the design allows (all free memory coalesced).</li>
 * </ol>
 *
 * @implSpec Implementations are not thread-safe: one thread uses an allocator at a time (two threads calling one
 * allocator corrupt it within milliseconds: overlapping live blocks, misaligned addresses; wrap it in
 * {@link io.heaplab.alloc.checked.CheckedAllocator} to turn a call from a second thread into a clear
 * {@link io.heaplab.alloc.checked.MisuseKind#WRONG_THREAD} report). Methods taking primitive
 * sizes are the hot path and allocate nothing on the Java heap; the {@link Layout} overloads are conveniences.
 * Misuse that Rust calls undefined behaviour (freeing a block twice, freeing with a layout that does not fit) is not
 * detected by the research allocators: like Rust's {@code GlobalAlloc} implementations, they trust the caller;
 * {@link io.heaplab.alloc.checked.CheckedAllocator} detects it for any allocator.
 */
public interface Allocator extends AutoCloseable {

    /** The block address returned when an allocation fails. Never a valid block address. */
    long FAILED = -1L;

    /** {@return the registered name of this allocator, e.g. {@code freelist-best}} */
    String name();

    /** {@return the segment that block addresses are offsets into} See "block address" above. */
    MemorySegment memory();

    /** {@return the capacity of the heap in bytes, or -1 for a native allocator whose heap has no fixed size} */
    long heapBytes();

    /**
     * Allocates a block of at least {@code byteSize} bytes aligned to {@code byteAlignment}.
     *
     * @param byteSize      requested size in bytes; 0 gives a zero-size block
     * @param byteAlignment requested alignment in bytes, a power of two
     * @return the block address, or {@link #FAILED} if no block could be found
     * @throws LayoutException if {@code (byteSize, byteAlignment)} is not a valid {@link Layout}
     */
    long allocate(long byteSize, long byteAlignment);

    /**
     * Allocates a block for {@code layout}.
     *
     * @param layout the requested layout
     * @return the block address, or {@link #FAILED} if no block could be found
     */
    default long allocate(Layout layout) {
        return allocate(layout.byteSize(), layout.byteAlignment());
    }

    /**
     * Frees a live block.
     *
     * @param address       the block address
     * @param byteSize      a size that fits the block (see "fits")
     * @param byteAlignment the alignment the block was allocated with
     * @throws LayoutException if {@code (byteSize, byteAlignment)} is not a valid {@link Layout}
     */
    void deallocate(long address, long byteSize, long byteAlignment);

    /**
     * Frees a live block.
     *
     * @param address the block address
     * @param layout  a layout that fits the block
     */
    default void deallocate(long address, Layout layout) {
        deallocate(address, layout.byteSize(), layout.byteAlignment());
    }

    /**
     * Resizes a live block to {@code newByteSize} bytes, keeping its alignment: in place when the allocator can
     * (counted in {@link AllocatorStats#reallocationsInPlace()}), otherwise by allocating a new block, copying
     * {@code min(old, new)} bytes and freeing the old one ({@link AllocatorStats#reallocationsMoved()}).
     * Growing a zero-size block allocates; shrinking to 0 frees and returns the dangling address.
     *
     * @param address       the block address
     * @param oldByteSize   a size that fits the block
     * @param byteAlignment the alignment the block was allocated with
     * @param newByteSize   the new size in bytes
     * @return the (possibly unchanged) block address, or {@link #FAILED}, in which case the old block is still live
     *         and unchanged
     * @throws LayoutException if either size with {@code byteAlignment} is not a valid {@link Layout}
     */
    long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize);

    /**
     * Resizes a live block; see {@link #reallocate(long, long, long, long)}.
     *
     * @param address     the block address
     * @param oldLayout   a layout that fits the block
     * @param newByteSize the new size in bytes
     * @return the block address, or {@link #FAILED} (the old block is then unchanged)
     * @throws LayoutException if {@code newByteSize} with the old alignment is not a valid {@link Layout}
     */
    default long reallocate(long address, Layout oldLayout, long newByteSize) {
        return reallocate(address, oldLayout.byteSize(), oldLayout.byteAlignment(), newByteSize);
    }

    /**
     * {@return the number of bytes the block can hold, at least the requested size} (glibc's
     * {@code malloc_usable_size}); 0 for a zero-size block.
     *
     * @param address       the block address
     * @param byteSize      a size that fits the block
     * @param byteAlignment the alignment the block was allocated with
     */
    long usableSize(long address, long byteSize, long byteAlignment);

    /**
     * {@return a snapshot of this allocator's statistics}
     *
     * @implNote May walk the allocator's free structures to compute free bytes and the largest free block;
     * not meant for the hot path.
     */
    AllocatorStats stats();

    /**
     * Returns memory that the allocator keeps for reuse without a live block in it (empty slabs kept so that an
     * alloc/free loop does not thrash) to where it came from, as glibc's {@code malloc_trim} and mimalloc's
     * {@code mi_collect} do. Blocks and statistics are untouched. Once every block is freed, a trimmed allocator places
     * blocks exactly as a fresh one does. The default does nothing: most allocators retain nothing.
     */
    default void trim() {
    }

    /**
     * Frees every block at once and returns the allocator to its freshly constructed state, statistics included.
     *
     * @throws UnsupportedOperationException if the allocator cannot release all blocks (a native allocator)
     */
    void reset();

    /**
     * Releases the heap. Every block address becomes invalid and the allocator must not be used again.
     * Closing twice has no further effect.
     */
    @Override
    void close();
}
