package io.heaplab.alloc;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

import java.util.List;

/**
 * QuickTheories generators of allocation sequences for the allocator contract.
 *
 * <p>Sizes mix zero (3 %), tiny 1–16 B (30 %), small 17–256 B (35 %), medium 257 B–4 KiB (25 %) and large
 * 4 KiB–256 KiB (7 %, often more than a small heap can give, so failures are exercised). Alignments are powers of
 * two from 1 to 4096, mostly ≤ 16. Steps are 6 : 3 : 2 allocate, free, reallocate (blocks accumulate). Heaps
 * are multiples of 16 KiB from 64 KiB to 1 MiB. Everything shrinks towards fewer steps, smaller sizes and the
 * smallest heap.
 */
final class OpGenerators {

    /** Heap sizes are multiples of this, a page multiple that no allocator should need to round. */
    static final long HEAP_GRANULE_BYTES = 16 * 1024;
    static final int MIN_HEAP_GRANULES = 4;
    static final int MAX_HEAP_GRANULES = 64;
    static final int MAX_PICK = 63;
    static final long LARGE_MAX_BYTES = 256 * 1024;

    private OpGenerators() {
    }

    /**
     * {@return sequences of 1 to {@code maxOps} steps on a heap of 64 KiB to 1 MiB}
     *
     * @param maxOps the longest sequence
     * @param lifo   whether the sequences run in LIFO mode (see {@link OpSequence})
     */
    static Gen<OpSequence> sequences(int maxOps, boolean lifo) {
        Gen<Long> heaps = Generate.range(MIN_HEAP_GRANULES, MAX_HEAP_GRANULES).map(k -> k * HEAP_GRANULE_BYTES);
        Gen<List<AllocOp>> ops = SourceDSL.lists().of(ops()).ofSizeBetween(1, maxOps);
        Gen<Long> seeds = Generate.longRange(0, Long.MAX_VALUE);
        return heaps.zip(ops, seeds, (heap, steps, seed) -> new OpSequence(heap, steps, seed, lifo));
    }

    /** {@return single steps} */
    static Gen<AllocOp> ops() {
        Gen<Integer> picks = Generate.range(0, MAX_PICK);
        Gen<AllocOp> allocate = sizes().zip(alignments(), AllocOp.Allocate::new);
        Gen<AllocOp> free = picks.map(AllocOp.Deallocate::new);
        Gen<AllocOp> reallocate = picks.zip(sizes(), AllocOp.Reallocate::new);
        return Generate.frequency(List.of(Pair.of(6, allocate), Pair.of(3, free), Pair.of(2, reallocate)));
    }

    /** {@return request sizes in bytes, see the class doc} */
    static Gen<Long> sizes() {
        return Generate.frequency(List.of(
            Pair.of(3, Generate.constant(0L)),
            Pair.of(30, Generate.longRange(1, 16)),
            Pair.of(35, Generate.longRange(17, 256)),
            Pair.of(25, Generate.longRange(257, 4096)),
            Pair.of(7, Generate.longRange(4097, LARGE_MAX_BYTES))));
    }

    /** {@return power-of-two alignments from 1 to 4096 bytes, mostly at most 16} */
    static Gen<Long> alignments() {
        return Generate.frequency(List.of(
            Pair.of(15, Generate.constant(1L)),
            Pair.of(10, Generate.constant(2L)),
            Pair.of(10, Generate.constant(4L)),
            Pair.of(25, Generate.constant(8L)),
            Pair.of(20, Generate.constant(16L)),
            Pair.of(20, Generate.range(5, 12).map(shift -> 1L << shift))));
    }
}
