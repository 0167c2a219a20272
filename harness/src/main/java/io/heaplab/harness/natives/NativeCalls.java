package io.heaplab.harness.natives;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C allocation functions of one native library, bound as FFM downcalls.
 *
 * <p>Every implementation keeps its method handles in {@code static final} fields, so that once a JVM has used
 * one library its calls are constants the JIT inlines. Pointers and {@code size_t} are passed as {@code long}
 * (identical in the x86-64 and AArch64 C calling conventions), so a call creates no {@code MemorySegment}.
 * Downcalls use {@link Linker.Option#critical(boolean) critical(false)}: no thread-state transition, which halves
 * the cost of a call (toolchain notes: 13-15 ns vs 24-26 ns per malloc+free pair); these functions are short and
 * never call back into Java.
 *
 * @implSpec Implementations are stateless and thread-safe, like the C functions.
 */
@SuppressWarnings("restricted") // native access is enabled for every heaplab JVM (launcher, manifest, forks)
sealed interface NativeCalls permits GlibcCalls, JemallocCalls, MimallocCalls {

    /** All of memory: addresses returned by these functions are absolute offsets into it. */
    MemorySegment ALL_MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** {@return {@code malloc(byteSize)}, 0 on failure} @param byteSize bytes */
    long malloc(long byteSize);

    /**
     * {@return a block of {@code byteSize} bytes aligned to {@code byteAlignment}, 0 on failure}
     *
     * @param byteSize      bytes
     * @param byteAlignment a power of two above 8
     */
    long alignedAlloc(long byteSize, long byteAlignment);

    /** Frees a block. @param address a block address */
    void free(long address);

    /**
     * {@return {@code realloc(address, newByteSize)}, 0 on failure (the block is then unchanged)}
     *
     * @param address     a block address
     * @param newByteSize bytes
     */
    long realloc(long address, long newByteSize);

    /**
     * {@return the block resized to {@code newByteSize} bytes and aligned to {@code byteAlignment}, 0 on failure}
     * The default reallocates, and if the result is not aligned moves it to an aligned block.
     *
     * @param address       a block address
     * @param oldByteSize   the block's size, to know how much to copy
     * @param newByteSize   bytes
     * @param byteAlignment a power of two above 8
     */
    default long reallocAligned(long address, long oldByteSize, long newByteSize, long byteAlignment) {
        long moved = realloc(address, newByteSize);
        if (moved == 0 || (moved & (byteAlignment - 1)) == 0) {
            return moved;
        }
        long aligned = alignedAlloc(newByteSize, byteAlignment);
        if (aligned == 0) {
            return 0; // the data stays in 'moved', which the caller no longer knows: C's realloc has the same hole
        }
        MemorySegment.copy(ALL_MEMORY, moved, ALL_MEMORY, aligned, Math.min(oldByteSize, newByteSize));
        free(moved);
        return aligned;
    }

    /** {@return the usable size of a block ({@code malloc_usable_size})} @param address a block address */
    long usableSize(long address);

    /** {@return the shared library's file name, e.g. {@code libjemalloc.so.2}} */
    String library();

    /**
     * {@return a downcall handle for {@code name} in {@code lookup}}
     *
     * @param lookup     where to find the symbol
     * @param name       the C function's name
     * @param descriptor its signature
     * @throws java.util.NoSuchElementException if the symbol is missing
     */
    static MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(lookup.findOrThrow(name), descriptor,
            Linker.Option.critical(false));
    }

    /** {@code long f(long)}. */
    FunctionDescriptor LONG_LONG = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    /** {@code long f(long, long)}. */
    FunctionDescriptor LONG_LONG_LONG = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
        ValueLayout.JAVA_LONG);
    /** {@code void f(long)}. */
    FunctionDescriptor VOID_LONG = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG);
}
