package io.heaplab.alloc;

/**
 * The size and alignment of a block of memory, with the semantics of Rust 1.95's {@code core::alloc::Layout}.
 *
 * <p>A layout is <em>valid</em> when its alignment is a power of two and its size, rounded up to a multiple of
 * its alignment, does not exceed {@link Long#MAX_VALUE} (Rust's {@code isize::MAX}). Every {@code Layout}
 * instance is valid: the factories and combinators reject anything else with a {@link LayoutException} carrying
 * Rust's message {@value LayoutException#MESSAGE}.
 *
 * <ul>
 *   <li>The size need not be a multiple of the alignment ({@code fromSizeAlign(5, 4)} is valid).</li>
 *   <li>{@link #extend} adds no trailing padding; call {@link #padToAlign} to finish a C-like struct.</li>
 *   <li>{@link #repeat} (stable since Rust 1.95) adds no padding after the last element.</li>
 * </ul>
 *
 * @implSpec Instances are immutable, value-based and thread-safe. {@link #toString()} matches Rust's
 * {@code Debug} output, e.g. {@code Layout { size: 4, align: 4 (1 << 2) }}.
 */
public final class Layout {

    /** The largest valid alignment, 2<sup>62</sup>; Rust allows 2<sup>63</sup>, which Java's {@code long} cannot hold as a positive value. */
    public static final long MAX_ALIGN = 1L << 62;

    private final long byteSize;
    private final long byteAlignment;

    private Layout(long byteSize, long byteAlignment) {
        this.byteSize = byteSize;
        this.byteAlignment = byteAlignment;
    }

    /**
     * {@return whether {@code (byteSize, byteAlignment)} is a valid layout} Rust's {@code is_size_align_valid}:
     * the alignment is a power of two and {@code byteSize <= (Long.MAX_VALUE + 1) - byteAlignment}.
     *
     * @param byteSize      size in bytes, any value (negative values stand for Rust sizes above {@code isize::MAX})
     * @param byteAlignment alignment in bytes, any value
     */
    public static boolean isValid(long byteSize, long byteAlignment) {
        return byteAlignment > 0
            && (byteAlignment & (byteAlignment - 1)) == 0
            && byteSize >= 0
            && byteSize <= Long.MAX_VALUE - byteAlignment + 1;
    }

    /**
     * Checks {@code (byteSize, byteAlignment)} once at an API boundary.
     *
     * @param byteSize      size in bytes
     * @param byteAlignment alignment in bytes
     * @throws LayoutException if the pair is not a valid layout (see {@link #isValid})
     */
    public static void check(long byteSize, long byteAlignment) {
        if (!isValid(byteSize, byteAlignment)) {
            throw new LayoutException(byteSize, byteAlignment);
        }
    }

    /**
     * {@return the layout of {@code byteSize} bytes aligned to {@code byteAlignment}} Rust's {@code Layout::from_size_align}.
     *
     * @param byteSize      size in bytes
     * @param byteAlignment alignment in bytes, a power of two
     * @throws LayoutException if {@code byteAlignment} is zero or not a power of two, if {@code byteSize} is negative,
     *                         or if {@code byteSize} rounded up to {@code byteAlignment} exceeds {@link Long#MAX_VALUE}
     */
    public static Layout fromSizeAlign(long byteSize, long byteAlignment) {
        check(byteSize, byteAlignment);
        return new Layout(byteSize, byteAlignment);
    }

    /**
     * {@return the layout of one value of a type of {@code byteSize} bytes and natural alignment {@code byteAlignment}}
     * Rust's {@code Layout::new::<T>()}, where Java has no {@code size_of}: {@code Layout.of(4, 4)} is {@code i32}.
     *
     * @param byteSize      the type's size in bytes (a multiple of its alignment for every Rust type)
     * @param byteAlignment the type's alignment in bytes, a power of two
     * @throws LayoutException under the same conditions as {@link #fromSizeAlign}
     */
    public static Layout of(long byteSize, long byteAlignment) {
        return fromSizeAlign(byteSize, byteAlignment);
    }

    /**
     * {@return the layout of an array of {@code count} elements of {@code element}} Rust's {@code Layout::array::<T>(n)}:
     * size {@code element.size() * count}, the element's alignment. A zero-size element gives size 0 for any count,
     * including the counts above {@code isize::MAX} that a negative {@code count} stands for: Rust's
     * {@code Layout::array::<()>(usize::MAX)} is {@code Ok(size 0, align 1)}.
     *
     * @param element the element layout; its size is the array stride, as for every Rust type
     * @param count   number of elements, a Rust {@code usize}: a negative value stands for a count above
     *                {@link Long#MAX_VALUE} ({@code -1} is {@code usize::MAX})
     * @throws LayoutException if the element's size is not 0 and {@code element.size() * count} (with {@code count}
     *                         read as unsigned) exceeds {@code (Long.MAX_VALUE + 1) - element.align()}; in particular
     *                         for every negative {@code count} of a non-zero-size element
     */
    public static Layout array(Layout element, long count) {
        long size = element.byteSize;
        if (size == 0) {
            return new Layout(0, element.byteAlignment);
        }
        long maxCount = (Long.MAX_VALUE - element.byteAlignment + 1) / size;
        if (count < 0 || count > maxCount) {
            throw new LayoutException(-1, element.byteAlignment);
        }
        return new Layout(size * count, element.byteAlignment);
    }

    /** {@return the size in bytes} */
    public long byteSize() {
        return byteSize;
    }

    /** {@return the alignment in bytes, a power of two} */
    public long byteAlignment() {
        return byteAlignment;
    }

    /** {@return Rust's {@code size()}: the same as {@link #byteSize()}} */
    public long size() {
        return byteSize;
    }

    /** {@return Rust's {@code align()}: the same as {@link #byteAlignment()}} */
    public long align() {
        return byteAlignment;
    }

    /**
     * {@return the number of padding bytes after this layout's size so that the next byte is aligned to {@code byteAlignment}}
     * Rust's {@code padding_needed_for}: {@code roundUp(size, a) - size}.
     *
     * @param byteAlignment a power of two
     * @throws LayoutException if {@code byteAlignment} is not a power of two
     */
    public long paddingNeededFor(long byteAlignment) {
        if (byteAlignment <= 0 || (byteAlignment & (byteAlignment - 1)) != 0) {
            throw new LayoutException(byteSize, byteAlignment);
        }
        // (-size) mod align: Rust rounds up in usize, which cannot overflow here; neither can this.
        return -byteSize & (byteAlignment - 1);
    }

    /** {@return this layout with its size rounded up to a multiple of its alignment} Rust's {@code pad_to_align}; never fails. */
    public Layout padToAlign() {
        return new Layout(roundUpOrNegative(byteSize, byteAlignment), byteAlignment);
    }

    /**
     * {@return this layout with alignment {@code max(align, byteAlignment)} and the same size} Rust's {@code align_to}.
     *
     * @param byteAlignment a power of two
     * @throws LayoutException if {@code byteAlignment} is not a power of two or the result is not valid
     */
    public Layout alignTo(long byteAlignment) {
        if (byteAlignment <= 0 || (byteAlignment & (byteAlignment - 1)) != 0) {
            throw new LayoutException(byteSize, byteAlignment);
        }
        return fromSizeAlign(byteSize, Math.max(this.byteAlignment, byteAlignment));
    }

    /** The result of {@link #extend}: the combined layout and the byte offset at which {@code next} starts. */
    public record Extended(Layout layout, long byteOffset) { }

    /** The result of {@link #repeat}: the array layout and the stride in bytes between elements. */
    public record Repeated(Layout layout, long byteStride) { }

    /**
     * {@return the layout of this followed by {@code next}, and {@code next}'s offset} Rust's {@code extend}:
     * {@code offset = roundUp(size, next.align)}, size {@code offset + next.size}, alignment the larger of the two.
     * No trailing padding is added.
     *
     * @param next the layout appended after this one
     * @throws LayoutException if the combined size overflows or is not valid with the combined alignment
     */
    public Extended extend(Layout next) {
        long newAlign = Math.max(byteAlignment, next.byteAlignment);
        long offset = roundUpOrNegative(byteSize, next.byteAlignment);
        if (offset < 0) {
            throw new LayoutException(-1, newAlign);
        }
        long newSize = offset + next.byteSize;
        if (newSize < 0) {
            throw new LayoutException(-1, newAlign);
        }
        return new Extended(fromSizeAlign(newSize, newAlign), offset);
    }

    /**
     * {@return the layout of {@code count} copies of this layout, and the stride} Rust 1.95's {@code repeat}:
     * stride = {@code padToAlign().size()}; size {@code stride * (count - 1) + size} (no padding after the last
     * element), or 0 for {@code count == 0}.
     *
     * @param count number of copies, non-negative
     * @throws LayoutException if {@code count} is negative or the size overflows or is not valid
     */
    public Repeated repeat(long count) {
        long stride = padToAlign().byteSize;
        if (count < 0) {
            throw new LayoutException(-1, byteAlignment);
        }
        if (count == 0) {
            return new Repeated(new Layout(0, byteAlignment), stride);
        }
        long size;
        try {
            size = Math.addExact(Math.multiplyExact(stride, count - 1), byteSize);
        } catch (ArithmeticException overflow) {
            throw new LayoutException(-1, byteAlignment);
        }
        return new Repeated(fromSizeAlign(size, byteAlignment), stride);
    }

    /**
     * {@return {@code count} copies with no padding between them} Rust's {@code repeat_packed}: size {@code size * count}.
     *
     * @param count number of copies, non-negative
     * @throws LayoutException if {@code count} is negative or the size overflows or is not valid
     */
    public Layout repeatPacked(long count) {
        if (count < 0) {
            throw new LayoutException(-1, byteAlignment);
        }
        try {
            return fromSizeAlign(Math.multiplyExact(byteSize, count), byteAlignment);
        } catch (ArithmeticException overflow) {
            throw new LayoutException(-1, byteAlignment);
        }
    }

    /**
     * {@return this followed by {@code next} with no padding; {@code next}'s alignment is ignored} Rust's {@code extend_packed}.
     *
     * @param next the layout appended
     * @throws LayoutException if the size overflows or is not valid
     */
    public Layout extendPacked(Layout next) {
        long newSize = byteSize + next.byteSize;
        if (newSize < 0) {
            throw new LayoutException(-1, byteAlignment);
        }
        return fromSizeAlign(newSize, byteAlignment);
    }

    /** {@return the dangling address of this layout: its alignment} Rust's {@code dangling_ptr()}, used for zero-size blocks. */
    public long danglingAddress() {
        return byteAlignment;
    }

    /**
     * {@return {@code value} rounded up to a multiple of {@code byteAlignment}, or a negative number if that overflows}
     *
     * @param value         non-negative
     * @param byteAlignment a power of two
     */
    public static long roundUpOrNegative(long value, long byteAlignment) {
        long mask = byteAlignment - 1;
        long sum = value + mask;
        return sum < 0 ? -1 : sum & ~mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout other && other.byteSize == byteSize && other.byteAlignment == byteAlignment;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(byteSize) * 31 + Long.hashCode(byteAlignment);
    }

    @Override
    public String toString() {
        return "Layout { size: " + byteSize + ", align: " + byteAlignment
            + " (1 << " + Long.numberOfTrailingZeros(byteAlignment) + ") }";
    }
}
