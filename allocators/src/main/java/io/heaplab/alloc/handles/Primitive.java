package io.heaplab.alloc.handles;

import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The boxed codecs of {@link ElementCodec}'s primitive factories, one constant per Rust primitive. */
final class Primitive {

    static final ElementCodec<Integer> I32 = new Codec<>(Layout.of(4, 4),
        (m, a) -> m.get(ValueLayout.JAVA_INT_UNALIGNED, a), (m, a, v) -> m.set(ValueLayout.JAVA_INT_UNALIGNED, a, v),
        Integer::equals);
    static final ElementCodec<Long> I64 = new Codec<>(Layout.of(8, 8),
        (m, a) -> m.get(ValueLayout.JAVA_LONG_UNALIGNED, a), (m, a, v) -> m.set(ValueLayout.JAVA_LONG_UNALIGNED, a, v),
        Long::equals);
    /** Rust's {@code f64 == f64} is IEEE equality, not {@link Double#equals}: NaN != NaN, 0.0 == -0.0. */
    static final ElementCodec<Double> F64 = new Codec<>(Layout.of(8, 8),
        (m, a) -> m.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, a),
        (m, a, v) -> m.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, a, v), (x, y) -> x.doubleValue() == y.doubleValue());
    static final ElementCodec<Byte> U8 = new Codec<>(Layout.of(1, 1),
        (m, a) -> m.get(ValueLayout.JAVA_BYTE, a), (m, a, v) -> m.set(ValueLayout.JAVA_BYTE, a, v),
        Byte::equals);

    private Primitive() {
    }

    private interface Reader<T> {
        T read(MemorySegment memory, long address);
    }

    private interface Writer<T> {
        void write(MemorySegment memory, long address, T value);
    }

    private interface Equality<T> {
        boolean eq(T first, T second);
    }

    private record Codec<T>(Layout layout, Reader<T> reader, Writer<T> writer, Equality<T> equality)
            implements ElementCodec<T> {
        @Override
        public boolean eq(T first, T second) {
            return equality.eq(first, second);
        }

        @Override
        public T read(MemorySegment memory, long address) {
            return reader.read(memory, address);
        }

        @Override
        public void write(MemorySegment memory, long address, T value) {
            writer.write(memory, address, value);
        }
    }
}
