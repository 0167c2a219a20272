package io.heaplab.harness.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * mimalloc 2 through its prefixed API: {@code mi_malloc}, {@code mi_malloc_aligned}, {@code mi_free}, {@code mi_realloc}, {@code mi_realloc_aligned}, {@code mi_usable_size}.
 *
 * @implSpec Stateless; the handles are bound once, when this class is initialised. If the library cannot be loaded
 * the handles stay {@code null} and {@link #UNAVAILABLE_REASON} says why.
 */
@SuppressWarnings("restricted") // native access is enabled for every heaplab JVM (launcher, manifest, forks)
final class MimallocCalls implements NativeCalls {

    /** The shared library. */
    static final String LIBRARY = "libmimalloc.so.2";
    /** Why the library could not be bound, or {@code null} if it was. */
    static final String UNAVAILABLE_REASON;
    /** The one instance. */
    static final MimallocCalls INSTANCE = new MimallocCalls();

    private static final MethodHandle MALLOC;
    private static final MethodHandle ALIGNED;
    private static final MethodHandle FREE;
    private static final MethodHandle REALLOC;
    private static final MethodHandle USABLE_SIZE;
    private static final MethodHandle REALLOC_ALIGNED;

    static {
        MethodHandle malloc = null, aligned = null, free = null, realloc = null, usable = null;
        MethodHandle reallocAligned = null;
        String reason = null;
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            malloc = NativeCalls.bind(lookup, "mi_malloc", NativeCalls.LONG_LONG);
            aligned = NativeCalls.bind(lookup, "mi_malloc_aligned", NativeCalls.LONG_LONG_LONG);
            free = NativeCalls.bind(lookup, "mi_free", NativeCalls.VOID_LONG);
            realloc = NativeCalls.bind(lookup, "mi_realloc", NativeCalls.LONG_LONG_LONG);
            usable = NativeCalls.bind(lookup, "mi_usable_size", NativeCalls.LONG_LONG);
            reallocAligned = NativeCalls.bind(lookup, "mi_realloc_aligned", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        } catch (RuntimeException | LinkageError e) {
            reason = NativeLibraries.describeLoadFailure(LIBRARY, e);
        }
        UNAVAILABLE_REASON = reason;
        MALLOC = malloc;
        ALIGNED = aligned;
        FREE = free;
        REALLOC = realloc;
        USABLE_SIZE = usable;
        REALLOC_ALIGNED = reallocAligned;
    }

    private MimallocCalls() {
    }

    @Override
    public long malloc(long byteSize) {
        try {
            return (long) MALLOC.invokeExact(byteSize);
        } catch (Throwable t) {
            throw new IllegalStateException("mi_malloc failed", t);
        }
    }

    @Override
    public long alignedAlloc(long byteSize, long byteAlignment) {
        try {
            return (long) ALIGNED.invokeExact(byteSize, byteAlignment);
        } catch (Throwable t) {
            throw new IllegalStateException("mi_malloc_aligned failed", t);
        }
    }

    @Override
    public void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("mi_free failed", t);
        }
    }

    @Override
    public long realloc(long address, long newByteSize) {
        try {
            return (long) REALLOC.invokeExact(address, newByteSize);
        } catch (Throwable t) {
            throw new IllegalStateException("mi_realloc failed", t);
        }
    }

    @Override
    public long reallocAligned(long address, long oldByteSize, long newByteSize, long byteAlignment) {
        try {
            return (long) REALLOC_ALIGNED.invokeExact(address, newByteSize, byteAlignment);
        } catch (Throwable t) {
            throw new IllegalStateException("mi_realloc_aligned failed", t);
        }
    }

    @Override
    public long usableSize(long address) {
        try {
            return (long) USABLE_SIZE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("mi_usable_size failed", t);
        }
    }

    @Override
    public String library() {
        return LIBRARY;
    }
}
