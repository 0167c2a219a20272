package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.AllocatorStats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        return run(spec, setup, growth, null);
    }

    /**
     * One block the vector or a neighbour held during a recorded run ({@link #runRecorded}).
     *
     * @param address   the block's offset in the heap
     * @param byteSize  its size in bytes
     * @param fromPush  the push during which it was allocated (0 for {@code with_capacity}'s block)
     * @param toPush    the push during which the vector left it, or {@code n} if still held after the last push
     * @param neighbour true for a neighbour block, false for a vector buffer
     * @param abandoned true if the vector moved away from this block (a moving reallocation freed it; on an
     *                  allocator that never reuses memory it stays stranded); false for a block grown in place
     *                  (its successor record has the same address) or still held
     */
    public record Block(long address, long byteSize, long fromPush, long toPush, boolean neighbour,
                        boolean abandoned) {
    }

    /**
     * A run with its block history, for the heap map of the lesson page.
     *
     * @param result          the run's measurements
     * @param blocks          the blocks, at most {@value #MAX_RECORDED_BLOCKS}, in allocation order
     * @param abandonedBlocks every block the vector moved away from (exact even when {@code blocks} was cut short)
     * @param truncated       whether blocks beyond {@value #MAX_RECORDED_BLOCKS} were not kept
     */
    public record Recorded(Result result, List<Block> blocks, long abandonedBlocks, boolean truncated) {
        /** Copies the blocks. */
        public Recorded {
            blocks = List.copyOf(blocks);
        }
    }

    /** Most blocks a recorded run keeps (the heap map aggregates them anyway). */
    public static final int MAX_RECORDED_BLOCKS = 1 << 17;

    /**
     * {@return one case on a fresh allocator, with the address, size and lifetime of every block the vector and its
     * neighbours held} Slower than {@link #run}; meant for one run when a report is asked for.
     *
     * @param spec   the allocator to build
     * @param setup  element type, pushes, heap size, neighbours
     * @param growth the case
     * @throws IllegalArgumentException if the allocator cannot be built over the heap size
     */
    public static Recorded runRecorded(AllocatorSpec spec, Setup setup, Growth growth) {
        BlockRecorder recorder = new BlockRecorder(setup.pushes());
        Result result = run(spec, setup, growth, recorder);
        return new Recorded(result, recorder.blocks(), recorder.abandoned, recorder.truncated);
    }

    private static Result run(AllocatorSpec spec, Setup setup, Growth growth, BlockRecorder recorder) {
        try (Allocator raw = spec.create(setup.heapBytes())) {
            Allocator allocator = recorder == null ? raw : recorder.wrap(raw);
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
                pushAll(vec, setup.pushes(), growth == Growth.RESERVE_EXACT_EACH, neighbours, recorder);
            } catch (AllocationFailedException e) {
                failure = e.getMessage();
            } finally {
                if (recorder != null) {
                    recorder.stop();
                }
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
    private static void pushAll(Vec<byte[]> vec, long count, boolean reserveExactEach, long[] neighbours,
                                BlockRecorder recorder) {
        MemorySegment memory = vec.memory;
        Allocator allocator = recorder == null ? vec.allocator() : recorder.raw; // neighbours: not the vector's
        long size = vec.buf.elemSize;
        for (long i = 0; i < count; i++) {
            if (recorder != null) {
                recorder.push = i;
            }
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
                if (recorder != null) {
                    recorder.neighbour(neighbour);
                }
            }
        }
    }

    /**
     * Records the vector's blocks by sitting between the vector and the allocator (neighbours are reported by
     * {@link #pushAll}). Layout: one growing set of parallel primitive arrays, at most
     * {@link #MAX_RECORDED_BLOCKS} entries; the vector's live block is always the last vector entry.
     */
    private static final class BlockRecorder {
        private final long pushes;
        private long[] address = new long[64];
        private long[] bytes = new long[64];
        private long[] from = new long[64];
        private long[] to = new long[64];
        private byte[] flags = new byte[64]; // bit 0: neighbour, bit 1: abandoned
        private int count;
        private int current = -1; // entry of the vector's live block
        long push;
        long abandoned;
        boolean truncated;
        private boolean stopped;
        /** The allocator under the recorder: neighbours are allocated here, and reported by {@link #neighbour}. */
        Allocator raw;

        BlockRecorder(long pushes) {
            this.pushes = pushes;
        }

        void stop() {
            stopped = true;
        }

        void neighbour(long at) {
            add(at, NEIGHBOUR_BYTES, 1);
        }

        private int add(long at, long size, int flag) {
            if (count == MAX_RECORDED_BLOCKS) {
                truncated = true;
                return -1;
            }
            if (count == address.length) {
                int grown = Math.min(MAX_RECORDED_BLOCKS, count * 2);
                address = Arrays.copyOf(address, grown);
                bytes = Arrays.copyOf(bytes, grown);
                from = Arrays.copyOf(from, grown);
                to = Arrays.copyOf(to, grown);
                flags = Arrays.copyOf(flags, grown);
            }
            address[count] = at;
            bytes[count] = size;
            from[count] = push;
            to[count] = pushes;
            flags[count] = (byte) flag;
            return count++;
        }

        private void leave(boolean moved) {
            if (moved) {
                abandoned++;
            }
            if (current >= 0) {
                to[current] = push;
                if (moved) {
                    flags[current] |= 2;
                }
            }
            current = -1;
        }

        List<Block> blocks() {
            List<Block> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(new Block(address[i], bytes[i], from[i], to[i], (flags[i] & 1) != 0, (flags[i] & 2) != 0));
            }
            return list;
        }

        Allocator wrap(Allocator real) {
            raw = real;
            return new Allocator() {
                @Override
                public String name() {
                    return raw.name();
                }

                @Override
                public MemorySegment memory() {
                    return raw.memory();
                }

                @Override
                public long heapBytes() {
                    return raw.heapBytes();
                }

                @Override
                public long allocate(long byteSize, long byteAlignment) {
                    long at = raw.allocate(byteSize, byteAlignment);
                    if (!stopped && at != FAILED) {
                        current = add(at, byteSize, 0);
                    }
                    return at;
                }

                @Override
                public void deallocate(long at, long byteSize, long byteAlignment) {
                    if (!stopped) {
                        leave(false);
                    }
                    raw.deallocate(at, byteSize, byteAlignment);
                }

                @Override
                public long reallocate(long at, long oldByteSize, long byteAlignment, long newByteSize) {
                    long moved = raw.reallocate(at, oldByteSize, byteAlignment, newByteSize);
                    if (!stopped && moved != FAILED) {
                        leave(moved != at);
                        current = add(moved, newByteSize, 0);
                    }
                    return moved;
                }

                @Override
                public long usableSize(long at, long byteSize, long byteAlignment) {
                    return raw.usableSize(at, byteSize, byteAlignment);
                }

                @Override
                public AllocatorStats stats() {
                    return raw.stats();
                }

                @Override
                public void trim() {
                    raw.trim();
                }

                @Override
                public void reset() {
                    raw.reset();
                }

                @Override
                public void close() {
                    // the lesson closes the real allocator
                }
            };
        }
    }
}
