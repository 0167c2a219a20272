package io.heaplab.alloc.spi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * One off-heap region that a research allocator manages: the "heap".
 *
 * <p>On Linux the region is an anonymous private {@code mmap} with {@code MAP_NORESERVE}: pages are committed only
 * when first touched, so a 64 GiB heap costs nothing until used and untouched bytes never count against the
 * machine (footprint then means what it means for malloc: bytes the program actually reached); if the kernel refuses
 * the mapping, {@link #allocate} throws. Elsewhere, or if {@code mmap} cannot be linked, it falls back to
 * {@link Arena#ofShared()} (zero-filled and committed up front).
 * Either way the memory reads as zero initially.
 *
 * @implSpec Closing is idempotent. Not thread-safe.
 */
public final class HeapSegment implements AutoCloseable {

    /**
     * Alignment of the heap's first byte: 2 MiB (a huge page), so a block offset aligned to any alignment up to
     * 2 MiB is also an absolute address aligned to it.
     */
    public static final long BASE_ALIGNMENT = 2L << 20;

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS_NORESERVE = 0x02 | 0x20 | 0x4000;
    private static final boolean LINUX =
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    private static final MethodHandle MMAP = LINUX ? downcall("mmap",
        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)) : null;
    private static final MethodHandle MUNMAP = MMAP == null ? null : downcall("munmap",
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    /** {@return a downcall handle to the C library function {@code name}, or null if it cannot be linked} */
    @SuppressWarnings("restricted") // a libc call with a fixed signature; heaplab runs with --enable-native-access
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.downcallHandle(linker.defaultLookup().findOrThrow(name), descriptor);
        } catch (RuntimeException | LinkageError unavailable) {
            return null;
        }
    }

    private final MemorySegment segment;
    private final Arena arena;

    private HeapSegment(MemorySegment segment, Arena arena) {
        this.segment = segment;
        this.arena = arena;
    }

    /**
     * {@return a new zero-filled heap of {@code byteSize} bytes, its first byte aligned to {@link #BASE_ALIGNMENT}}
     *
     * @param byteSize heap capacity in bytes, positive
     * @throws IllegalArgumentException if {@code byteSize} is not positive
     * @throws IllegalStateException    if the operating system refuses the memory (the message says
     *                                  {@code cannot reserve a heap of N bytes: ...}); never an
     *                                  {@link OutOfMemoryError}
     */
    @SuppressWarnings("restricted") // reinterpret of our own mapping; heaplab runs with --enable-native-access
    public static HeapSegment allocate(long byteSize) {
        if (byteSize <= 0) {
            throw new IllegalArgumentException("heap size must be positive: " + byteSize);
        }
        // The arena gives the segment a lifetime: once closed, any access throws IllegalStateException
        // instead of touching unmapped memory.
        Arena arena = Arena.ofShared();
        if (MMAP != null && MUNMAP != null) {
            // Over-map by the base alignment and use the aligned part; untouched pages cost nothing. No fallback if
            // the kernel refuses: the arena's allocation would commit and zero-fill the whole heap up front.
            long mappedBytes = byteSize + BASE_ALIGNMENT;
            long mapped = mappedBytes < 0 ? -1L : map(mappedBytes);
            if (mapped == -1L || mapped == 0L) {
                arena.close();
                throw new IllegalStateException("cannot reserve a heap of " + byteSize
                    + " bytes: the operating system refused the mapping");
            }
            long base = (mapped + BASE_ALIGNMENT - 1) & -BASE_ALIGNMENT;
            MemorySegment heap = MemorySegment.ofAddress(base)
                .reinterpret(byteSize, arena, ignored -> unmap(mapped, mappedBytes));
            return new HeapSegment(heap, arena);
        }
        try {
            return new HeapSegment(arena.allocate(byteSize, BASE_ALIGNMENT), arena);
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            arena.close();
            throw new IllegalStateException("cannot reserve a heap of " + byteSize + " bytes: " + e.getMessage(), e);
        }
    }

    /** {@return the address of a new private anonymous {@code MAP_NORESERVE} mapping, or -1 if refused} */
    private static long map(long byteSize) {
        try {
            MemorySegment mapping = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, byteSize,
                PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_NORESERVE, -1, 0L);
            return mapping.address();
        } catch (Throwable t) {
            return -1L;
        }
    }

    @SuppressWarnings("restricted")
    private static void unmap(long address, long byteSize) {
        try {
            int rc = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), byteSize);
            assert rc == 0 : "munmap failed for " + Long.toHexString(address);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed", t);
        }
    }

    /** {@return the heap's memory} */
    public MemorySegment segment() {
        return segment;
    }

    /** {@return the heap's capacity in bytes} */
    public long byteSize() {
        return segment.byteSize();
    }

    /** Returns the memory to the operating system; later calls do nothing. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
