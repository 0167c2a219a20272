package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;

import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Rust's {@code Rc<T>}: shared ownership of one value through counters that live in the block (rust-rules.md §5,
 * C1–C11; block layout in {@link RcBox}). Each {@code Rc} Java object is one strong reference and is closed once.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #of} makes one allocation of {@code Layout(16, 8).extend(T).padToAlign()}, even for a zero-size
 *       {@code T} (Z5).</li>
 *   <li>The value is dropped when the strong count reaches 0; the block is freed when the weak count (with the
 *       implicit weak of the strong references) reaches 0 too (C4). Both are visible in the allocator's
 *       statistics.</li>
 *   <li>A cycle of strong references is never freed: the allocator's live blocks show the leak (C11).</li>
 * </ul>
 * <h2>Non-guarantees</h2>
 * <ul>
 *   <li>Counter overflow aborts in Rust (C5); here a {@code long} counter cannot be overflowed in practice and is
 *       not checked.</li>
 *   <li>{@link #makeMut} clones the value by reading and writing it through the codec: a bitwise copy for plain
 *       data.</li>
 * </ul>
 *
 * @param <T> the value's Java view
 */
public final class Rc<T> extends Handle {

    /** The shared block; replaced only by {@link #makeMut}. */
    private RcBox<T> box;
    private final Accounting accounting;

    Rc(RcBox<T> box, Accounting accounting) {
        super("Rc");
        this.box = box;
        this.accounting = accounting;
    }

    /**
     * {@return a new reference-counted value: strong 1, weak 0} Rust's {@code Rc::new_in}.
     *
     * @param allocator where the block will live
     * @param codec     the value's type
     * @param value     the value
     * @param <T>       the value's Java view
     * @throws AllocationFailedException if the allocator fails
     */
    public static <T> Rc<T> of(Allocator allocator, ElementCodec<T> codec, T value) {
        Accounting accounting = new Accounting();
        RcBox<T> box = RcBox.allocate(allocator, codec, accounting);
        codec.write(box.memory, box.valueAddress(), value);
        return new Rc<>(box, accounting);
    }

    /**
     * {@return the reference whose value lives at {@code valueAddress}} Rust's {@code Rc::from_raw_in}.
     *
     * <p>Preconditions: {@code valueAddress} came from {@link #intoRaw()} with the same allocator and codec, and
     * the strong reference it stood for is taken back only once.
     *
     * @param allocator    the block's allocator
     * @param codec        the value's type
     * @param valueAddress the value's address
     * @param <T>          the value's Java view
     */
    public static <T> Rc<T> fromRaw(Allocator allocator, ElementCodec<T> codec, long valueAddress) {
        return new Rc<>(RcBox.ofValueAddress(allocator, codec, valueAddress), new Accounting());
    }

    /** {@return the value} Rust's {@code *rc}. */
    public T get() {
        checkLive("deref");
        return box.codec.read(box.memory, box.valueAddress());
    }

    /** {@return another strong reference to the same value: strong + 1} Rust's {@code Rc::clone} (C3). */
    @Override
    public Rc<T> clone() {
        checkLive("clone");
        box.setStrong(box.strong() + 1);
        return new Rc<>(box, new Accounting());
    }

    /** {@return a weak reference to the same block: weak + 1} Rust's {@code Rc::downgrade} (C3). */
    public Weak<T> downgrade() {
        checkLive("downgrade");
        box.setWeak(box.weak() + 1);
        return new Weak<>(box, new Accounting());
    }

    /** {@return the number of strong references} Rust's {@code Rc::strong_count} (C2). */
    public long strongCount() {
        checkLive("strong_count");
        return box.strong();
    }

    /** {@return the number of {@link Weak}s, not counting the implicit one} Rust's {@code Rc::weak_count} (C2). */
    public long weakCount() {
        checkLive("weak_count");
        return box.weak() - 1;
    }

    /** {@return the block address} */
    public long blockAddress() {
        checkLive("as_ptr");
        return box.address;
    }

    /** {@return the value's address inside the block} Rust's {@code Rc::as_ptr}. */
    public long valueAddress() {
        checkLive("as_ptr");
        return box.valueAddress();
    }

    /** {@return the block's layout, e.g. {@code (24, 8)} for {@code Rc<u64>}} */
    public Layout blockLayout() {
        return box.layout;
    }

    /**
     * {@return whether both point to the same block} Rust's {@code Rc::ptr_eq} (C9).
     *
     * @param other another reference
     */
    public boolean ptrEq(Rc<?> other) {
        checkLive("ptr_eq");
        other.checkLive("ptr_eq");
        return box.address == other.box.address && box.memory == other.box.memory;
    }

    /**
     * Rust's {@code Rc::try_unwrap} (C6): if this is the only strong reference, moves the value out (this handle is
     * then moved; the block is freed now, or when the last {@code Weak} goes). Otherwise nothing changes and this
     * handle stays live (Rust's {@code Err(rc)}).
     *
     * @return the value, or empty if other strong references exist
     */
    public Optional<T> tryUnwrap() {
        checkLive("try_unwrap");
        if (box.strong() != 1) {
            return Optional.empty();
        }
        T value = box.codec.read(box.memory, box.valueAddress());
        markMoved("try_unwrap");
        box.setStrong(0);
        box.releaseWeak(accounting);
        return Optional.of(value);
    }

    /**
     * Rust's {@code Rc::into_inner} (C6): the value if this is the last strong reference, else empty; either way
     * this handle is consumed (dropped when not last).
     *
     * @return the value, or empty
     */
    public Optional<T> intoInner() {
        Optional<T> value = tryUnwrap();
        if (value.isEmpty()) {
            close();
        }
        return value;
    }

    /**
     * {@return the value's address if this is the only reference of any kind (strong 1, no Weak), else empty}
     * Rust's {@code Rc::get_mut} (C7): a {@code &mut T} is an address to write through.
     */
    public OptionalLong getMut() {
        checkLive("get_mut");
        return box.strong() == 1 && box.weak() == 1 ? OptionalLong.of(box.valueAddress()) : OptionalLong.empty();
    }

    /**
     * {@return the value's address, after making this the only reference} Rust's {@code Rc::make_mut} (C8):
     * with other strong references the value is cloned into a new block that this handle moves to; with only
     * Weaks left the value is moved to a new block and the Weaks can no longer upgrade; when unique nothing
     * is allocated.
     *
     * @throws AllocationFailedException if the allocator fails (nothing changes)
     */
    public long makeMut() {
        checkLive("make_mut");
        RcBox<T> old = box;
        if (old.strong() != 1) {
            RcBox<T> fresh = RcBox.allocate(old.allocator, old.codec, accounting);
            old.codec.write(old.memory, fresh.valueAddress(), old.codec.read(old.memory, old.valueAddress()));
            old.setStrong(old.strong() - 1); // others remain, so this never drops the value
            box = fresh;
        } else if (old.weak() != 1) {
            RcBox<T> fresh = RcBox.allocate(old.allocator, old.codec, accounting);
            MemorySegment.copy(old.memory, old.valueAddress(), old.memory, fresh.valueAddress(),
                old.codec.layout().byteSize());
            old.setStrong(0);
            old.releaseWeak(accounting); // the Weaks still hold the block, so it is not freed here
            box = fresh;
        }
        return box.valueAddress();
    }

    /**
     * Replaces the value with {@code update.apply(value)} after {@link #makeMut()}: Rust's
     * {@code *Rc::make_mut(&mut rc) = f(old)}.
     *
     * @param update the new value from the old one (which is moved into it, not dropped)
     * @return the new value
     * @throws AllocationFailedException if {@code makeMut} has to allocate and the allocator fails
     */
    public T update(UnaryOperator<T> update) {
        long at = makeMut();
        T value = update.apply(box.codec.read(box.memory, at));
        box.codec.write(box.memory, at, value);
        return value;
    }

    /**
     * {@return the value's address; the strong reference is kept alive by the caller} Rust's {@code Rc::into_raw}.
     * This handle is moved; take the reference back with {@link #fromRaw}.
     */
    public long intoRaw() {
        markMoved("into_raw");
        return box.valueAddress();
    }

    @Override
    public HandleStats stats() {
        return accounting.snapshot();
    }

    @Override
    long ownedBlockAddress() {
        return box.address;
    }

    @Override
    long ownedBlockByteSize() {
        return box.layout.byteSize();
    }

    @Override
    long ownedBlockAlignment() {
        return box.layout.byteAlignment();
    }

    /** strong − 1; at 0 drops the value, then the implicit weak (freeing the block if no Weak is left) (C4). */
    @Override
    void drop() {
        long strong = box.strong() - 1;
        box.setStrong(strong);
        if (strong == 0) {
            box.codec.drop(box.memory, box.valueAddress());
            box.releaseWeak(accounting);
        }
    }
}
