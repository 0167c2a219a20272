package io.heaplab.bench;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Allocators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * The floor: a bare pointer bump over a {@link MemorySegment} (align, bounds check, one 8-byte store), against
 * heaplab's {@code bump} allocator doing the same through the {@link Allocator} interface with full statistics.
 * The target is {@code bumpAllocator} within 1.2× of {@code bareBumpFloor}.
 *
 * <pre>./heaplab bench BumpFloorBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class BumpFloorBench {

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
