package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;

/**
 * The buffer behind every vector and string: Rust 1.95's {@code RawVec} — a block address, a capacity in elements
 * and the element layout — plus the growth policy and the {@link Accounting} of what it asked of the allocator.
 *
 * <h2>Representation</h2>
 * <pre>
 *   address ─▶ | e0 | e1 | ... | e(len-1) | .. spare .. |      capacity * elemSize bytes, one live block
 *   capacity 0: no block; address = elemAlign (Rust's dangling pointer, Z2)
 *   zero-size elements: capacity = usize::MAX (held as -1L), address = elemAlign, never a block (G11, Z4)
 * </pre>
 * Capacities, lengths and counts are Rust {@code usize} values held in {@code long}s and compared unsigned, so a
 * negative {@code long} argument means a value above {@code isize::MAX} (e.g. {@code -1} is {@code usize::MAX}).
 *
 * <h2>Growth (rust-rules.md G1–G6, G9)</h2>
 * <ol>
 *   <li>Growth happens only when {@code additional > capacity - len} (G3).</li>
 *   <li>Amortized: {@code required = len + additional} (overflow: capacity overflow);
 *       {@code newCap = max(minNonZeroCap, max(2 * capacity, required))} (G2). Exact: {@code newCap = required} (G4).</li>
 *   <li>{@code newCap * elemSize > isize::MAX + 1 - elemAlign}: capacity overflow (G5).</li>
 *   <li>From capacity 0 the block is allocated; otherwise reallocated, so an allocator that can grow in place does
 *       (G6). If the allocator fails, {@link AllocationFailedException} and nothing changes.</li>
 *   <li>Shrinking to 0 frees the block and the address becomes dangling again; otherwise it reallocates down (G9).</li>
 * </ol>
 * Internal growth methods return a status ({@link #OK}, {@link #CAPACITY_OVERFLOW}, {@link #ALLOC_FAILED}) rather
 * than throwing, so {@code try_reserve} and the panicking variants share them.
 *
 * @implSpec Not thread-safe. Allocates nothing on the Java heap except the exceptions it throws.
 */
final class RawVec {

    static final int OK = 0;
    static final int CAPACITY_OVERFLOW = 1;
    static final int ALLOC_FAILED = 2;

    final Allocator allocator;
    final MemorySegment memory;
    final Layout elementLayout;
    final long elemSize;
    final long elemAlign;
    /** Rust's {@code min_non_zero_cap} (G1): 8 for 1-byte elements (a heap block under 8 bytes is rarely cheaper), 4 up to 1 KiB, else 1. */
    final long minNonZeroCap;
    /** The largest capacity whose byte size passes Rust's {@code Layout::array} check (R5). */
    private final long maxCapacity;
    final Accounting accounting = new Accounting();

    /** The block address; {@code elemAlign} (dangling) while {@code capacity == 0} or for zero-size elements. */
    long address;
    /** In elements; -1 ({@code usize::MAX}) for zero-size elements. */
    long capacity;
    /** The byte size of the request that failed last with {@link #ALLOC_FAILED}. */
    private long failedByteSize;

    RawVec(Allocator allocator, Layout elementLayout) {
        this.allocator = allocator;
        this.memory = allocator.memory();
        this.elementLayout = elementLayout;
        this.elemSize = elementLayout.byteSize();
        this.elemAlign = elementLayout.byteAlignment();
        this.minNonZeroCap = elemSize == 1 ? 8 : elemSize <= 1024 ? 4 : 1;
        this.maxCapacity = elemSize == 0 ? -1 : (Long.MAX_VALUE - elemAlign + 1) / elemSize;
        this.address = elemAlign;
        this.capacity = elemSize == 0 ? -1 : 0;
    }

    /**
     * Allocates exactly {@code capacity} elements (G8); 0 or zero-size elements allocate nothing.
     *
     * @throws PanicException            {@code capacity overflow} if the byte size is not a valid layout
     * @throws AllocationFailedException if the allocator fails
     */
    void allocateExactly(long elements) {
        assert capacity == 0 || elemSize == 0 : "allocateExactly on a buffer with capacity " + capacity;
        if (elemSize == 0 || elements == 0) {
            return;
        }
        throwIfFailed(resize(elements));
    }

    /** {@return the address of element {@code index}} Precondition: {@code index <= capacity}. */
    long elementAddress(long index) {
        return address + index * elemSize;
    }

    /** {@return the capacity in bytes} */
    long byteCapacity() {
        return elemSize == 0 ? 0 : capacity * elemSize;
    }

    boolean needsToGrow(long len, long additional) {
        return Long.compareUnsigned(additional, capacity - len) > 0;
    }

    /** Rust's {@code reserve}: amortized growth; throws on failure. */
    void reserve(long len, long additional) {
        if (needsToGrow(len, additional)) {
            throwIfFailed(growAmortized(len, additional));
        }
    }

    /** Rust's {@code reserve_exact}; throws on failure. */
    void reserveExact(long len, long additional) {
        if (needsToGrow(len, additional)) {
            throwIfFailed(growExact(len, additional));
        }
    }

    /** {@return a status} Rust's {@code try_reserve} / {@code try_reserve_exact} without throwing. */
    int tryReserve(long len, long additional, boolean exact) {
        if (!needsToGrow(len, additional)) {
            return OK;
        }
        return exact ? growExact(len, additional) : growAmortized(len, additional);
    }

    private int growAmortized(long len, long additional) {
        if (elemSize == 0) {
            return CAPACITY_OVERFLOW; // only reached when len + additional exceeds usize::MAX
        }
        long required = len + additional;
        if (Long.compareUnsigned(required, len) < 0) {
            return CAPACITY_OVERFLOW;
        }
        long doubled = capacity * 2; // capacity <= isize::MAX, so this never wraps as an unsigned value
        long newCap = Long.compareUnsigned(doubled, required) > 0 ? doubled : required;
        if (Long.compareUnsigned(newCap, minNonZeroCap) < 0) {
            newCap = minNonZeroCap;
        }
        return resize(newCap);
    }

    private int growExact(long len, long additional) {
        if (elemSize == 0) {
            return CAPACITY_OVERFLOW;
        }
        long required = len + additional;
        if (Long.compareUnsigned(required, len) < 0) {
            return CAPACITY_OVERFLOW;
        }
        return resize(required);
    }

    /**
     * Shrinks the buffer to {@code newCapacity} elements (Rust's {@code RawVec::shrink}); a no-op for zero-size
     * elements or an unallocated buffer. Precondition: {@code newCapacity <= capacity}.
     */
    void shrink(long newCapacity) {
        if (elemSize == 0 || capacity == 0) {
            return;
        }
        if (newCapacity == 0) {
            free();
            return;
        }
        throwIfFailed(resize(newCapacity));
    }

    /**
     * Moves the buffer to exactly {@code newCap} elements, allocating from capacity 0. Precondition: element size
     * is not zero and {@code newCap > 0}.
     */
    private int resize(long newCap) {
        if (Long.compareUnsigned(newCap, maxCapacity) > 0) {
            return CAPACITY_OVERFLOW;
        }
        long newBytes = newCap * elemSize;
        long newAddress;
        if (capacity == 0) {
            newAddress = allocator.allocate(newBytes, elemAlign);
            if (newAddress == Allocator.FAILED) {
                failedByteSize = newBytes;
                return ALLOC_FAILED;
            }
            accounting.allocated(newBytes);
        } else {
            long oldBytes = capacity * elemSize;
            newAddress = allocator.reallocate(address, oldBytes, elemAlign, newBytes);
            if (newAddress == Allocator.FAILED) {
                failedByteSize = newBytes;
                return ALLOC_FAILED;
            }
            accounting.reallocated(newAddress == address, oldBytes, newBytes);
        }
        address = newAddress;
        capacity = newCap;
        return OK;
    }

    /** Frees the block, if any; the buffer is then unallocated (capacity 0, dangling address). */
    void free() {
        if (elemSize == 0 || capacity == 0) {
            return;
        }
        allocator.deallocate(address, capacity * elemSize, elemAlign);
        accounting.freed();
        address = elemAlign;
        capacity = 0;
    }

    /** {@return the byte size of the request that last failed with {@link #ALLOC_FAILED}} */
    long failedByteSize() {
        return failedByteSize;
    }

    private void throwIfFailed(int status) {
        if (status == CAPACITY_OVERFLOW) {
            throw PanicException.capacityOverflow();
        }
        if (status == ALLOC_FAILED) {
            throw new AllocationFailedException(failedByteSize, elemAlign);
        }
    }
}
