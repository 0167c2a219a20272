package io.heaplab.alloc;

/**
 * One step of a generated allocation sequence, replayed by {@link ShadowHeap#apply}.
 *
 * <p>Steps name live blocks by a <em>pick</em> rather than by address so that every sequence stays meaningful when
 * QuickTheories shrinks it: {@code #k} means live block {@code k mod n} of the {@code n} live blocks, oldest first
 * (zero-size blocks included). With no live block a pick step is skipped. In LIFO mode every pick means the most
 * recently created live block.
 *
 * @implSpec Immutable records; {@code toString} is the compact form printed in a shrunk counterexample.
 */
sealed interface AllocOp {

    /**
     * {@code allocate(byteSize, byteAlignment)}.
     *
     * @param byteSize      requested size in bytes, 0 for a zero-size block
     * @param byteAlignment requested alignment in bytes, a power of two
     */
    record Allocate(long byteSize, long byteAlignment) implements AllocOp {
        @Override
        public String toString() {
            return "alloc(" + byteSize + ", align " + byteAlignment + ")";
        }
    }

    /**
     * {@code deallocate} of the picked live block with the size it was last requested with.
     *
     * @param pick which live block (see the interface doc)
     */
    record Deallocate(int pick) implements AllocOp {
        @Override
        public String toString() {
            return "free(#" + pick + ")";
        }
    }

    /**
     * {@code reallocate} of the picked live block to a new size.
     *
     * @param pick        which live block (see the interface doc)
     * @param newByteSize the new size in bytes, 0 to free
     */
    record Reallocate(int pick, long newByteSize) implements AllocOp {
        @Override
        public String toString() {
            return "realloc(#" + pick + ", " + newByteSize + ")";
        }
    }
}
