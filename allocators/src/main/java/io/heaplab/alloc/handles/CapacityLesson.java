package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.AllocatorStats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Why {@code Vec::with_capacity} matters, measured: the same {@code n} pushes of one element type on one allocator,
 * grown three ways (the cases of {@code heaplab teach capacity}).
 *
 * <ol>
 *   <li>{@link Growth#NEW}: {@code Vec::new()} then {@code n} pushes: amortized doubling, about
 *       {@code log2(n / 4)} reallocations (Rust 1.95, {@code i32}, n = 1000: 1 allocation of 16 bytes, 8
 *       reallocations, 4080 bytes preserved).</li>
 *   <li>{@link Growth#WITH_CAPACITY}: {@code Vec::with_capacity(n)} then {@code n} pushes: one allocation, no
 *       reallocation.</li>
 *   <li>{@link Growth#RESERVE_EXACT_EACH}: {@code reserve_exact(1)} before every push: {@code n - 1}
 *       reallocations; if each one moves, {@code size * n(n-1)/2} bytes are copied (quadratic), unless the
 *       allocator grows in place.</li>
 * </ol>
 * A vector alone in a heap can often grow in place, because nothing follows its block. With
 * {@link Setup#neighbours()} every push is followed by a live 16-byte allocation, as other objects of a real
 * program would be, so growth in place needs free space the allocator can find after the buffer.
 * Each case runs on a fresh allocator and ends by dropping the vector, so the counts include the final free.
 */
public final class CapacityLesson {

    /** Smallest default heap: room for alignment and allocator metadata (slabs) on small runs. */
    private static final long MIN_HEAP_BYTES = 1L << 20;
    /** Largest default heap (reserved lazily, see {@code HeapSegment}); pass a heap size to go beyond. */
    private static final long MAX_DEFAULT_HEAP_BYTES = 1L << 36;
    /** Size and alignment of a neighbour block. */
    private static final long NEIGHBOUR_BYTES = 16;

    private CapacityLesson() {
    }

    /** The three ways of growing a vector to {@code n} elements. */
    public enum Growth {
        /** {@code Vec::new()} + n pushes. */
        NEW("new", "Vec::new() + n x push"),
        /** {@code Vec::with_capacity(n)} + n pushes. */
        WITH_CAPACITY("with_capacity", "Vec::with_capacity(n) + n x push"),
        /** {@code reserve_exact(1)} before every push. */
        RESERVE_EXACT_EACH("reserve_exact_1", "Vec::new() + n x (reserve_exact(1); push)");

        private final String key;
        private final String rust;

        Growth(String key, String rust) {
            this.key = key;
            this.rust = rust;
        }

        /** {@return a short machine-readable name, e.g. {@code with_capacity}} */
        public String key() {
            return key;
        }

        /** {@return the Rust program this case runs} */
        public String rust() {
            return rust;
        }
    }

    /**
     * What every case of one lesson shares.
     *
     * @param element    the element type
     * @param pushes     number of pushes, non-negative
     * @param heapBytes  heap size of each fresh allocator, in bytes
     * @param neighbours whether a live 16-byte block is allocated after every push (freed after the vector)
     */
    public record Setup(RustPrimitive element, long pushes, long heapBytes, boolean neighbours) {

        /**
         * @throws IllegalArgumentException if {@code pushes} is negative, {@code heapBytes} not positive, or
         *                                  {@code neighbours} is set with more pushes than a Java array holds
         */
        public Setup {
            if (neighbours && pushes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many pushes to track a neighbour for each: " + pushes);
            }
            if (pushes < 0) {
                throw new IllegalArgumentException("the number of pushes must not be negative: " + pushes);
            }
            if (heapBytes <= 0) {
                throw new IllegalArgumentException("the heap size must be positive: " + heapBytes);
            }
        }

        /**
         * {@return a setup whose heap holds the quadratic case even on an allocator that never reuses memory}
         * The heap is a power of two (some allocators need one), at least 1 MiB, at most 64 GiB:
         * {@code size * n(n+1)/2}, plus {@code 32 n} for neighbours, plus 1 MiB of slack.
         *
         * @param element    the element type
         * @param pushes     number of pushes, non-negative
         * @param neighbours whether a live 16-byte block follows every push
         */
        public static Setup withDefaultHeap(RustPrimitive element, long pushes, boolean neighbours) {
            double worst = worstCaseBytes(element, pushes, neighbours);
            long heap = worst >= MAX_DEFAULT_HEAP_BYTES ? MAX_DEFAULT_HEAP_BYTES
                : Math.max(MIN_HEAP_BYTES, Long.highestOneBit((long) worst - 1) << 1);
            return new Setup(element, pushes, heap, neighbours);
        }
    }

    /**
     * {@return the bytes the quadratic case may touch on an allocator that never reuses a freed buffer (bump, or a
     * free list whose holes are pinned between neighbours)}: {@code size * n(n+1)/2}, plus {@code 32 n} for
     * neighbours, plus 1 MiB of slack. A double, since it exceeds a long for large {@code n}.
     *
     * @param element    the element type
     * @param pushes     number of pushes, non-negative
     * @param neighbours whether a live 16-byte block follows every push
     */
    public static double worstCaseBytes(RustPrimitive element, long pushes, boolean neighbours) {
        return (double) element.layout().byteSize() * pushes * (pushes + 1.0) / 2
            + (neighbours ? 2.0 * NEIGHBOUR_BYTES * pushes : 0) + MIN_HEAP_BYTES;
    }

    /**
     * The measurements of one case.
     *
     * @param allocator          the allocator's registered name
     * @param growth             the case
     * @param handle             what the vector asked of the allocator, including the final free
     * @param finalCapacity      the capacity after the last push ({@code usize}: -1 for a zero-size element)
     * @param peakFootprintBytes the allocator's footprint high-water mark ({@code AllocatorStats.footprintBytes}), or
     *                           -1 when it is not observable (native allocators, whose heap size is -1)
     * @param elapsedNanos       wall time of the pushes (and neighbour allocations) and the drop
     * @param failure            null, or the message of the {@link AllocationFailedException} that stopped the run
     */
    public record Result(String allocator, Growth growth, HandleStats handle, long finalCapacity,
                         long peakFootprintBytes, long elapsedNanos, String failure) {
    }

    /**
     * {@return the measurements of one case on a fresh allocator}
     *
     * @param spec   the allocator to build
     * @param setup  element type, pushes, heap size, neighbours
     * @param growth the case
     * @throws IllegalArgumentException if the allocator cannot be built over the heap size
     */
    public static Result run(AllocatorSpec spec, Setup setup, Growth growth) {
        try (Allocator allocator = spec.create(setup.heapBytes())) {
            ElementCodec<byte[]> codec = ElementCodec.bytes(setup.element().layout());
            long[] neighbours = new long[setup.neighbours() ? (int) setup.pushes() : 0];
            Arrays.fill(neighbours, Allocator.FAILED); // offset 0 is a valid address
            Vec<byte[]> vec = null;
            String failure = null;
            long finalCapacity = 0;
            long start = System.nanoTime();
            try {
                vec = growth == Growth.WITH_CAPACITY
                    ? Vec.withCapacityIn(allocator, codec, setup.pushes())
                    : Vec.newIn(allocator, codec);
                pushAll(vec, setup.pushes(), growth == Growth.RESERVE_EXACT_EACH, neighbours);
            } catch (AllocationFailedException e) {
                failure = e.getMessage();
            } finally {
                if (vec != null) {
                    finalCapacity = vec.capacity();
                    vec.close();
                }
                for (long neighbour : neighbours) {
                    if (neighbour != Allocator.FAILED) {
                        allocator.deallocate(neighbour, NEIGHBOUR_BYTES, NEIGHBOUR_BYTES);
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            HandleStats stats = vec == null ? new HandleStats(0, 0, 0, 0, 0, 0, 0) : vec.stats();
            AllocatorStats end = allocator.stats();
            long footprint = end.heapBytes() < 0 ? -1 : end.footprintBytes(); // native: not observable
            return new Result(spec.name(), growth, stats, finalCapacity, footprint, elapsed, failure);
        }
    }

    /**
     * {@return the measurements of one case, run {@code repetitions} times on fresh allocators, with the smallest
     * elapsed time} The counts are deterministic, so every repetition gives the same ones; the minimum time is the
     * least disturbed by JIT compilation and other work.
     *
     * @param spec        the allocator to build
     * @param setup       element type, pushes, heap size, neighbours
     * @param growth      the case
     * @param repetitions number of runs, at least 1
     * @throws IllegalArgumentException if {@code repetitions} is not positive or the allocator cannot be built
     */
    public static Result runFastest(AllocatorSpec spec, Setup setup, Growth growth, int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1: " + repetitions);
        }
        Result fastest = run(spec, setup, growth);
        for (int i = 1; i < repetitions; i++) {
            Result next = run(spec, setup, growth);
            assert next.handle().equals(fastest.handle()) : "counts differ between runs: " + next + " vs " + fastest;
            if (next.elapsedNanos() < fastest.elapsedNanos()) {
                fastest = next;
            }
        }
        return fastest;
    }

    /**
     * Pushes {@code count} elements whose bytes are the low bytes of their index, allocating a neighbour after each
     * while {@code neighbours} has room.
     */
    private static void pushAll(Vec<byte[]> vec, long count, boolean reserveExactEach, long[] neighbours) {
        MemorySegment memory = vec.memory;
        Allocator allocator = vec.allocator();
        long size = vec.buf.elemSize;
        for (long i = 0; i < count; i++) {
            if (reserveExactEach) {
                vec.reserveExact(1);
            }
            long at = vec.pushSlot("push");
            for (long k = 0; k < size; k++) {
                memory.set(ValueLayout.JAVA_BYTE, at + k, (byte) (i >>> (8 * (k & 7))));
            }
            if (i < neighbours.length) {
                long neighbour = allocator.allocate(NEIGHBOUR_BYTES, NEIGHBOUR_BYTES);
                if (neighbour == Allocator.FAILED) {
                    throw new AllocationFailedException(NEIGHBOUR_BYTES, NEIGHBOUR_BYTES);
                }
                neighbours[(int) i] = neighbour;
            }
        }
    }
}
