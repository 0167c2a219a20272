package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Rust's {@code Vec<T>} for any element type described by an {@link ElementCodec}: structs, zero-size types, types
 * with drop glue. Values are read and written through the codec directly in allocator memory; the codec's
 * {@link ElementCodec#drop} runs exactly where Rust drops an element (truncate, clear, close, set, retain, dedup).
 * Capacity, growth, bounds, ownership and accounting are {@link AbstractVec}'s.
 *
 * <p>For {@code i32}, {@code i64}, {@code f64} and {@code u8} prefer {@link IntVec}, {@link LongVec},
 * {@link DoubleVec} and {@link ByteVec}, which do not box.
 *
 * @param <T> the Java view of an element
 */
public final class Vec<T> extends AbstractVec<Vec<T>> {

    private final ElementCodec<T> codec;

    private Vec(ElementCodec<T> codec, RawVec buf, long len) {
        super(buf, len);
        this.codec = codec;
    }

    @Override
    Vec<T> wrap(RawVec raw, long length) {
        return new Vec<>(codec, raw, length);
    }

    @Override
    void dropElements(long from, long to) {
        for (long i = from; i < to; i++) {
            codec.drop(memory, buf.elementAddress(i));
        }
    }

    /**
     * {@return an empty vector that allocates nothing until the first push} Rust's {@code Vec::new_in}.
     *
     * @param allocator where the elements will live
     * @param codec     the element type
     * @param <T>       the element's Java view
     */
    public static <T> Vec<T> newIn(Allocator allocator, ElementCodec<T> codec) {
        return new Vec<>(codec, new RawVec(allocator, codec.layout()), 0);
    }

    /**
     * {@return an empty vector with room for exactly {@code capacity} elements} Rust's {@code Vec::with_capacity_in}.
     *
     * @param allocator where the elements will live
     * @param codec     the element type
     * @param capacity  number of elements (unsigned); 0, or a zero-size type, allocates nothing
     * @param <T>       the element's Java view
     * @throws PanicException            {@code capacity overflow} if the byte size is not valid
     * @throws AllocationFailedException if the allocator fails
     */
    public static <T> Vec<T> withCapacityIn(Allocator allocator, ElementCodec<T> codec, long capacity) {
        RawVec raw = new RawVec(allocator, codec.layout());
        raw.allocateExactly(capacity);
        return new Vec<>(codec, raw, 0);
    }

    /**
     * {@return a vector holding {@code values}, capacity equal to the length} Rust's {@code vec![...]}.
     *
     * @param allocator where the elements will live
     * @param codec     the element type
     * @param values    the elements
     * @param <T>       the element's Java view
     * @throws AllocationFailedException if the allocator fails
     */
    public static <T> Vec<T> of(Allocator allocator, ElementCodec<T> codec, List<? extends T> values) {
        Vec<T> vec = withCapacityIn(allocator, codec, values.size());
        vec.extendFrom(values);
        return vec;
    }

    /** {@return the element type} */
    public ElementCodec<T> codec() {
        return codec;
    }

    /**
     * Appends {@code value}, growing the capacity by amortized doubling when full.
     *
     * @param value the element
     * @throws PanicException            {@code capacity overflow} (for a zero-size type at length {@code usize::MAX})
     * @throws AllocationFailedException if the allocator fails (the vector is unchanged)
     */
    public void push(T value) {
        codec.write(memory, pushSlot("push"), value);
    }

    /** {@return the removed last element (moved out, not dropped), or empty} Rust's {@code pop}. */
    public Optional<T> pop() {
        long at = popSlot();
        return at == NONE ? Optional.empty() : Optional.of(codec.read(memory, at));
    }

    /**
     * {@return element {@code index}} Rust's {@code v[index]}.
     *
     * @param index the index
     * @throws PanicException {@code index out of bounds: the len is L but the index is I} if {@code index >= len}
     */
    public T get(long index) {
        return codec.read(memory, indexSlot("index", index));
    }

    /**
     * Replaces element {@code index}, dropping the old one: Rust's {@code v[index] = value}.
     *
     * @param index the index
     * @param value the new element
     * @throws PanicException {@code index out of bounds: the len is L but the index is I} if {@code index >= len}
     */
    public void set(long index, T value) {
        long at = indexSlot("index_mut", index);
        codec.drop(memory, at);
        codec.write(memory, at, value);
    }

    /**
     * Inserts {@code value} at {@code index}, shifting later elements right.
     *
     * @param index position, at most {@code len}
     * @param value the element
     * @throws PanicException            {@code insertion index (is I) should be <= len (is L)} if {@code index > len}
     * @throws AllocationFailedException if the allocator fails
     */
    public void insert(long index, T value) {
        codec.write(memory, insertSlot(index), value);
    }

    /**
     * {@return the removed element {@code index} (moved out); later elements shift left}
     *
     * @param index the index
     * @throws PanicException {@code removal index (is I) should be < len (is L)} if {@code index >= len}
     */
    public T remove(long index) {
        T value = codec.read(memory, removeSlot(index));
        closeGap(index);
        return value;
    }

    /**
     * {@return the removed element {@code index} (moved out); the last element takes its place}
     *
     * @param index the index
     * @throws PanicException {@code swap_remove index (is I) should be < len (is L)} if {@code index >= len}
     */
    public T swapRemove(long index) {
        T value = codec.read(memory, swapRemoveSlot(index));
        fillFromLast(index);
        return value;
    }

    /**
     * Appends {@code values} in order with one amortized reservation (Rust's {@code extend} of an exact-size iterator).
     *
     * @param values the elements
     * @throws PanicException            {@code capacity overflow}
     * @throws AllocationFailedException if the allocator fails
     */
    public void extendFrom(List<? extends T> values) {
        long at = extendSlots("extend", values.size());
        long size = buf.elemSize;
        for (T value : values) {
            codec.write(memory, at, value);
            at += size;
        }
    }

    /**
     * {@return elements {@code [from, to)}, moved out of the vector} Rust's {@code drain(from..to)}; capacity kept.
     *
     * @param from first index, inclusive
     * @param to   end index, exclusive
     * @throws PanicException {@code slice index starts at F but ends at T} or
     *                        {@code range end index T out of range for slice of length L}
     */
    public List<T> drain(long from, long to) {
        long at = drainSlot(from, to);
        List<T> out = new ArrayList<>(arrayLength(to - from));
        for (long i = from; i < to; i++, at += buf.elemSize) {
            out.add(codec.read(memory, at));
        }
        removeRange(from, to);
        return out;
    }

    /**
     * Keeps only the elements {@code keep} accepts, in order, dropping the others in order; capacity kept.
     *
     * @param keep the predicate
     */
    public void retain(Predicate<? super T> keep) {
        retainSlots(at -> keep.test(codec.read(memory, at)));
    }

    /**
     * Removes (drops) consecutive elements equal to the last one kept, as the codec's {@link ElementCodec#eq}
     * (Rust's {@code PartialEq}) says; capacity kept. For {@code f64}: {@code [NaN, NaN, 0.0, -0.0]} becomes
     * {@code [NaN, NaN, 0.0]}, as in Rust.
     */
    public void dedup() {
        dedupSlots((a, b) -> codec.eq(codec.read(memory, a), codec.read(memory, b)));
    }

    /** {@return the elements, read into a new list} */
    public List<T> toList() {
        long n = len();
        List<T> out = new ArrayList<>(arrayLength(n));
        for (long i = 0; i < n; i++) {
            out.add(codec.read(memory, buf.elementAddress(i)));
        }
        return out;
    }
}
