package io.heaplab.harness.natives;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;

/**
 * The allocator that does nothing: every request returns the dangling address (the alignment), frees and resets do
 * nothing, reallocation keeps the address. Replaying a trace on it measures the replay engine's own cost, the floor
 * under every other allocator's figure.
 *
 * <p>Its blocks have no memory ({@link #memory()} is empty): never read or write them, so never replay on it with
 * verification. Layouts are not checked either, to keep the floor a floor.
 *
 * @implSpec Stateless apart from an always-empty statistics counter; thread-safe.
 */
public final class NoOpAllocator implements Allocator {

    private final StatsCounter stats = new StatsCounter();

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public MemorySegment memory() {
        return MemorySegment.NULL;
    }

    @Override
    public long heapBytes() {
        return -1;
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        return byteAlignment;
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        // nothing
    }

    @Override
    public long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize) {
        return address;
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        return byteSize;
    }

    @Override
    public AllocatorStats stats() {
        return stats.snapshot(-1, -1, -1, 0);
    }

    @Override
    public void reset() {
        // nothing to reset
    }

    @Override
    public void close() {
        // nothing to release
    }
}
