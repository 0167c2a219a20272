package io.heaplab.alloc.handles;

/**
 * A handle was used in a way Rust's borrow checker rejects at compile time, caught here at run time:
 * <ul>
 *   <li>{@code use of moved value: Vec@1f in push} — any operation on a handle after it was moved
 *       ({@code moveTo}, {@code into...}, {@code leak});</li>
 *   <li>{@code use of dropped value: Vec@1f in push} — any operation after {@code close()};</li>
 *   <li>{@code double drop of Box@2a} — a second {@code close()}.</li>
 * </ul>
 * The handle's state is unchanged by the failed call; nothing in the allocator is touched.
 */
public final class OwnershipException extends IllegalStateException {

    /** @param message one line naming the handle and the operation */
    public OwnershipException(String message) {
        super(message);
    }
}
