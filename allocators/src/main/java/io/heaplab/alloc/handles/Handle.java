package io.heaplab.alloc.handles;

import io.heaplab.alloc.checked.MisuseKind;
import io.heaplab.alloc.checked.TaggedAddress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An owning handle to memory in a heaplab allocator: Rust's ownership rules, checked at run time.
 *
 * <h2>States</h2>
 * <pre>
 *   LIVE --close()--&gt; DROPPED        (memory released; a second close() throws DOUBLE_DROP)
 *   LIVE --move----&gt; MOVED          (ownership went to a new handle; close() is a no-op, like a moved-from
 *                                    Rust variable that is not dropped)
 * </pre>
 * Every other operation requires {@code LIVE} and otherwise throws an {@link OwnershipException} of kind
 * {@link MisuseKind#USE_AFTER_MOVE} or {@link MisuseKind#USE_AFTER_DROP} naming the handle, the block it owned when
 * it left {@code LIVE} and the operation: {@code use of moved value: Vec@1f (block 0x40, 16 B, align 4) in push},
 * {@code use after drop of Vec@1f (block 0x40, 16 B, align 4) in push}.
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
    /** The block owned when the handle left LIVE, for messages; size 0 when it owned none. */
    private long lastBlockAddress;
    private long lastBlockByteSize;
    private long lastBlockAlignment;

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
            throw state == MOVED
                ? new OwnershipException(MisuseKind.USE_AFTER_MOVE,
                    "use of moved value: " + name + lastBlock() + " in " + operation)
                : new OwnershipException(MisuseKind.USE_AFTER_DROP,
                    "use after drop of " + name + lastBlock() + " in " + operation);
        }
    }

    /** {@return {@code " (block 0x40, 16 B, align 8)"} for the block owned when leaving LIVE, or "" for none} */
    private String lastBlock() {
        return lastBlockByteSize == 0 ? "" : " (block 0x" + Long.toHexString(TaggedAddress.untag(lastBlockAddress))
            + ", " + lastBlockByteSize + " B, align " + lastBlockAlignment + ")";
    }

    /** Records the block owned now, for the messages of later misuse; called when leaving LIVE. */
    private void rememberBlock() {
        lastBlockByteSize = ownedBlockByteSize();
        lastBlockAddress = ownedBlockAddress();
        lastBlockAlignment = ownedBlockAlignment();
    }

    /** {@return the address of the block this live handle owns (or shares), if {@link #ownedBlockByteSize} > 0} */
    abstract long ownedBlockAddress();

    /** {@return the size in bytes of the block this live handle owns (or shares); 0 if it owns none} */
    abstract long ownedBlockByteSize();

    /** {@return the alignment of the block this live handle owns (or shares), if {@link #ownedBlockByteSize} > 0} */
    abstract long ownedBlockAlignment();

    /**
     * Gives up ownership: after this, only {@code close()} (a no-op) may be called.
     *
     * @param operation the moving operation's name, for the message if the handle is not live
     * @throws OwnershipException if the handle was already moved or dropped
     */
    final void markMoved(String operation) {
        checkLive(operation);
        rememberBlock();
        state = MOVED;
    }

    /**
     * Drops this handle (Rust's {@code Drop}): releases what it owns, as described by the subclass.
     * Closing a moved handle does nothing (ownership went elsewhere), which is what makes try-with-resources safe
     * around a move.
     *
     * @throws OwnershipException of kind {@link MisuseKind#DOUBLE_DROP} if the handle was already dropped
     *                            ({@code double drop of Vec@1f (block 0x40, 16 B, align 4)})
     */
    @Override
    public final void close() {
        if (state == MOVED) {
            return;
        }
        if (state == DROPPED) {
            throw new OwnershipException(MisuseKind.DOUBLE_DROP, "double drop of " + name + lastBlock());
        }
        rememberBlock();
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
