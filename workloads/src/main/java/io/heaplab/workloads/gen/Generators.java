package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named, seeded generators. Every generator gives exactly the requested number of operations, dense ids, and
 * the same trace for the same (name, op count, seed) on every machine.
 *
 * <pre>{@code
 * try (TraceReader reader = Generators.find("defeat-buddy").orElseThrow().open(100_000, 1)) { ... }
 * }</pre>
 */
public final class Generators {

    /** A named generator. */
    public record Generator(String name, String description, Factory factory) {

        /**
         * Opens the generated trace. The header (name, source {@code generator: NAME ops=N seed=S}, op count and id
         * count) is complete before the first operation: the id count comes from a first, discarded run of the same
         * seeded program, so opening costs one extra generation pass.
         *
         * @param opCount the exact number of operations, at least 0
         * @param seed    the seed
         * @return the streaming reader
         * @throws IllegalArgumentException if {@code opCount} is negative
         */
        public TraceReader open(long opCount, long seed) {
            GeneratedTrace dryRun = factory.create(opCount, seed);
            TraceEvent event = new TraceEvent();
            while (dryRun.next(event)) {
                // counting ids only
            }
            TraceHeader header = new TraceHeader(name, "generator: " + name + " ops=" + opCount + " seed=" + seed,
                opCount, dryRun.idCount(), Map.of());
            return factory.create(opCount, seed).withHeader(header);
        }
    }

    /** Creates a fresh program. */
    @FunctionalInterface
    interface Factory {
        GeneratedTrace create(long opCount, long seed);
    }

    private static final long[] MIXTURE_SIZES = {16, 24, 32, 48, 64, 128, 256, 1024};
    private static final double[] MIXTURE_WEIGHTS = {30, 20, 15, 10, 10, 8, 5, 2};

    private static final List<Generator> ALL = List.of(
        new Generator("fixed-lifo", "64-byte blocks, about 1000 live, freed newest first (stack discipline)",
            (n, s) -> new RandomProgram(n, s, new SizeDistribution.Fixed(64), FreeOrder.LIFO, 1000, 16)),
        new Generator("uniform-random", "sizes uniform in 16-4096 B, about 2000 live, freed in random order",
            (n, s) -> new RandomProgram(n, s, new SizeDistribution.Uniform(16, 4096), FreeOrder.RANDOM, 2000, 16)),
        new Generator("exponential-fifo", "sizes 16 B + exponential (mean 240 B), about 1000 live, freed oldest first",
            (n, s) -> new RandomProgram(n, s, new SizeDistribution.Exponential(16, 240, 1 << 20), FreeOrder.FIFO,
                1000, 16)),
        new Generator("powerlaw-lifetime", "power-law sizes (16 B to 1 MiB, alpha 1.3), exponential lifetimes (mean 2000 ops)",
            (n, s) -> new RandomProgram(n, s, new SizeDistribution.PowerLaw(16, 1.3, 1 << 20), FreeOrder.LIFETIME,
                2000, 16)),
        new Generator("mixture-random", "8 distinct sizes (16 B-1 KiB, mostly small) as real programs, random frees",
            (n, s) -> new RandomProgram(n, s, new SizeDistribution.Mixture(MIXTURE_SIZES, MIXTURE_WEIGHTS),
                FreeOrder.RANDOM, 2000, 16)),
        new Generator("phased", "phases: build a working set, churn it, tear it down; size distribution changes per phase",
            PhasedProgram::new),
        new Generator("producer-consumer", "thread 0 allocates messages, thread 1 frees them in order (queue of ~256)",
            ProducerConsumer::new),
        new Generator("defeat-buddy", "malloc-lab binary-bal: small pow2 + large non-pow2 pairs, free small, ask bigger",
            DefeatBuddy::new),
        new Generator("coalescing", "malloc-lab coalescing-bal: free two neighbours, then ask for their sum",
            Coalescing::new),
        new Generator("realloc-growth", "malloc-lab realloc-bal: one block grown by realloc between small allocs",
            ReallocGrowth::new),
        new Generator("vec-push", "Rust Vec::new + push: amortized doubling by realloc, 8 vectors at a time",
            (n, s) -> new VecGrowth(n, s, false)),
        new Generator("vec-with-capacity", "Rust Vec::with_capacity: one exact alloc per vector, no realloc",
            (n, s) -> new VecGrowth(n, s, true)),
        new Generator("shuffled-free", "batches of 500-2000 blocks of 16-256 B, each batch freed in shuffled order",
            ShuffledFree::new));

    private Generators() {
    }

    /** {@return every generator, in a fixed order} */
    public static List<Generator> all() {
        return ALL;
    }

    /**
     * {@return the generator called {@code name}}
     *
     * @param name e.g. {@code defeat-buddy}
     */
    public static Optional<Generator> find(String name) {
        return ALL.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** {@return the generator names, comma-separated} */
    public static String names() {
        return ALL.stream().map(Generator::name).collect(Collectors.joining(", "));
    }
}
