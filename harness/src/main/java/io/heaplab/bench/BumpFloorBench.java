package io.heaplab.bench;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Allocators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The floor: a bare pointer bump over a {@link MemorySegment} (align, bounds check, one 8-byte store), against
 * heaplab's {@code bump} allocator doing the same through the {@link Allocator} interface with full statistics.
 * The target is {@code bumpAllocator} within 1.2× of {@code bareBumpFloor}.
 *
 * <pre>./heaplab bench BumpFloorBench -prof gc</pre>
 */
@State(Scope.Thread)
public class BumpFloorBench extends AllocatorBenchDefaults {

    private static final long HEAP_BYTES = 64L << 20;
    private static final long BLOCK_BYTES = 64;
    private static final long ALIGN = 8;

    private Arena arena;
    private MemorySegment segment;
    private long top;
    private Allocator bump;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        segment = arena.allocate(HEAP_BYTES, 4096);
        bump = Allocators.bump(HEAP_BYTES);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        bump.close();
    }

    /** {@return the block} A bump with no API, no statistics: the floor. */
    @Benchmark
    public long bareBumpFloor() {
        long start = (top + ALIGN - 1) & -ALIGN;
        if (start > HEAP_BYTES - BLOCK_BYTES) {
            start = 0;
        }
        top = start + BLOCK_BYTES;
        segment.set(ValueLayout.JAVA_LONG, start, start);
        return start;
    }

    /** {@return the block} heaplab's bump allocator; reset when the heap is full, as the floor wraps. */
    @Benchmark
    public long bumpAllocator() {
        long start = bump.allocate(BLOCK_BYTES, ALIGN);
        if (start == Allocator.FAILED) {
            bump.reset();
            start = bump.allocate(BLOCK_BYTES, ALIGN);
        }
        bump.memory().set(ValueLayout.JAVA_LONG, start, start);
        return start;
    }
}
