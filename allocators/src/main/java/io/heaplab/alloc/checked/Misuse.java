package io.heaplab.alloc.checked;

/**
 * A detected misuse, thrown as an exception whose message is the stable one-line report: implemented by
 * {@link MisuseException} (allocator misuse caught by a {@link CheckedAllocator}) and by
 * {@code io.heaplab.alloc.handles.OwnershipException} (handle misuse), so callers can handle both alike:
 * <pre>{@code
 * catch (RuntimeException e) { if (e instanceof Misuse m) count(m.kind(), e.getMessage()); else throw e; }
 * }</pre>
 */
public interface Misuse {

    /** {@return what was misused} */
    MisuseKind kind();
}
