package io.heaplab.harness.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * jemalloc 5 through its unprefixed C API ({@code malloc}, {@code aligned_alloc}, {@code free}, {@code realloc}, {@code malloc_usable_size}) looked up in {@code libjemalloc.so.2} itself, so the JVM's own malloc stays glibc's. Loading it needs {@code GLIBC_TUNABLES=glibc.rtld.optional_static_tls=16384} in the JVM's environment (jemalloc uses static TLS); the launcher sets it.
 *
 * @implSpec Stateless; the handles are bound once, when this class is initialised. If the library cannot be loaded
 * the handles stay {@code null} and {@link #UNAVAILABLE_REASON} says why.
 */
@SuppressWarnings("restricted") // native access is enabled for every heaplab JVM (launcher, manifest, forks)
final class JemallocCalls implements NativeCalls {

    /** The shared library. */
    static final String LIBRARY = "libjemalloc.so.2";
    /** Why the library could not be bound, or {@code null} if it was. */
    static final String UNAVAILABLE_REASON;
    /** The one instance. */
    static final JemallocCalls INSTANCE = new JemallocCalls();

    private static final MethodHandle MALLOC;
    private static final MethodHandle ALIGNED;
    private static final MethodHandle FREE;
    private static final MethodHandle REALLOC;
    private static final MethodHandle USABLE_SIZE;


    static {
        MethodHandle malloc = null, aligned = null, free = null, realloc = null, usable = null;

        String reason = null;
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            malloc = NativeCalls.bind(lookup, "malloc", NativeCalls.LONG_LONG);
            aligned = NativeCalls.bind(lookup, "aligned_alloc", NativeCalls.LONG_LONG_LONG);
            free = NativeCalls.bind(lookup, "free", NativeCalls.VOID_LONG);
            realloc = NativeCalls.bind(lookup, "realloc", NativeCalls.LONG_LONG_LONG);
            usable = NativeCalls.bind(lookup, "malloc_usable_size", NativeCalls.LONG_LONG);

        } catch (RuntimeException | LinkageError e) {
            reason = NativeLibraries.describeLoadFailure(LIBRARY, e);
        }
        UNAVAILABLE_REASON = reason;
        MALLOC = malloc;
        ALIGNED = aligned;
        FREE = free;
        REALLOC = realloc;
        USABLE_SIZE = usable;

    }

    private JemallocCalls() {
    }

    @Override
    public long malloc(long byteSize) {
        try {
            return (long) MALLOC.invokeExact(byteSize);
        } catch (Throwable t) {
            throw new IllegalStateException("malloc failed", t);
        }
    }

    @Override
    public long alignedAlloc(long byteSize, long byteAlignment) {
        try {
            return (long) ALIGNED.invokeExact(byteAlignment, byteSize);
        } catch (Throwable t) {
            throw new IllegalStateException("aligned_alloc failed", t);
        }
    }

    @Override
    public void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }

    @Override
    public long realloc(long address, long newByteSize) {
        try {
            return (long) REALLOC.invokeExact(address, newByteSize);
        } catch (Throwable t) {
            throw new IllegalStateException("realloc failed", t);
        }
    }

    @Override
    public long usableSize(long address) {
        try {
            return (long) USABLE_SIZE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("malloc_usable_size failed", t);
        }
    }

    @Override
    public String library() {
        return LIBRARY;
    }
}
