package io.heaplab.alloc.handles;

/**
 * The test's own statement of Rust 1.95's capacity rules (rust-rules.md G2–G4, G9), written independently of
 * {@link RawVec}: the model tests compare every capacity against it.
 */
final class CapacityModel {

    private final long minNonZeroCap;
    long capacity;

    CapacityModel(long elementBytes, long initialCapacity) {
        this.minNonZeroCap = elementBytes == 1 ? 8 : elementBytes <= 1024 ? 4 : 1;
        this.capacity = initialCapacity;
    }

    /** G2/G3: {@code push}, {@code insert}, {@code reserve}, {@code extend_from_slice}, {@code append}. */
    void reserve(long len, long additional) {
        if (additional > capacity - len) {
            capacity = Math.max(minNonZeroCap, Math.max(2 * capacity, len + additional));
        }
    }

    /** G4. */
    void reserveExact(long len, long additional) {
        if (additional > capacity - len) {
            capacity = len + additional;
        }
    }

    /** G9. */
    void shrinkTo(long len, long minCapacity) {
        if (capacity > minCapacity) {
            capacity = Math.max(len, minCapacity);
        }
    }
}
