package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * Rust's {@code Vec<f64>}: a growable array of {@code double} in a heaplab allocator, read and written in place
 * (no boxing). All behaviour not about values — capacity, growth, bounds, ownership, accounting — is
 * {@link AbstractVec}'s; see there.
 */
public final class DoubleVec extends AbstractVec<DoubleVec> {

    /** {@code Layout::new::<f64>()}. */
    public static final Layout ELEMENT = Layout.of(8, 8);
    private static final ValueLayout.OfDouble VALUE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private DoubleVec(RawVec buf, long len) {
        super(buf, len);
    }

    @Override
    DoubleVec wrap(RawVec raw, long length) {
        return new DoubleVec(raw, length);
    }

    /**
     * {@return an empty vector that allocates nothing until the first push} Rust's {@code Vec::new_in}.
     *
     * @param allocator where the elements will live
     */
    public static DoubleVec newIn(Allocator allocator) {
        return new DoubleVec(new RawVec(allocator, ELEMENT), 0);
    }

    /**
     * {@return an empty vector with room for exactly {@code capacity} elements} Rust's {@code Vec::with_capacity_in}.
     *
     * @param allocator where the elements will live
     * @param capacity  number of elements (unsigned); 0 allocates nothing
     * @throws PanicException            {@code capacity overflow} if {@code capacity * 8} is not a valid size
     * @throws AllocationFailedException if the allocator fails
     */
    public static DoubleVec withCapacityIn(Allocator allocator, long capacity) {
        RawVec raw = new RawVec(allocator, ELEMENT);
        raw.allocateExactly(capacity);
        return new DoubleVec(raw, 0);
    }

    /**
     * {@return a vector holding {@code values}, with capacity equal to the length} Rust's {@code vec![...]}.
     *
     * @param allocator where the elements will live
     * @param values    the elements
     * @throws AllocationFailedException if the allocator fails
     */
    public static DoubleVec of(Allocator allocator, double... values) {
        DoubleVec vec = withCapacityIn(allocator, values.length);
        vec.extendFrom(values);
        return vec;
    }

    /**
     * Appends {@code value}, growing the capacity by amortized doubling when full.
     *
     * @param value the element
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails (the vector is unchanged)
     */
    public void push(double value) {
        memory.set(VALUE, pushSlot("push"), value);
    }

    /** {@return the removed last element, or empty if there is none} Rust's {@code pop}. */
    public OptionalDouble pop() {
        long at = popSlot();
        return at == NONE ? OptionalDouble.empty() : OptionalDouble.of(memory.get(VALUE, at));
    }

    /**
     * {@return element {@code index}} Rust's {@code v[index]}.
     *
     * @param index the index
     * @throws PanicException {@code index out of bounds: the len is L but the index is I} if {@code index >= len}
     */
    public double get(long index) {
        return memory.get(VALUE, indexSlot("index", index));
    }

    /**
     * Replaces element {@code index}: Rust's {@code v[index] = value}.
     *
     * @param index the index
     * @param value the new element
     * @throws PanicException {@code index out of bounds: the len is L but the index is I} if {@code index >= len}
     */
    public void set(long index, double value) {
        memory.set(VALUE, indexSlot("index_mut", index), value);
    }

    /**
     * Inserts {@code value} at {@code index}, shifting later elements right.
     *
     * @param index position, at most {@code len}
     * @param value the element
     * @throws PanicException            {@code insertion index (is I) should be <= len (is L)} if {@code index > len}
     * @throws AllocationFailedException if the allocator fails
     */
    public void insert(long index, double value) {
        memory.set(VALUE, insertSlot(index), value);
    }

    /**
     * {@return the removed element {@code index}; later elements shift left}
     *
     * @param index the index
     * @throws PanicException {@code removal index (is I) should be < len (is L)} if {@code index >= len}
     */
    public double remove(long index) {
        double value = memory.get(VALUE, removeSlot(index));
        closeGap(index);
        return value;
    }

    /**
     * {@return the removed element {@code index}; the last element takes its place}
     *
     * @param index the index
     * @throws PanicException {@code swap_remove index (is I) should be < len (is L)} if {@code index >= len}
     */
    public double swapRemove(long index) {
        double value = memory.get(VALUE, swapRemoveSlot(index));
        fillFromLast(index);
        return value;
    }

    /**
     * Appends {@code values} in order: Rust's {@code extend_from_slice} (one amortized reservation).
     *
     * @param values the elements
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails
     */
    public void extendFrom(double... values) {
        MemorySegment.copy(values, 0, memory, VALUE, extendSlots("extend_from_slice", values.length), values.length);
    }

    /**
     * {@return elements {@code [from, to)}, removed from the vector} Rust's {@code drain(from..to)}; capacity kept.
     *
     * @param from first index, inclusive
     * @param to   end index, exclusive
     * @throws PanicException {@code slice index starts at F but ends at T} or
     *                        {@code range end index T out of range for slice of length L}
     */
    public double[] drain(long from, long to) {
        long at = drainSlot(from, to);
        double[] out = new double[arrayLength(to - from)];
        MemorySegment.copy(memory, VALUE, at, out, 0, out.length);
        removeRange(from, to);
        return out;
    }

    /**
     * Keeps only the elements {@code keep} accepts, in order; capacity kept.
     *
     * @param keep the predicate
     */
    public void retain(DoublePredicate keep) {
        retainSlots(at -> keep.test(memory.get(VALUE, at)));
    }

    /** Removes consecutive repeated elements ({@code == on doubles: NaN never repeats, 0.0 repeats -0.0}); capacity kept. */
    public void dedup() {
        dedupSlots((a, b) -> memory.get(VALUE, a) == memory.get(VALUE, b));
    }

    /** {@return the elements as a new array} */
    public double[] toArray() {
        double[] out = new double[arrayLength(len())];
        MemorySegment.copy(memory, VALUE, buf.address, out, 0, out.length);
        return out;
    }
}
