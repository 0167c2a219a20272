package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;

import java.util.Optional;

/**
 * Rust's {@code Weak<T>}: a non-owning reference to an {@link Rc}'s block that keeps the counters (not the value)
 * alive (rust-rules.md §5, C2–C4, C9, C10).
 *
 * <ul>
 *   <li>{@link #dangling()} (Rust's {@code Weak::new()}) allocates nothing; its address is {@code usize::MAX}
 *       ({@code -1L}); it never upgrades, and cloning or dropping it touches no memory (C10).</li>
 *   <li>Dropping the last Weak after the last Rc frees the block (C4).</li>
 * </ul>
 *
 * @param <T> the value's Java view
 */
public final class Weak<T> extends Handle {

    /** Rust's sentinel address of {@code Weak::new()}: {@code usize::MAX}. */
    public static final long DANGLING_ADDRESS = -1L;

    /** The block, or null for a dangling Weak. */
    private final RcBox<T> box;
    private final Accounting accounting;

    Weak(RcBox<T> box, Accounting accounting) {
        super("Weak");
        this.box = box;
        this.accounting = accounting;
    }

    /**
     * {@return a Weak that points nowhere and allocates nothing} Rust's {@code Weak::new()}.
     *
     * @param <T> the value's Java view
     */
    public static <T> Weak<T> dangling() {
        return new Weak<>(null, new Accounting());
    }

    /**
     * {@return the Weak whose block holds the value at {@code valueAddress}} Rust's {@code Weak::from_raw_in}.
     *
     * <p>Preconditions: {@code valueAddress} came from {@link #intoRaw()} with the same allocator and codec, and
     * is taken back once.
     *
     * @param allocator    the block's allocator
     * @param codec        the value's type
     * @param valueAddress the value's address, or {@link #DANGLING_ADDRESS}
     * @param <T>          the value's Java view
     */
    public static <T> Weak<T> fromRaw(Allocator allocator, ElementCodec<T> codec, long valueAddress) {
        return new Weak<>(valueAddress == DANGLING_ADDRESS ? null
            : RcBox.ofValueAddress(allocator, codec, valueAddress), new Accounting());
    }

    /** {@return a new strong reference if the value is still alive (strong > 0), else empty} (C3) */
    public Optional<Rc<T>> upgrade() {
        checkLive("upgrade");
        if (box == null || box.strong() == 0) {
            return Optional.empty();
        }
        box.setStrong(box.strong() + 1);
        return Optional.of(new Rc<>(box, new Accounting()));
    }

    /** {@return the number of strong references; 0 when dangling} Rust's {@code Weak::strong_count} (C2). */
    public long strongCount() {
        checkLive("strong_count");
        return box == null ? 0 : box.strong();
    }

    /**
     * {@return the number of Weaks (without the implicit one) while the value lives; 0 once it is dropped or when
     * dangling} Rust's {@code Weak::weak_count} (C2).
     */
    public long weakCount() {
        checkLive("weak_count");
        return box == null || box.strong() == 0 ? 0 : box.weak() - 1;
    }

    /** {@return another Weak to the same block: weak + 1 (nothing for a dangling Weak)} (C3) */
    @Override
    public Weak<T> clone() {
        checkLive("clone");
        if (box != null) {
            box.setWeak(box.weak() + 1);
        }
        return new Weak<>(box, new Accounting());
    }

    /** {@return the block address, or {@link #DANGLING_ADDRESS}} */
    public long blockAddress() {
        checkLive("as_ptr");
        return box == null ? DANGLING_ADDRESS : box.address;
    }

    /**
     * {@return whether both point to the same block; two dangling Weaks are equal} Rust's {@code Weak::ptr_eq} (C9).
     *
     * @param other another Weak
     */
    public boolean ptrEq(Weak<?> other) {
        return blockAddress() == other.blockAddress();
    }

    /** {@return the value's address (or {@link #DANGLING_ADDRESS}); this handle is moved} Rust's {@code Weak::into_raw}. */
    public long intoRaw() {
        markMoved("into_raw");
        return box == null ? DANGLING_ADDRESS : box.valueAddress();
    }

    @Override
    public HandleStats stats() {
        return accounting.snapshot();
    }

    @Override
    long ownedBlockAddress() {
        return box == null ? DANGLING_ADDRESS : box.address;
    }

    @Override
    long ownedBlockByteSize() {
        return box == null ? 0 : box.layout.byteSize();
    }

    @Override
    long ownedBlockAlignment() {
        return box == null ? 1 : box.layout.byteAlignment();
    }

    /** weak − 1; frees the block at 0 (C4); nothing for a dangling Weak. */
    @Override
    void drop() {
        if (box != null) {
            box.releaseWeak(accounting);
        }
    }
}
