package io.heaplab.harness.natives;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;

/**
 * A system allocator (glibc, jemalloc, mimalloc) behind heaplab's {@link Allocator} interface, so that a trace can
 * be replayed on it in the same JVM and the same way as on a research allocator.
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li>{@link #memory()} spans the whole address space, so block addresses are absolute pointers.</li>
 *   <li>allocate: alignment ≤ 8 → {@code malloc}; larger → the library's aligned allocation (jemalloc and
 *       mimalloc return only 8-byte alignment for blocks of 8 or 24 bytes). Size 0 → the dangling address, no
 *       call. A {@code NULL} result → {@link #FAILED}.</li>
 *   <li>reallocate: {@code realloc}, or the library's aligned reallocation when the alignment is above 8; in place
 *       when the address is unchanged.</li>
 *   <li>usableSize: {@code malloc_usable_size} / {@code mi_usable_size}.</li>
 * </ul>
 *
 * <h2>What is not observable</h2>
 * The library's heap footprint, free bytes and largest free block are not observable through the C API (their
 * memory comes from the OS in chunks shared with everything else in the process), so {@link #stats()} reports
 * {@code heapBytes = -1}, {@code footprintBytes = 0}, {@code freeBytes = -1} and {@code largestFreeBlockBytes = -1}:
 * unavailable, not invented. Granted bytes in the statistics equal requested bytes, because asking the library for
 * each block's usable size would add a downcall to every allocation; call {@link #usableSize} for the real figure
 * (heaplab's measuring replay does).
 *
 * @implSpec Not thread-safe (like every heaplab allocator), though the C functions are. {@link #reset()} is not
 * supported: free each block instead. {@link #close()} frees nothing; blocks still live leak.
 */
public final class NativeAllocator implements Allocator {

    /** Alignment up to which plain {@code malloc} is used. */
    private static final long MALLOC_ALIGNMENT = 8;

    private final String name;
    private final NativeCalls calls;
    private final StatsCounter stats = new StatsCounter();

    NativeAllocator(String name, NativeCalls calls) {
        this.name = name;
        this.calls = calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MemorySegment memory() {
        return NativeCalls.ALL_MEMORY;
    }

    @Override
    public long heapBytes() {
        return -1;
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        long address = byteAlignment <= MALLOC_ALIGNMENT ? calls.malloc(byteSize)
            : calls.alignedAlloc(byteSize, byteAlignment);
        if (address == 0) {
            stats.failed();
            return FAILED;
        }
        stats.allocated(byteSize, byteSize);
        return address;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return;
        }
        calls.free(address);
        stats.deallocated(byteSize, byteSize);
    }

    @Override
    public long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize) {
        Layout.check(oldByteSize, byteAlignment);
        Layout.check(newByteSize, byteAlignment);
        if (oldByteSize == 0) {
            return allocate(newByteSize, byteAlignment);
        }
        if (newByteSize == 0) {
            deallocate(address, oldByteSize, byteAlignment);
            return byteAlignment;
        }
        long moved = byteAlignment <= MALLOC_ALIGNMENT ? calls.realloc(address, newByteSize)
            : calls.reallocAligned(address, oldByteSize, newByteSize, byteAlignment);
        if (moved == 0) {
            stats.failed();
            return FAILED;
        }
        stats.reallocated(moved == address, oldByteSize, oldByteSize, newByteSize, newByteSize);
        return moved;
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        return byteSize == 0 ? 0 : calls.usableSize(address);
    }

    @Override
    public AllocatorStats stats() {
        return stats.snapshot(-1, -1, -1, 0);
    }

    /**
     * Not supported.
     *
     * @throws UnsupportedOperationException always: a native allocator cannot free every block at once
     */
    @Override
    public void reset() {
        throw new UnsupportedOperationException(name + " cannot free every block at once; free them one by one");
    }

    @Override
    public void close() {
        // Nothing to release: the library's memory belongs to the process.
    }

    @Override
    public String toString() {
        return name + "[" + calls.library() + "]";
    }
}
