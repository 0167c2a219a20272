package io.heaplab.alloc.handles;

import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * How values of a Rust type {@code T} live in allocator memory: its {@link Layout} and how to read, write and drop
 * one value at an address. {@link Vec}, {@link Box}, {@link Rc} and {@link Weak} store values only through a codec,
 * directly in the allocator's segment.
 *
 * <p>A codec for a struct reads and writes its fields at their offsets (e.g. from a {@code MemoryLayout}); its
 * {@link #drop} is the struct's drop glue, run exactly when Rust would run it (dropping a {@code Vec} drops its
 * elements front to back; replacing an element drops the old one; a value moved out is not dropped).
 *
 * @param <T> the Java view of the value
 * @implSpec Implementations must be stateless or thread-confined; {@code read} must not keep the address.
 */
public interface ElementCodec<T> {

    /** {@return the layout of one value: Rust's {@code Layout::new::<T>()}} */
    Layout layout();

    /**
     * {@return the value stored at {@code address}}
     *
     * @param memory  the allocator's memory
     * @param address byte offset of the value in {@code memory}
     */
    T read(MemorySegment memory, long address);

    /**
     * Stores {@code value} at {@code address}, overwriting without dropping.
     *
     * @param memory  the allocator's memory
     * @param address byte offset of the value in {@code memory}
     * @param value   the value
     */
    void write(MemorySegment memory, long address, T value);

    /**
     * Runs the value's drop glue in place (Rust's {@code drop_in_place}); the default does nothing (plain data).
     *
     * @param memory  the allocator's memory
     * @param address byte offset of the value in {@code memory}
     */
    default void drop(MemorySegment memory, long address) {
    }

    /**
     * {@return whether two values are equal as Rust's {@code PartialEq::eq} says} {@link Vec#dedup} compares
     * elements with it.
     *
     * @implSpec The default is {@link java.util.Objects#equals}, which is Rust's {@code ==} for integers, {@link Unit}
     * and records of them. Floating-point codecs override it with IEEE {@code ==} ({@code NaN != NaN},
     * {@code 0.0 == -0.0}), which {@link Double#equals} is not; the {@link #bytes} codec compares contents. A codec
     * whose Java view's {@code equals} differs from the Rust type's {@code PartialEq} must override it.
     * @param first  a value
     * @param second another value
     */
    default boolean eq(T first, T second) {
        return java.util.Objects.equals(first, second);
    }

    /** {@return Rust's {@code i32}} Boxes on read; prefer {@link IntVec} for vectors. */
    static ElementCodec<Integer> i32() {
        return Primitive.I32;
    }

    /** {@return Rust's {@code i64}} Boxes on read; prefer {@link LongVec} for vectors. */
    static ElementCodec<Long> i64() {
        return Primitive.I64;
    }

    /**
     * {@return Rust's {@code f64}} Boxes on read; prefer {@link DoubleVec} for vectors. {@link #eq} is IEEE
     * {@code ==}: {@code NaN} equals nothing, {@code 0.0} equals {@code -0.0}.
     */
    static ElementCodec<Double> f64() {
        return Primitive.F64;
    }

    /** {@return Rust's {@code u8}, read as a signed Java byte} Boxes on read; prefer {@link ByteVec} for vectors. */
    static ElementCodec<Byte> u8() {
        return Primitive.U8;
    }

    /**
     * {@return a zero-size type of the given alignment: {@code ()} for 1, {@code [u64; 0]} for 8}
     *
     * @param byteAlignment a power of two
     * @throws io.heaplab.alloc.LayoutException if {@code byteAlignment} is not a power of two
     */
    static ElementCodec<Unit> zeroSized(long byteAlignment) {
        Layout layout = Layout.of(0, byteAlignment);
        return new ElementCodec<>() {
            @Override
            public Layout layout() {
                return layout;
            }

            @Override
            public Unit read(MemorySegment memory, long address) {
                return Unit.UNIT;
            }

            @Override
            public void write(MemorySegment memory, long address, Unit value) {
            }
        };
    }

    /**
     * {@return an opaque type of the given layout, read and written as its bytes (e.g. {@code [u8; 3]} or a struct
     * with padding)} {@link #eq} compares all bytes, padding included.
     *
     * @param layout the type's layout
     */
    static ElementCodec<byte[]> bytes(Layout layout) {
        return new ElementCodec<>() {
            @Override
            public Layout layout() {
                return layout;
            }

            @Override
            public byte[] read(MemorySegment memory, long address) {
                return memory.asSlice(address, layout.byteSize()).toArray(ValueLayout.JAVA_BYTE);
            }

            @Override
            public void write(MemorySegment memory, long address, byte[] value) {
                if (value.length != layout.byteSize()) {
                    throw new IllegalArgumentException("expected " + layout.byteSize() + " bytes, got " + value.length);
                }
                MemorySegment.copy(value, 0, memory, ValueLayout.JAVA_BYTE, address, value.length);
            }

            @Override
            public boolean eq(byte[] first, byte[] second) {
                return java.util.Arrays.equals(first, second);
            }
        };
    }
}
