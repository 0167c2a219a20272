package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;

/**
 * Rust's {@code Vec<T>} on a heaplab {@link Allocator}: everything that does not depend on the element type.
 * The typed views ({@link ByteVec}, {@link IntVec}, {@link LongVec}, {@link DoubleVec}, and {@link Vec} over an
 * {@link ElementCodec}) add only reading and writing of values.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Capacity follows Rust 1.95 exactly (rust-rules.md G1–G11; see {@link RawVec}): {@code new} allocates
 *       nothing, {@code withCapacity(n)} allocates exactly {@code n} elements, growth is amortized doubling with a
 *       minimum of 8/4/1 elements, {@code reserveExact} adds no slack, and {@code truncate}, {@code clear},
 *       {@code drain}, {@code retain}, {@code dedup}, {@code remove}, {@code pop} and {@code splitOff} never change
 *       the capacity.</li>
 *   <li>Every access is checked against this vector's own length, so it never reads or writes a neighbour's bytes;
 *       failed checks throw {@link PanicException} with Rust's panic text and change nothing.</li>
 *   <li>Growth goes through {@link Allocator#reallocate}, so allocators that can grow in place do; the handle's
 *       {@link #stats()} says which.</li>
 *   <li>A failed allocation throws {@link AllocationFailedException} and leaves the vector unchanged.</li>
 * </ul>
 * <h2>Non-guarantees</h2>
 * <ul>
 *   <li>Elements are plain bytes in the allocator's memory, in native byte order; a {@link #slice} view is valid
 *       only until the next operation that may reallocate.</li>
 *   <li>Lengths, indexes and capacities are Rust {@code usize} values in {@code long}s: a negative argument stands for
 *       a value above {@code isize::MAX} and is rejected as Rust rejects it.</li>
 * </ul>
 *
 * @param <V> the concrete vector type, returned by {@link #splitOff}, {@link #moveTo} and {@link #clone}
 */
public abstract sealed class AbstractVec<V extends AbstractVec<V>> extends Handle
    permits ByteVec, IntVec, LongVec, DoubleVec, Vec {

    /** Returned by {@link #popSlot} for an empty vector. */
    static final long NONE = -1;

    /** Owned buffer; handed to the new handle on a move. */
    final RawVec buf;
    /** The allocator's memory, which element addresses index. */
    final MemorySegment memory;
    /** Number of initialised elements; {@code len <= capacity} (unsigned). */
    long len;

    AbstractVec(RawVec buf, long len) {
        super("Vec");
        this.buf = buf;
        this.memory = buf.memory;
        this.len = len;
    }

    /**
     * {@return a new live handle of the concrete type over {@code buf}}
     *
     * @param raw    the buffer, now owned by the new handle
     * @param length its number of initialised elements
     */
    abstract V wrap(RawVec raw, long length);

    /**
     * Drops elements {@code [from, to)} in order (Rust's drop glue); a no-op for plain-data element types.
     *
     * @param from first index, inclusive
     * @param to   last index, exclusive
     */
    void dropElements(long from, long to) {
    }

    /** {@return the number of elements} Rust's {@code len()}. */
    public final long len() {
        checkLive("len");
        return len;
    }

    /** {@return whether there are no elements} */
    public final boolean isEmpty() {
        return len() == 0;
    }

    /** {@return the capacity in elements; -1 ({@code usize::MAX}) for zero-size elements} Rust's {@code capacity()}. */
    public final long capacity() {
        checkLive("capacity");
        return buf.capacity;
    }

    /** {@return the layout of one element} */
    public final Layout elementLayout() {
        return buf.elementLayout;
    }

    /** {@return the allocator this vector's memory lives in} */
    public final Allocator allocator() {
        return buf.allocator;
    }

    /**
     * {@return the block address (Rust's {@code as_ptr()}); the element alignment (dangling) while nothing is
     * allocated}
     */
    public final long address() {
        checkLive("as_ptr");
        return buf.address;
    }

    @Override
    public final HandleStats stats() {
        return buf.accounting.snapshot();
    }

    /**
     * Reserves room for at least {@code additional} more elements, with amortized growth (rust-rules.md G2, G3).
     *
     * @param additional number of elements (unsigned)
     * @throws PanicException            {@code capacity overflow} if the new capacity overflows
     * @throws AllocationFailedException if the allocator fails
     */
    public final void reserve(long additional) {
        checkLive("reserve");
        buf.reserve(len, additional);
    }

    /**
     * Reserves room for exactly {@code additional} more elements when growth is needed (G4).
     *
     * @param additional number of elements (unsigned)
     * @throws PanicException            {@code capacity overflow} if the new capacity overflows
     * @throws AllocationFailedException if the allocator fails
     */
    public final void reserveExact(long additional) {
        checkLive("reserve_exact");
        buf.reserveExact(len, additional);
    }

    /**
     * Rust's {@code try_reserve}: like {@link #reserve} but reports failure instead of panicking.
     *
     * @param additional number of elements (unsigned)
     * @throws TryReserveException if the capacity overflows or the allocator fails; the vector is unchanged
     */
    public final void tryReserve(long additional) throws TryReserveException {
        checkLive("try_reserve");
        checkTry(buf.tryReserve(len, additional, false));
    }

    /**
     * Rust's {@code try_reserve_exact}.
     *
     * @param additional number of elements (unsigned)
     * @throws TryReserveException if the capacity overflows or the allocator fails; the vector is unchanged
     */
    public final void tryReserveExact(long additional) throws TryReserveException {
        checkLive("try_reserve_exact");
        checkTry(buf.tryReserve(len, additional, true));
    }

    private static void checkTry(int status) throws TryReserveException {
        if (status != RawVec.OK) {
            throw new TryReserveException(status == RawVec.CAPACITY_OVERFLOW);
        }
    }

    /**
     * Shrinks the capacity to the length (G9): no-op when equal; frees the block when empty.
     *
     * @throws AllocationFailedException if the allocator fails to shrink the block
     */
    public final void shrinkToFit() {
        checkLive("shrink_to_fit");
        if (Long.compareUnsigned(buf.capacity, len) > 0) {
            buf.shrink(len);
        }
    }

    /**
     * Shrinks the capacity to {@code max(len, minCapacity)} if it is larger (G9).
     *
     * @param minCapacity lower bound in elements (unsigned)
     * @throws AllocationFailedException if the allocator fails to shrink the block
     */
    public final void shrinkTo(long minCapacity) {
        checkLive("shrink_to");
        if (Long.compareUnsigned(buf.capacity, minCapacity) > 0) {
            buf.shrink(Long.compareUnsigned(len, minCapacity) > 0 ? len : minCapacity);
        }
    }

    /**
     * Keeps the first {@code newLen} elements, dropping the rest in order; no-op if {@code newLen >= len}.
     * The capacity is unchanged.
     *
     * @param newLen the new length (unsigned)
     */
    public final void truncate(long newLen) {
        checkLive("truncate");
        truncateTo(newLen);
    }

    /** Drops every element; the capacity is unchanged. */
    public final void clear() {
        checkLive("clear");
        truncateTo(0);
    }

    private void truncateTo(long newLen) {
        if (Long.compareUnsigned(newLen, len) < 0) {
            long oldLen = len;
            len = newLen;
            dropElements(newLen, oldLen);
        }
    }

    /**
     * Rust's {@code set_len}: sets the length without touching memory.
     *
     * <p>Preconditions: the elements below {@code newLen} are initialised (bytes beyond the old length read as
     * whatever the block holds). Unlike Rust, the bound itself is checked, so memory outside the block is never
     * reachable.
     *
     * @param newLen the new length (unsigned), at most the capacity
     * @throws PanicException {@code assertion failed: new_len <= self.capacity()} if it exceeds the capacity
     */
    public final void setLen(long newLen) {
        checkLive("set_len");
        if (Long.compareUnsigned(newLen, buf.capacity) > 0) {
            throw new PanicException("assertion failed: new_len <= self.capacity()");
        }
        len = newLen;
    }

    /**
     * {@return a read-only view of elements {@code [from, to)}: Rust's {@code &v[from..to]}}
     * Valid until the next operation that may reallocate.
     *
     * @param from first index, inclusive
     * @param to   end index, exclusive
     * @throws PanicException {@code slice index starts at F but ends at T} if {@code from > to};
     *                        {@code range end index T out of range for slice of length L} if {@code to > len}
     */
    public final MemorySegment slice(long from, long to) {
        checkLive("index");
        checkRange(from, to);
        return memory.asSlice(buf.elementAddress(from), (to - from) * buf.elemSize).asReadOnly();
    }

    /**
     * {@return a read-only view of elements {@code [from, len)}: Rust's {@code &v[from..]}}
     *
     * @param from first index, inclusive
     * @throws PanicException {@code range start index F out of range for slice of length L} if {@code from > len}
     */
    public final MemorySegment slice(long from) {
        checkLive("index");
        if (Long.compareUnsigned(from, len) > 0) {
            throw new PanicException("range start index " + PanicException.u(from)
                + " out of range for slice of length " + PanicException.u(len));
        }
        return slice(from, len);
    }

    /** Rust's {@code slice::range} checks, in its order. */
    final void checkRange(long from, long to) {
        if (Long.compareUnsigned(from, to) > 0) {
            throw new PanicException("slice index starts at " + PanicException.u(from) + " but ends at "
                + PanicException.u(to));
        }
        if (Long.compareUnsigned(to, len) > 0) {
            throw new PanicException("range end index " + PanicException.u(to) + " out of range for slice of length "
                + PanicException.u(len));
        }
    }

    /**
     * Splits at {@code at}: this vector keeps {@code [0, at)} and its capacity; the returned vector holds
     * {@code [at, len)} in a new block of exactly that capacity (none if empty).
     *
     * @param at split index
     * @return the new vector with the tail
     * @throws PanicException            {@code `at` split index (is A) should be <= len (is L)} if {@code at > len}
     * @throws AllocationFailedException if the allocator fails (this vector is then unchanged)
     */
    public final V splitOff(long at) {
        checkLive("split_off");
        if (Long.compareUnsigned(at, len) > 0) {
            throw new PanicException("`at` split index (is " + PanicException.u(at) + ") should be <= len (is "
                + PanicException.u(len) + ")");
        }
        long otherLen = len - at;
        RawVec other = new RawVec(buf.allocator, buf.elementLayout);
        other.allocateExactly(otherLen);
        copyBytes(buf.elementAddress(at), other.address, otherLen);
        len = at;
        return wrap(other, otherLen);
    }

    /**
     * Moves every element of {@code other} to the end of this vector (amortized growth); {@code other} becomes
     * empty but keeps its capacity.
     *
     * @param other the vector to empty; may not be this vector
     * @throws OwnershipException        if either vector is not live
     * @throws IllegalArgumentException  if {@code other} is this vector (Rust's borrow checker forbids it)
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails (both vectors are then unchanged)
     */
    public final void append(V other) {
        extendFromVec(other, "append");
        other.len = 0;
    }

    /**
     * Copies every element of {@code other} to the end of this vector: Rust's {@code extend_from_slice(&other)}.
     *
     * @param other the source vector; may not be this vector
     * @throws OwnershipException        if either vector is not live
     * @throws IllegalArgumentException  if {@code other} is this vector
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails
     */
    public final void extendFromVec(V other) {
        extendFromVec(other, "extend_from_slice");
    }

    private void extendFromVec(AbstractVec<V> other, String operation) {
        checkLive(operation);
        other.checkLive(operation);
        if (other == this) {
            throw new IllegalArgumentException("cannot borrow " + handleName() + " as mutable and immutable at once");
        }
        if (other.memory != memory) {
            throw new IllegalArgumentException(other.handleName() + " lives in another allocator");
        }
        long count = other.len;
        long at = extendSlots(operation, count);
        copyBytes(other.buf.address, at, count);
    }

    /**
     * Moves ownership to a new handle (Rust's move {@code let w = v;}); this handle is then moved-from.
     *
     * @return the new owner of the same buffer
     * @throws OwnershipException if this handle is not live
     */
    public final V moveTo() {
        markMoved("move");
        return wrap(buf, len);
    }

    /**
     * {@return a copy in a new block whose capacity equals the length} Rust's {@code clone()} (G8).
     *
     * @throws AllocationFailedException if the allocator fails
     */
    @Override
    public final V clone() {
        checkLive("clone");
        RawVec copy = new RawVec(buf.allocator, buf.elementLayout);
        copy.allocateExactly(len);
        copyBytes(buf.address, copy.address, len);
        return wrap(copy, len);
    }

    /**
     * Rust's {@code into_boxed_slice}: shrinks the capacity to the length (one reallocation if they differ, none if
     * equal, B5) and moves the elements to a new handle. heaplab represents a {@code Box<[T]>} as a vector whose
     * capacity equals its length.
     *
     * @return the new owner, with {@code capacity() == len()}
     * @throws OwnershipException        if this handle is not live
     * @throws AllocationFailedException if the allocator fails to shrink the block (this vector is then unchanged)
     */
    public final V intoBoxedSlice() {
        checkLive("into_boxed_slice");
        shrinkToFit();
        return moveTo();
    }

    @Override
    final long ownedBlockAddress() {
        return buf.address;
    }

    @Override
    final long ownedBlockByteSize() {
        return buf.byteCapacity();
    }

    @Override
    final long ownedBlockAlignment() {
        return buf.elemAlign;
    }

    /** Drops the elements front to back, then frees the block. */
    @Override
    final void drop() {
        long oldLen = len;
        len = 0;
        dropElements(0, oldLen);
        buf.free();
    }

    // ---- slots: the element-type independent half of every typed operation ----

    /** {@return the address of a new last element, growing by one first if full} Rust's {@code push}. */
    final long pushSlot(String operation) {
        checkLive(operation);
        if (len == buf.capacity) {
            buf.reserve(len, 1);
        }
        return buf.elementAddress(len++);
    }

    /** {@return the address of the removed last element, or {@link #NONE} if empty} Valid until the next write. */
    final long popSlot() {
        checkLive("pop");
        return len == 0 ? NONE : buf.elementAddress(--len);
    }

    /** {@return the address of element {@code index}} Rust's {@code v[index]}. */
    final long indexSlot(String operation, long index) {
        checkLive(operation);
        if (Long.compareUnsigned(index, len) >= 0) {
            throw PanicException.indexOutOfBounds(len, index);
        }
        return buf.elementAddress(index);
    }

    /** {@return the address of a gap opened at {@code index}, shifting the tail right} Rust's {@code insert}. */
    final long insertSlot(long index) {
        return insertSlots(index, 1);
    }

    /** {@return the address of a gap of {@code count} elements opened at {@code index}} Amortized growth first. */
    final long insertSlots(long index, long count) {
        checkLive("insert");
        if (Long.compareUnsigned(index, len) > 0) {
            throw new PanicException("insertion index (is " + PanicException.u(index) + ") should be <= len (is "
                + PanicException.u(len) + ")");
        }
        buf.reserve(len, count);
        copyBytes(buf.elementAddress(index), buf.elementAddress(index + count), len - index);
        len += count;
        return buf.elementAddress(index);
    }

    /** {@return the address of element {@code index}, checked for Rust's {@code remove}} Call {@link #closeGap} next. */
    final long removeSlot(long index) {
        checkLive("remove");
        if (Long.compareUnsigned(index, len) >= 0) {
            throw new PanicException("removal index (is " + PanicException.u(index) + ") should be < len (is "
                + PanicException.u(len) + ")");
        }
        return buf.elementAddress(index);
    }

    /** Removes element {@code index} (already read) by shifting the tail left. */
    final void closeGap(long index) {
        copyBytes(buf.elementAddress(index + 1), buf.elementAddress(index), len - index - 1);
        len--;
    }

    /** {@return the address of element {@code index}, checked for Rust's {@code swap_remove}} Call {@link #fillFromLast} next. */
    final long swapRemoveSlot(long index) {
        checkLive("swap_remove");
        if (Long.compareUnsigned(index, len) >= 0) {
            throw new PanicException("swap_remove index (is " + PanicException.u(index) + ") should be < len (is "
                + PanicException.u(len) + ")");
        }
        return buf.elementAddress(index);
    }

    /** Removes element {@code index} (already read) by moving the last element into its place. */
    final void fillFromLast(long index) {
        len--;
        copyBytes(buf.elementAddress(len), buf.elementAddress(index), 1);
    }

    /** {@return the address where {@code count} new elements go, after reserving them and raising the length} */
    final long extendSlots(String operation, long count) {
        checkLive(operation);
        buf.reserve(len, count);
        long at = buf.elementAddress(len);
        len += count;
        return at;
    }

    /** {@return the address of element {@code from}, after Rust's {@code drain} range checks} Call {@link #removeRange} next. */
    final long drainSlot(long from, long to) {
        checkLive("drain");
        checkRange(from, to);
        return buf.elementAddress(from);
    }

    /** Removes elements {@code [from, to)} (already moved out) by shifting the tail left. */
    final void removeRange(long from, long to) {
        copyBytes(buf.elementAddress(to), buf.elementAddress(from), len - to);
        len -= to - from;
    }

    /** Tests the element at an address. */
    @FunctionalInterface
    interface SlotPredicate {
        boolean test(long address);
    }

    /** Compares the elements at two addresses. */
    @FunctionalInterface
    interface SlotEquality {
        boolean same(long first, long second);
    }

    /** Rust's {@code retain}: keeps, in order, the elements {@code keep} accepts; drops the rest in order. */
    final void retainSlots(SlotPredicate keep) {
        checkLive("retain");
        long kept = 0;
        for (long i = 0; i < len; i++) {
            if (keep.test(buf.elementAddress(i))) {
                copyBytes(buf.elementAddress(i), buf.elementAddress(kept), kept == i ? 0 : 1);
                kept++;
            } else {
                dropElements(i, i + 1);
            }
        }
        len = kept;
    }

    /** Rust's {@code dedup_by}: removes consecutive elements equal to the last kept one, dropping them. */
    final void dedupSlots(SlotEquality same) {
        checkLive("dedup");
        if (len < 2) {
            return;
        }
        long kept = 1;
        for (long i = 1; i < len; i++) {
            if (same.same(buf.elementAddress(kept - 1), buf.elementAddress(i))) {
                dropElements(i, i + 1);
            } else {
                copyBytes(buf.elementAddress(i), buf.elementAddress(kept), kept == i ? 0 : 1);
                kept++;
            }
        }
        len = kept;
    }

    /** Byte-wise equality of two elements: {@code ==} for integers. */
    final boolean sameBytes(long first, long second) {
        long size = buf.elemSize;
        return MemorySegment.mismatch(memory, first, first + size, memory, second, second + size) == -1;
    }

    /** Copies {@code count} elements (overlap allowed). */
    final void copyBytes(long fromAddress, long toAddress, long count) {
        if (count != 0 && buf.elemSize != 0) {
            MemorySegment.copy(memory, fromAddress, memory, toAddress, count * buf.elemSize);
        }
    }

    /** {@return {@code len} as an array length} */
    final int arrayLength(long count) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(handleName() + " has " + count + " elements, too many for a Java array");
        }
        return (int) count;
    }
}
