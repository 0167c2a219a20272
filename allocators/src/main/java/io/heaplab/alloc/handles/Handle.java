package io.heaplab.alloc.handles;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An owning handle to memory in a heaplab allocator: Rust's ownership rules, checked at run time.
 *
 * <h2>States</h2>
 * <pre>
 *   LIVE --close()--&gt; DROPPED        (memory released; a second close() throws "double drop of ...")
 *   LIVE --move----&gt; MOVED          (ownership went to a new handle; close() is a no-op, like a moved-from
 *                                    Rust variable that is not dropped)
 * </pre>
 * Every other operation requires {@code LIVE} and otherwise throws an {@link OwnershipException} naming the handle
 * and the operation: {@code use of moved value: Vec@1f in push} or {@code use of dropped value: Vec@1f in push}.
 *
 * <p>Each handle has a name {@code Kind@id} ({@code Vec@1f}, {@code String@20}, {@code Box@21}), where {@code id}
 * is a process-wide counter in hex, so messages identify the Java object, not only the address.
 *
 * @implSpec Not thread-safe: like the allocators, one thread uses a handle at a time.
 */
public abstract sealed class Handle implements AutoCloseable permits AbstractVec, RustString, Box, Rc, Weak {

    private static final AtomicLong IDS = new AtomicLong();
    private static final byte LIVE = 0;
    private static final byte MOVED = 1;
    private static final byte DROPPED = 2;

    private final String name;
    /** One of LIVE, MOVED, DROPPED; only ever leaves LIVE. */
    private byte state = LIVE;

    Handle(String kind) {
        this.name = kind + "@" + Long.toHexString(IDS.incrementAndGet());
    }

    /** {@return this handle's name, e.g. {@code Vec@1f}, as used in ownership messages} */
    public final String handleName() {
        return name;
    }

    /** {@return whether this handle still owns its memory (neither moved nor dropped)} */
    public final boolean isLive() {
        return state == LIVE;
    }

    /** {@return a snapshot of what this handle has asked of its allocator} */
    public abstract HandleStats stats();

    /**
     * Checks that this handle is live before {@code operation}.
     *
     * @param operation the operation's name, for the message
     * @throws OwnershipException if the handle was moved or dropped
     */
    final void checkLive(String operation) {
        if (state != LIVE) {
            throw new OwnershipException((state == MOVED ? "use of moved value: " : "use of dropped value: ")
                + name + " in " + operation);
        }
    }

    /**
     * Gives up ownership: after this, only {@code close()} (a no-op) may be called.
     *
     * @param operation the moving operation's name, for the message if the handle is not live
     * @throws OwnershipException if the handle was already moved or dropped
     */
    final void markMoved(String operation) {
        checkLive(operation);
        state = MOVED;
    }

    /**
     * Drops this handle (Rust's {@code Drop}): releases what it owns, as described by the subclass.
     * Closing a moved handle does nothing (ownership went elsewhere), which is what makes try-with-resources safe
     * around a move.
     *
     * @throws OwnershipException if the handle was already dropped ({@code double drop of Vec@1f})
     */
    @Override
    public final void close() {
        if (state == MOVED) {
            return;
        }
        if (state == DROPPED) {
            throw new OwnershipException("double drop of " + name);
        }
        state = DROPPED;
        drop();
    }

    /** Releases what this handle owns; called once, by {@link #close()}. */
    abstract void drop();

    @Override
    public String toString() {
        return name;
    }
}
