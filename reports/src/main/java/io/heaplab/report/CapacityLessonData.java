package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * The figures of one {@code heaplab teach capacity} run (the same pushes into a Rust {@code Vec} grown three ways,
 * on each allocator), as the reports module draws them; filled by the harness from its lesson runs.
 *
 * @param element      the Rust element type, e.g. {@code i32}
 * @param elementBytes its size in bytes
 * @param pushes       pushes per run (n)
 * @param heapBytes    the heap each run had
 * @param neighbours   whether a live 16-byte block was allocated after every push
 * @param rows         one row per (allocator, case), in display order
 * @implSpec Immutable.
 */
public record CapacityLessonData(String element, long elementBytes, long pushes, long heapBytes, boolean neighbours,
                                 List<Row> rows) {

    /**
     * One (allocator, case) run.
     *
     * @param allocator            the allocator
     * @param caseKey              {@code new}, {@code with_capacity} or {@code reserve_exact_1}
     * @param rust                 the Rust code the case runs, e.g. {@code Vec::new() + n x push}
     * @param allocations          allocate calls
     * @param reallocationsInPlace reallocate calls that kept the address
     * @param reallocationsMoved   reallocate calls that moved the block
     * @param bytesCopied          bytes the allocator copied for moving reallocations
     * @param bytesPreserved       bytes the reallocations had to keep (Rust's contract, whatever the allocator)
     * @param frees                deallocate calls
     * @param finalCapacity        the Vec's capacity at the end (unsigned: -1 is {@code usize::MAX})
     * @param peakFootprintBytes   the allocator's heap high-water mark, or -1 when not observable
     * @param elapsedNanos         wall time of the pushes and the drop (fastest run)
     * @param failure              why the run stopped, or empty
     * @implSpec Immutable.
     */
    public record Row(String allocator, String caseKey, String rust, long allocations, long reallocationsInPlace,
                      long reallocationsMoved, long bytesCopied, long bytesPreserved, long frees, long finalCapacity,
                      long peakFootprintBytes, long elapsedNanos, String failure) {

        /** Checks for nulls. */
        public Row {
            Objects.requireNonNull(allocator, "allocator");
            Objects.requireNonNull(caseKey, "caseKey");
            Objects.requireNonNull(rust, "rust");
            Objects.requireNonNull(failure, "failure");
        }

        /** {@return all reallocations} */
        public long reallocations() {
            return reallocationsInPlace + reallocationsMoved;
        }
    }

    /** Checks for nulls and copies the rows. */
    public CapacityLessonData {
        Objects.requireNonNull(element, "element");
        rows = List.copyOf(rows);
    }
}
