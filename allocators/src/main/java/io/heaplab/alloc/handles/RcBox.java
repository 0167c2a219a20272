package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The block shared by {@link Rc}s and {@link Weak}s: Rust's {@code RcInner<T>}, counters in the block before the value.
 *
 * <h2>Block layout ({@code #[repr(C)] struct RcInner<T> { strong: usize, weak: usize, value: T }})</h2>
 * <pre>
 *   offset 0        8        16      valueOffset = roundUp(16, align T)
 *          | strong | weak   | pad  | value (size T) | pad to align |
 *   layout = Layout(16, 8).extend(Layout T).padToAlign()
 *   Rc&lt;u8&gt; (24, 8)   Rc&lt;u64&gt; (24, 8)   Rc&lt;u128&gt; (32, 16)   Rc&lt;()&gt; (16, 8)
 * </pre>
 * {@code weak} counts the {@link Weak}s plus one implicit weak reference held jointly by all strong ones, so the
 * block outlives the value exactly as long as a {@code Weak} needs the counters (C1, C4).
 *
 * @param <T> the value's Java view
 */
final class RcBox<T> {

    private static final Layout HEADER = Layout.of(16, 8);
    private static final long STRONG_OFFSET = 0;
    private static final long WEAK_OFFSET = 8;

    final Allocator allocator;
    final MemorySegment memory;
    final ElementCodec<T> codec;
    final Layout layout;
    final long valueOffset;
    /** The block address. */
    final long address;

    private RcBox(Allocator allocator, ElementCodec<T> codec, long address) {
        this.allocator = allocator;
        this.memory = allocator.memory();
        this.codec = codec;
        Layout.Extended extended = HEADER.extend(codec.layout());
        this.layout = extended.layout().padToAlign();
        this.valueOffset = extended.byteOffset();
        this.address = address;
    }

    /**
     * {@return a new block with strong = 1, weak = 1 (the implicit weak of the strong references), value unwritten}
     *
     * @throws AllocationFailedException if the allocator fails
     */
    static <T> RcBox<T> allocate(Allocator allocator, ElementCodec<T> codec, Accounting accounting) {
        Layout layout = HEADER.extend(codec.layout()).layout().padToAlign();
        long address = allocator.allocate(layout);
        if (address == Allocator.FAILED) {
            throw new AllocationFailedException(layout.byteSize(), layout.byteAlignment());
        }
        accounting.allocated(layout.byteSize());
        RcBox<T> box = new RcBox<>(allocator, codec, address);
        box.setStrong(1);
        box.setWeak(1); // all strong references together hold one weak reference (C1)
        return box;
    }

    /** {@return the block whose value lives at {@code valueAddress}} Precondition: it came from {@link #valueAddress()}. */
    static <T> RcBox<T> ofValueAddress(Allocator allocator, ElementCodec<T> codec, long valueAddress) {
        long offset = HEADER.extend(codec.layout()).byteOffset();
        return new RcBox<>(allocator, codec, valueAddress - offset);
    }

    long valueAddress() {
        return address + valueOffset;
    }

    long strong() {
        return memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address + STRONG_OFFSET);
    }

    long weak() {
        return memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address + WEAK_OFFSET);
    }

    void setStrong(long count) {
        memory.set(ValueLayout.JAVA_LONG_UNALIGNED, address + STRONG_OFFSET, count);
    }

    void setWeak(long count) {
        memory.set(ValueLayout.JAVA_LONG_UNALIGNED, address + WEAK_OFFSET, count);
    }

    /** Drops one weak reference (explicit or the implicit one); frees the block when none is left (C4). */
    void releaseWeak(Accounting accounting) {
        long weak = weak() - 1;
        setWeak(weak);
        if (weak == 0) {
            allocator.deallocate(address, layout);
            accounting.freed();
        }
    }
}
