package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;

/**
 * Rust's {@code Box<T>}: owns exactly one block of {@code T}'s {@link Layout} (rust-rules.md §4, B1–B4).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #of} allocates one block of {@code codec.layout()}; {@link #close()} runs the value's drop glue, then
 *       frees that block with the same layout (B1).</li>
 *   <li>A zero-size {@code T} allocates and frees nothing; its address is the dangling alignment (B2).</li>
 *   <li>{@link #leak()} gives the block up for good (never freed, B3); {@link #intoRaw()} gives it up until
 *       {@link #fromRaw} takes it back, which then frees it exactly once (B4).</li>
 * </ul>
 * <h2>Non-guarantees</h2>
 * <ul>
 *   <li>{@link #fromRaw} trusts its caller, as Rust's {@code unsafe fn from_raw} does (Preconditions there).</li>
 * </ul>
 *
 * @param <T> the Java view of the value
 */
public final class Box<T> extends Handle {

    private final Allocator allocator;
    private final MemorySegment memory;
    private final ElementCodec<T> codec;
    private final long address;
    private final Accounting accounting;

    private Box(Allocator allocator, ElementCodec<T> codec, long address, Accounting accounting) {
        super("Box");
        this.allocator = allocator;
        this.memory = allocator.memory();
        this.codec = codec;
        this.address = address;
        this.accounting = accounting;
    }

    /**
     * {@return a box holding {@code value}} Rust's {@code Box::new_in}.
     *
     * @param allocator where the value will live
     * @param codec     the value's type
     * @param value     the value, written into the new block
     * @param <T>       the value's Java view
     * @throws AllocationFailedException if the allocator fails
     */
    public static <T> Box<T> of(Allocator allocator, ElementCodec<T> codec, T value) {
        Layout layout = codec.layout();
        Accounting accounting = new Accounting();
        long address;
        if (layout.byteSize() == 0) {
            address = layout.danglingAddress();
        } else {
            address = allocator.allocate(layout);
            if (address == Allocator.FAILED) {
                throw new AllocationFailedException(layout.byteSize(), layout.byteAlignment());
            }
            accounting.allocated(layout.byteSize());
        }
        codec.write(allocator.memory(), address, value);
        return new Box<>(allocator, codec, address, accounting);
    }

    /**
     * {@return a box that owns the block at {@code address} again} Rust's {@code Box::from_raw_in}.
     *
     * <p>Preconditions: {@code address} came from {@link #intoRaw()} of a box of the same allocator and codec,
     * and no other box owns it.
     *
     * @param allocator the allocator the block came from
     * @param codec     the value's type
     * @param address   the value's address
     * @param <T>       the value's Java view
     */
    public static <T> Box<T> fromRaw(Allocator allocator, ElementCodec<T> codec, long address) {
        return new Box<>(allocator, codec, address, new Accounting());
    }

    /** {@return the value} Rust's {@code *b}. */
    public T get() {
        checkLive("deref");
        return codec.read(memory, address);
    }

    /**
     * Replaces the value, dropping the old one: Rust's {@code *b = value}.
     *
     * @param value the new value
     */
    public void set(T value) {
        checkLive("deref_mut");
        codec.drop(memory, address);
        codec.write(memory, address, value);
    }

    /** {@return the value's address in {@link Allocator#memory()} (the alignment for a zero-size type)} */
    public long address() {
        checkLive("as_ptr");
        return address;
    }

    /** {@return the layout of the owned block} */
    public Layout layout() {
        return codec.layout();
    }

    /**
     * {@return the value's address; the block is never freed} Rust's {@code Box::leak}. This box is moved.
     *
     * @throws OwnershipException if this box is not live
     */
    public long leak() {
        markMoved("leak");
        return address;
    }

    /**
     * {@return the value's address; the caller now owns the block} Rust's {@code Box::into_raw}. This box is moved.
     *
     * @throws OwnershipException if this box is not live
     */
    public long intoRaw() {
        markMoved("into_raw");
        return address;
    }

    /**
     * {@return the value, moved out; the block is freed without dropping it} Rust's {@code *b} by value.
     *
     * @throws OwnershipException if this box is not live
     */
    public T intoInner() {
        T value = get();
        markMoved("into_inner");
        free();
        return value;
    }

    /**
     * {@return the new owner of the same block; this box is then moved}
     *
     * @throws OwnershipException if this box is not live
     */
    public Box<T> moveTo() {
        markMoved("move");
        return new Box<>(allocator, codec, address, accounting);
    }

    @Override
    public HandleStats stats() {
        return accounting.snapshot();
    }

    @Override
    long ownedBlockAddress() {
        return address;
    }

    @Override
    long ownedBlockByteSize() {
        return codec.layout().byteSize();
    }

    @Override
    long ownedBlockAlignment() {
        return codec.layout().byteAlignment();
    }

    /** Drops the value, then frees the block (nothing for a zero-size type). */
    @Override
    void drop() {
        codec.drop(memory, address);
        free();
    }

    private void free() {
        Layout layout = codec.layout();
        if (layout.byteSize() != 0) {
            allocator.deallocate(address, layout);
            accounting.freed();
        }
    }
}
