package io.heaplab.alloc.handles;

import io.heaplab.alloc.Layout;

import java.util.Locale;

/**
 * Rust's primitive types with their x86-64 layouts ({@code Layout::new::<T>()}), for choosing a vector's element
 * type by name (e.g. {@code heaplab teach capacity --element u64}).
 */
public enum RustPrimitive {
    /** {@code u8}. */ U8(1),
    /** {@code i8}. */ I8(1),
    /** {@code bool}. */ BOOL(1),
    /** {@code u16}. */ U16(2),
    /** {@code i16}. */ I16(2),
    /** {@code u32}. */ U32(4),
    /** {@code i32}. */ I32(4),
    /** {@code f32}. */ F32(4),
    /** {@code char}: a Unicode scalar value in 4 bytes. */ CHAR(4),
    /** {@code u64}. */ U64(8),
    /** {@code i64}. */ I64(8),
    /** {@code f64}. */ F64(8),
    /** {@code usize}. */ USIZE(8),
    /** {@code isize}. */ ISIZE(8),
    /** {@code u128}: 16-byte aligned since Rust 1.77 on x86-64. */ U128(16),
    /** {@code i128}. */ I128(16),
    /** {@code ()}: zero-size, alignment 1. */ UNIT(0);

    private final Layout layout;

    RustPrimitive(long byteSize) {
        this.layout = Layout.of(byteSize, Math.max(1, byteSize));
    }

    /** {@return the type's layout} */
    public Layout layout() {
        return layout;
    }

    /** {@return the Rust spelling, e.g. {@code i32} or {@code ()}} */
    public String rustName() {
        return this == UNIT ? "()" : name().toLowerCase(Locale.ROOT);
    }
}
