package io.heaplab.alloc.handles;

import io.heaplab.alloc.checked.Misuse;
import io.heaplab.alloc.checked.MisuseKind;

/**
 * A handle was used in a way Rust's borrow checker rejects at compile time, caught here at run time, and reported as
 * the checked layer reports allocator misuse: with a {@link MisuseKind} and one stable line naming the misuse, the
 * handle, the block it owned (address, size in bytes, alignment) and the operation:
 * <ul>
 *   <li>{@link MisuseKind#USE_AFTER_MOVE}: {@code use of moved value: Vec@1f (block 0x40, 16 B, align 4) in push}
 *       — any operation on a handle after it was moved ({@code moveTo}, {@code into...}, {@code leak});</li>
 *   <li>{@link MisuseKind#USE_AFTER_DROP}: {@code use after drop of Box@2a (block 0x40, 8 B, align 8) in deref}
 *       — any operation after {@code close()};</li>
 *   <li>{@link MisuseKind#DOUBLE_DROP}: {@code double drop of Box@2a (block 0x40, 8 B, align 8)} — a second
 *       {@code close()}.</li>
 * </ul>
 * The block is the one the handle owned when it was moved or dropped (untagged, in hexadecimal, as the checked
 * layer prints addresses); a handle that owned no block (an empty {@code Vec}, a zero-size {@code Box}, a dangling
 * {@code Weak}) has no {@code (block ...)} part. The handle's state is unchanged by the failed call; nothing in the
 * allocator is touched. Callers may handle this and {@link io.heaplab.alloc.checked.MisuseException} alike through
 * {@link Misuse}.
 */
public final class OwnershipException extends IllegalStateException implements Misuse {

    private static final long serialVersionUID = 1L;

    private final MisuseKind kind;

    /**
     * @param kind    {@link MisuseKind#USE_AFTER_MOVE}, {@link MisuseKind#USE_AFTER_DROP} or
     *                {@link MisuseKind#DOUBLE_DROP}
     * @param message one line naming the misuse, the handle, its block and the operation
     * @throws IllegalArgumentException if {@code kind} is not a handle misuse
     */
    public OwnershipException(MisuseKind kind, String message) {
        super(message);
        if (kind != MisuseKind.USE_AFTER_MOVE && kind != MisuseKind.USE_AFTER_DROP && kind != MisuseKind.DOUBLE_DROP) {
            throw new IllegalArgumentException("not a handle misuse: " + kind);
        }
        this.kind = kind;
    }

    /** {@return which ownership rule was broken} */
    @Override
    public MisuseKind kind() {
        return kind;
    }
}
