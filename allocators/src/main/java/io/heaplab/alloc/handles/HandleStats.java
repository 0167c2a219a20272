package io.heaplab.alloc.handles;

/**
 * What one handle asked of its allocator, counted as Rust's {@code #[global_allocator]} wrapper counts calls.
 *
 * <p>Example (Rust 1.95, verified): {@code Vec<i32>::new()} and 1000 pushes, then drop, gives
 * {@code allocations 1 (16 bytes), reallocations 8, bytesPreserved 4080, frees 1}; {@code with_capacity(1000)} gives
 * {@code allocations 1 (4000 bytes), reallocations 0}. Zero-size requests are never made, so never counted.
 *
 * @param allocations          fresh blocks obtained with {@code allocate}
 * @param reallocationsInPlace {@code reallocate} calls that kept the block address
 * @param reallocationsMoved   {@code reallocate} calls that moved the block
 * @param bytesCopied          bytes the allocator copied because a reallocation moved the block
 *                             ({@code min(old, new)} per move); in-place reallocations copy nothing
 * @param bytesPreserved       bytes a reallocation had to keep, moved or not ({@code min(old, new)} per call):
 *                             what Rust's {@code realloc} contract preserves, independent of the allocator
 * @param frees                blocks given back with {@code deallocate}
 * @param allocatedBytes       sum of the sizes requested by {@code allocate} calls
 */
public record HandleStats(long allocations, long reallocationsInPlace, long reallocationsMoved, long bytesCopied,
                          long bytesPreserved, long frees, long allocatedBytes) {

    /** {@return all reallocations, in place and moved} */
    public long reallocations() {
        return reallocationsInPlace + reallocationsMoved;
    }
}
