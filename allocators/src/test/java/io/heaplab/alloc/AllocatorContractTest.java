package io.heaplab.alloc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * The shared model-based contract test that every registered research allocator runs (see {@link ShadowHeap} for
 * the per-step invariants and {@link AllocatorContract} for the return to the pristine state).
 *
 * <p>Seeded: {@value #DEFAULT_SEED} unless {@code -Dheaplab.seed=...} is given; a failure reports the seed, the
 * shrunk sequence (one step per line) and the violated invariant. {@code -Dheaplab.examples=...} changes the number
 * of random sequences per allocator (at least {@value #DEFAULT_EXAMPLES} by default).
 */
class AllocatorContractTest {

    private static final long DEFAULT_SEED = 20_260_502L;
    private static final long SEED = Long.getLong("heaplab.seed", DEFAULT_SEED);
    private static final int DEFAULT_EXAMPLES = 1_000;
    private static final int EXAMPLES = Integer.getInteger("heaplab.examples", DEFAULT_EXAMPLES);
    /** LIFO sequences are a special case of the random ones; fewer suffice to check the stack discipline. */
    private static final int LIFO_EXAMPLES = Math.max(1, EXAMPLES / 4);
    /** Broken allocators fail fast; the budget only bounds the search. */
    private static final int BROKEN_EXAMPLES = 300;
    /** Longest sequence (80 steps on average): fills small heaps; 1000 runs take ~1-2 s per allocator. */
    private static final int MAX_OPS = 160;
    private static final long SMALL_HEAP_BYTES = 64 * 1024;
    /** Room for one slab per size class of the size-class allocators. */
    private static final long ROOMY_HEAP_BYTES = 1024 * 1024;
    /** Sizes that granules, size classes and buddy orders round up (bump grants them exactly). */
    private static final long[] ODD_SIZES = {20, 33, 100, 1000, 5000};

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldKeepEveryInvariantOnRandomSequences(String name) {
        AllocatorSpec spec = ResearchAllocators.spec(name);
        int runs = checkProperty(spec, EXAMPLES, false, AllocatorContract.Reuse.of(name, false));
        assertTrue(runs >= EXAMPLES, "ran " + runs + " sequences, expected at least " + EXAMPLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldReturnToPristineStateAfterLifoFrees(String name) {
        AllocatorSpec spec = ResearchAllocators.spec(name);
        int runs = checkProperty(spec, LIFO_EXAMPLES, true, AllocatorContract.Reuse.of(name, true));
        assertTrue(runs >= LIFO_EXAMPLES, "ran " + runs + " sequences, expected at least " + LIFO_EXAMPLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldStartWithZeroStatisticsAndTheRequestedHeap(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(SMALL_HEAP_BYTES)) {
            AllocatorStats stats = allocator.stats();
            assertEquals(name, allocator.name());
            assertEquals(SMALL_HEAP_BYTES, allocator.heapBytes());
            assertEquals(SMALL_HEAP_BYTES, stats.heapBytes());
            assertTrue(allocator.memory().byteSize() >= SMALL_HEAP_BYTES, "memory() must span the heap");
            assertEquals(0, stats.allocations() + stats.deallocations() + stats.reallocations()
                + stats.failedAllocations() + stats.liveBlocks() + stats.liveRequestedBytes()
                + stats.liveGrantedBytes() + stats.peakLiveBlocks() + stats.peakLiveRequestedBytes()
                + stats.peakLiveGrantedBytes(), () -> "a fresh allocator must have zero counters: " + stats);
            assertTrue(Double.isNaN(stats.utilization()), "utilization before any allocation must be NaN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldKeepStatisticsWhenBlocksAreFreedWithTheirUsableSize(String name) {
        // Allocator's "fits": deallocate and reallocate accept any size between the requested and the usable size
        // (Rust's memory fitting). Blocks and granted bytes must stay exact; requested bytes count the sizes as
        // given, since a headerless allocator cannot know a block's original request (see Allocator's "fits").
        try (Allocator allocator = ResearchAllocators.spec(name).create(ROOMY_HEAP_BYTES)) {
            long[] addresses = new long[ODD_SIZES.length];
            long requested = 0;
            long granted = 0;
            for (int i = 0; i < ODD_SIZES.length; i++) {
                addresses[i] = allocator.allocate(ODD_SIZES[i], 8);
                assertTrue(addresses[i] >= 0, "allocate(" + ODD_SIZES[i] + ", 8) in a fresh heap");
                requested += ODD_SIZES[i];
                granted += allocator.usableSize(addresses[i], ODD_SIZES[i], 8);
            }
            long usableBefore = allocator.usableSize(addresses[0], ODD_SIZES[0], 8);
            long reallocated = allocator.reallocate(addresses[0], usableBefore, 8, 3 * ODD_SIZES[0]);
            assertTrue(reallocated >= 0, "reallocate with the usable size as old size");
            addresses[0] = reallocated;
            long usableAfter = allocator.usableSize(reallocated, 3 * ODD_SIZES[0], 8);
            requested += 3 * ODD_SIZES[0] - usableBefore;
            granted += usableAfter - usableBefore;
            AllocatorStats afterRealloc = allocator.stats();
            assertEquals(ODD_SIZES.length, afterRealloc.liveBlocks(), () -> "live blocks after reallocate: " + afterRealloc);
            assertEquals(granted, afterRealloc.liveGrantedBytes(), () -> "live granted bytes after reallocate: " + afterRealloc);
            assertEquals(requested, afterRealloc.liveRequestedBytes(), () -> "requested bytes as given: " + afterRealloc);
            for (int i = 0; i < ODD_SIZES.length; i++) {
                long size = i == 0 ? 3 * ODD_SIZES[0] : ODD_SIZES[i];
                long usable = allocator.usableSize(addresses[i], size, 8);
                allocator.deallocate(addresses[i], usable, 8);
                requested -= usable;
            }
            AllocatorStats empty = allocator.stats();
            long expectedRequested = requested;
            assertEquals(0, empty.liveBlocks(), () -> "no live blocks: " + empty);
            assertEquals(0, empty.liveGrantedBytes(), () -> "no live granted bytes: " + empty);
            assertEquals(expectedRequested, empty.liveRequestedBytes(), () -> "requested bytes as given: " + empty);
        }
    }

    @Test
    void shouldRegisterAtLeastTheBumpAllocatorAsResearch() {
        assertTrue(ResearchAllocators.names().anyMatch("bump"::equals));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BrokenAllocators.Breakage.class)
    void shouldRejectADeliberatelyBrokenAllocator(BrokenAllocators.Breakage breakage) {
        AllocatorSpec broken = breakage.over(ResearchAllocators.spec("bump"));
        AssertionError failure = assertThrows(AssertionError.class,
            () -> checkProperty(broken, BROKEN_EXAMPLES, false, AllocatorContract.Reuse.of("bump", false)));
        String message = failure.getMessage();
        assertTrue(message.contains(breakage.expectedMessage()),
            () -> "expected the failure to name '" + breakage.expectedMessage() + "':\n" + message);
        assertTrue(message.contains("-Dheaplab.seed=" + SEED), "the failure must print the seed");
        assertTrue(message.contains("Seed was " + SEED), "QuickTheories must report the same seed");
        assertTrue(message.contains("Smallest found falsifying value(s) :-"), "the failure must print the shrunk case");
        assertTrue(message.contains("Minimal failing case (steps deleted from the shrunk case while it kept failing):"),
            "the failure must print the minimized case");
        assertTrue(message.contains(" ops (#k = live block k mod n, oldest first):"),
            "the shrunk case must list its steps");
    }

    /**
     * Runs the contract on {@code examples} random sequences.
     *
     * @param spec     the allocator under test
     * @param examples how many sequences
     * @param lifo     LIFO mode (see {@link OpSequence})
     * @param reuse    what the allocator must recover once every block is freed
     * @return how many sequences ran
     * @throws AssertionError with the seed, the shrunk sequence and the violated invariant
     */
    private static int checkProperty(AllocatorSpec spec, int examples, boolean lifo, AllocatorContract.Reuse reuse) {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<OpSequence> lastFailing = new AtomicReference<>();
        try {
            // QuickTheories skips a generated case whose random draws it has already tried (but counts it as an
            // example); 1 % extra examples make up for those, and the callers assert how many really ran.
            qt().withFixedSeed(SEED)
                .withExamples(examples + examples / 100)
                .forAll(OpGenerators.sequences(MAX_OPS, lifo))
                .checkAssert(sequence -> {
                    runs.incrementAndGet();
                    try {
                        AllocatorContract.check(spec, sequence, reuse);
                    } catch (AssertionError | RuntimeException e) {
                        lastFailing.set(sequence);
                        throw e;
                    }
                });
        } catch (AssertionError e) {
            // QuickTheories' shrinking keeps the last failing case it tried: its smallest. Deleting steps from it
            // usually gives a much shorter one, printed first.
            String n = System.lineSeparator();
            StringBuilder message = new StringBuilder("allocator '").append(spec.name())
                .append("' broke the contract on ").append(lifo ? "LIFO" : "random").append(" sequences (seed ")
                .append(SEED).append("; rerun with -Dheaplab.seed=").append(SEED).append(')').append(n);
            if (lastFailing.get() != null) {
                OpSequence minimal = AllocatorContract.minimize(spec, lastFailing.get(), reuse);
                Throwable cause = AllocatorContract.failure(spec, minimal, reuse);
                message.append("Minimal failing case (steps deleted from the shrunk case while it kept failing):")
                    .append(n).append(minimal).append(n).append("which fails with: ").append(cause).append(n)
                    .append(n).append("QuickTheories' report:").append(n);
            }
            throw new AssertionError(message.append(e.getMessage()).toString());
        }
        return runs.get();
    }
}
