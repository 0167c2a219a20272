package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
 * Each case runs once on a fresh allocator, then drops the vector, so the counts include the final free.
 */
public final class CapacityLesson {

    /** Smallest default heap: room for alignment and allocator metadata on small runs. */
    private static final long MIN_HEAP_BYTES = 1L << 20;
    /** Largest default heap (reserved lazily, see {@code HeapSegment}); pass a heap size to go beyond. */
    private static final long MAX_DEFAULT_HEAP_BYTES = 1L << 36;

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
     * The measurements of one case.
     *
     * @param allocator          the allocator's registered name
     * @param growth             the case
     * @param element            the element type
     * @param pushes             number of pushes
     * @param handle             what the vector asked of the allocator, including the final free
     * @param finalCapacity      the capacity after the last push
     * @param peakFootprintBytes the allocator's footprint high-water mark ({@code AllocatorStats.footprintBytes})
     * @param elapsedNanos       wall time of the pushes and the drop, one cold run (not a benchmark)
     * @param failure            null, or the message of the {@link AllocationFailedException} that stopped the run
     */
    public record Result(String allocator, Growth growth, RustPrimitive element, long pushes, HandleStats handle,
                         long finalCapacity, long peakFootprintBytes, long elapsedNanos, String failure) {
    }

    /**
     * {@return a heap size that holds the quadratic case even on an allocator that never reuses memory}
     * A power of two (some allocators need one), at least 1 MiB, at most 64 GiB:
     * {@code size * n(n+1)/2} plus 1 MiB of slack.
     *
     * @param element the element type
     * @param pushes  number of pushes, non-negative
     */
    public static long defaultHeapBytes(RustPrimitive element, long pushes) {
        double worst = (double) element.layout().byteSize() * pushes * (pushes + 1.0) / 2 + MIN_HEAP_BYTES;
        if (worst >= MAX_DEFAULT_HEAP_BYTES) {
            return MAX_DEFAULT_HEAP_BYTES;
        }
        return Math.max(MIN_HEAP_BYTES, Long.highestOneBit((long) worst - 1) << 1);
    }

    /**
     * {@return the measurements of one case on a fresh allocator}
     *
     * @param spec      the allocator to build
     * @param heapBytes its heap size in bytes
     * @param element   the element type
     * @param pushes    number of pushes, non-negative
     * @param growth    the case
     * @throws IllegalArgumentException if {@code pushes} is negative or the allocator cannot be built
     */
    public static Result run(AllocatorSpec spec, long heapBytes, RustPrimitive element, long pushes, Growth growth) {
        if (pushes < 0) {
            throw new IllegalArgumentException("the number of pushes must not be negative: " + pushes);
        }
        try (Allocator allocator = spec.create(heapBytes)) {
            ElementCodec<byte[]> codec = ElementCodec.bytes(element.layout());
            Vec<byte[]> vec = null;
            String failure = null;
            long finalCapacity = 0;
            long start = System.nanoTime();
            try {
                vec = growth == Growth.WITH_CAPACITY
                    ? Vec.withCapacityIn(allocator, codec, pushes)
                    : Vec.newIn(allocator, codec);
                pushAll(vec, pushes, growth == Growth.RESERVE_EXACT_EACH);
            } catch (AllocationFailedException e) {
                failure = e.getMessage();
            } finally {
                if (vec != null) {
                    finalCapacity = vec.capacity();
                    vec.close();
                }
            }
            long elapsed = System.nanoTime() - start;
            HandleStats stats = vec == null ? new HandleStats(0, 0, 0, 0, 0, 0, 0) : vec.stats();
            return new Result(spec.name(), growth, element, pushes, stats, finalCapacity,
                allocator.stats().footprintBytes(), elapsed, failure);
        }
    }

    /**
     * {@return the measurements of one case, run {@code repetitions} times on fresh allocators, with the smallest
     * elapsed time} The counts are deterministic, so every repetition gives the same ones; the minimum time is the
     * least disturbed by JIT compilation and other work.
     *
     * @param spec        the allocator to build
     * @param heapBytes   its heap size in bytes
     * @param element     the element type
     * @param pushes      number of pushes, non-negative
     * @param growth      the case
     * @param repetitions number of runs, at least 1
     * @throws IllegalArgumentException if {@code pushes} is negative, {@code repetitions} is not positive or the
     *                                  allocator cannot be built
     */
    public static Result runFastest(AllocatorSpec spec, long heapBytes, RustPrimitive element, long pushes,
                                    Growth growth, int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1: " + repetitions);
        }
        Result fastest = run(spec, heapBytes, element, pushes, growth);
        for (int i = 1; i < repetitions; i++) {
            Result next = run(spec, heapBytes, element, pushes, growth);
            assert next.handle().equals(fastest.handle()) : "counts differ between runs: " + next + " vs " + fastest;
            if (next.elapsedNanos() < fastest.elapsedNanos()) {
                fastest = next;
            }
        }
        return fastest;
    }

    /** Pushes {@code count} elements whose bytes are the low bytes of their index. */
    private static void pushAll(Vec<byte[]> vec, long count, boolean reserveExactEach) {
        MemorySegment memory = vec.memory;
        long size = vec.buf.elemSize;
        for (long i = 0; i < count; i++) {
            if (reserveExactEach) {
                vec.reserveExact(1);
            }
            long at = vec.pushSlot("push");
            for (long k = 0; k < size; k++) {
                memory.set(ValueLayout.JAVA_BYTE, at + k, (byte) (i >>> (8 * (k & 7))));
            }
        }
    }
}
