package io.heaplab.alloc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allocator contract checked on one generated {@link OpSequence}: what "back to the pristine state" means for
 * each allocator family, on top of the per-step invariants of {@link ShadowHeap}.
 *
 * <h2>One case</h2>
 * <ol>
 *   <li>Replay the steps on a fresh allocator (every invariant verified after every step); keep the trace of
 *       returned addresses.</li>
 *   <li>If the statistics report a largest free block, a request of exactly that size (align 1) succeeds without
 *       raising the footprint; it is freed again.</li>
 *   <li>Free everything (shuffled order, or newest first in LIFO mode), {@link Allocator#trim() trim()} (the size
 *       classes keep one empty slab per class until then), and check the allocator is pristine as its
 *       {@link Reuse} allows: replaying the same steps gives the same addresses ({@link Reuse#EXACT_ADDRESSES}; then
 *       also the largest single block a fresh allocator of this heap gives is available again) or at least succeeds
 *       wherever the fresh run succeeded ({@link Reuse#NO_CAPACITY_LOST}).</li>
 *   <li>{@code reset()}: the statistics equal a fresh allocator's, and replaying gives exactly the fresh trace.</li>
 * </ol>
 */
final class AllocatorContract {

    /** How much of its fresh state an allocator must recover once every block is freed. */
    enum Reuse {
        /** Everything coalesces: the same requests get the same addresses as on a fresh allocator. */
        EXACT_ADDRESSES,
        /** Addresses may differ, but every request that succeeded on a fresh allocator succeeds again. */
        NO_CAPACITY_LOST,
        /** Nothing is reclaimed except by {@code reset()} (a bump allocator after non-LIFO frees). */
        RESET_ONLY;

        /**
         * {@return what the allocator named {@code name} promises}: free lists and buddy coalesce fully, size classes
         * too once trimmed, bump reclaims only LIFO frees. Allocators of unknown families (third-party plug-ins) are
         * held to {@link #NO_CAPACITY_LOST}.
         *
         * @param name a registered allocator name
         * @param lifo whether the blocks were freed newest first
         */
        static Reuse of(String name, boolean lifo) {
            if (name.startsWith("freelist-") || name.startsWith("tlsf-") || name.startsWith("sizeclass-") || name.equals("buddy")) {
                return EXACT_ADDRESSES;
            }
            if (name.equals("bump")) {
                return lifo ? EXACT_ADDRESSES : RESET_ONLY;
            }
            return NO_CAPACITY_LOST;
        }
    }

    /** Bounds the work {@link #minimize} does on one failing case. */
    private static final int MINIMIZE_RUNS = 600;
    /** Largest single allocation (align 1) of a fresh allocator, by allocator name and heap size. */
    private static final Map<String, Long> LARGEST_FRESH_BLOCK = new ConcurrentHashMap<>();

    private AllocatorContract() {
    }

    /**
     * Checks one case (see the class doc) with the reuse its name promises.
     *
     * @param spec     the allocator under test
     * @param sequence the generated case
     * @throws AssertionError naming the step and the violated invariant
     */
    static void check(AllocatorSpec spec, OpSequence sequence) {
        check(spec, sequence, Reuse.of(spec.name(), sequence.lifo()));
    }

    /**
     * Checks one case (see the class doc).
     *
     * @param spec     the allocator under test
     * @param sequence the generated case
     * @param reuse    what the allocator must recover once every block is freed
     * @throws AssertionError naming the step and the violated invariant
     */
    static void check(AllocatorSpec spec, OpSequence sequence, Reuse reuse) {
        boolean lifo = sequence.lifo();
        try (Allocator allocator = spec.create(sequence.heapBytes())) {
            AllocatorStats fresh = allocator.stats();
            ShadowHeap heap = new ShadowHeap(allocator);
            long[] freshTrace = heap.run(sequence.ops(), lifo);
            checkLargestFreeBlockIsAllocatable(heap);
            heap.freeAll(lifo, sequence.freeOrderSeed());
            allocator.trim();

            if (reuse != Reuse.RESET_ONLY) {
                long[] again = heap.run(sequence.ops(), lifo);
                if (reuse == Reuse.EXACT_ADDRESSES) {
                    assertSameTrace(sequence, freshTrace, again, "after freeing every block");
                } else {
                    assertNoCapacityLost(sequence, freshTrace, again);
                }
                heap.freeAll(lifo, sequence.freeOrderSeed());
                allocator.trim();
                if (reuse == Reuse.EXACT_ADDRESSES) {
                    checkLargestFreshBlockIsAllocatable(spec, heap);
                }
            }

            allocator.reset();
            AllocatorStats afterReset = allocator.stats();
            // Metadata may keep the capacity it grew to (so that a benchmark's next run allocates nothing); every
            // other statistic is the fresh one.
            if (!withMetadata(fresh, 0).equals(withMetadata(afterReset, 0))
                || afterReset.metadataBytes() < fresh.metadataBytes()) {
                throw new AssertionError(spec.name() + ": reset() must restore the fresh statistics"
                    + System.lineSeparator() + "  fresh: " + fresh + System.lineSeparator() + "  reset: " + afterReset);
            }
            long[] resetTrace = new ShadowHeap(allocator).run(sequence.ops(), lifo);
            assertSameTrace(sequence, freshTrace, resetTrace, "after reset()");
        }
    }

    /** {@return {@code stats} with {@code metadataBytes} replaced} */
    private static AllocatorStats withMetadata(AllocatorStats stats, long metadataBytes) {
        return new AllocatorStats(stats.allocations(), stats.deallocations(), stats.reallocationsInPlace(),
            stats.reallocationsMoved(), stats.failedAllocations(), stats.liveBlocks(), stats.liveRequestedBytes(),
            stats.liveGrantedBytes(), stats.peakLiveBlocks(), stats.peakLiveRequestedBytes(),
            stats.peakLiveGrantedBytes(), stats.footprintBytes(), stats.freeBytes(), stats.largestFreeBlockBytes(),
            stats.heapBytes(), metadataBytes);
    }

    /**
     * {@return a shorter failing case}: deletes single steps from a failing case for as long as it keeps failing
     * (one-step delta debugging). QuickTheories' own shrinking simplifies sizes but rarely deletes steps.
     *
     * @param spec    the allocator under test
     * @param failing a case on which {@link #check(AllocatorSpec, OpSequence, Reuse)} fails
     * @param reuse   as for {@code check}
     */
    static OpSequence minimize(AllocatorSpec spec, OpSequence failing, Reuse reuse) {
        OpSequence smallest = failing;
        int budget = MINIMIZE_RUNS;
        boolean progress = true;
        while (progress && budget > 0) {
            progress = false;
            for (int i = smallest.ops().size() - 1; i >= 0 && budget > 0 && smallest.ops().size() > 1; i--) {
                List<AllocOp> shorter = new ArrayList<>(smallest.ops());
                shorter.remove(i);
                OpSequence candidate = new OpSequence(smallest.heapBytes(), shorter, smallest.freeOrderSeed(),
                    smallest.lifo());
                budget--;
                if (failure(spec, candidate, reuse) != null) {
                    smallest = candidate;
                    progress = true;
                }
            }
        }
        return smallest;
    }

    /**
     * {@return what {@code check} throws on this case, or null if it passes}
     *
     * @param spec     the allocator under test
     * @param sequence the case
     * @param reuse    as for {@code check}
     */
    static Throwable failure(AllocatorSpec spec, OpSequence sequence, Reuse reuse) {
        try {
            check(spec, sequence, reuse);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    private static void checkLargestFreeBlockIsAllocatable(ShadowHeap heap) {
        AllocatorStats before = heap.allocator().stats();
        long largest = before.largestFreeBlockBytes();
        if (largest <= 0) {
            return;
        }
        long address = heap.allocate(largest, 1);
        if (address == Allocator.FAILED) {
            throw new AssertionError(heap.allocator().name() + ": stats report a largest free block of " + largest
                + " bytes but allocate(" + largest + ", 1) failed" + System.lineSeparator() + "  " + before);
        }
        heap.verify();
        long footprint = heap.allocator().stats().footprintBytes();
        if (footprint != before.footprintBytes()) {
            throw new AssertionError(heap.allocator().name() + ": allocating the reported largest free block of "
                + largest + " bytes raised the footprint from " + before.footprintBytes() + " to " + footprint);
        }
        heap.deallocate(heap.liveCount() - 1);
        heap.verify();
    }

    private static void checkLargestFreshBlockIsAllocatable(AllocatorSpec spec, ShadowHeap heap) {
        long heapBytes = heap.allocator().heapBytes();
        long largest = LARGEST_FRESH_BLOCK.computeIfAbsent(spec.name() + "@" + heapBytes,
            key -> largestFreshBlock(spec, heapBytes));
        long address = heap.allocate(largest, 1);
        if (address == Allocator.FAILED) {
            throw new AssertionError(spec.name() + ": once every block is freed, a block of " + largest
                + " bytes (the largest a fresh allocator of this heap gives) must be allocatable again"
                + System.lineSeparator() + "  " + heap.allocator().stats());
        }
        heap.verify();
        heap.deallocate(heap.liveCount() - 1);
        heap.verify();
    }

    /** {@return the largest {@code s} for which {@code allocate(s, 1)} succeeds on a fresh allocator} */
    static long largestFreshBlock(AllocatorSpec spec, long heapBytes) {
        try (Allocator allocator = spec.create(heapBytes)) {
            long fits = 0;
            long fails = heapBytes + 1;
            while (fails - fits > 1) {
                long middle = fits + (fails - fits) / 2;
                allocator.reset();
                if (allocator.allocate(middle, 1) == Allocator.FAILED) {
                    fails = middle;
                } else {
                    fits = middle;
                }
            }
            return fits;
        }
    }

    private static void assertSameTrace(OpSequence sequence, long[] expected, long[] actual, String when) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError("replaying the steps " + when + " must give the addresses of a fresh"
                    + " allocator; step " + i + " " + sequence.ops().get(i) + " gave " + describe(actual[i])
                    + ", a fresh allocator gave " + describe(expected[i]));
            }
        }
    }

    private static void assertNoCapacityLost(OpSequence sequence, long[] fresh, long[] again) {
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i] >= 0 && again[i] == Allocator.FAILED) {
                throw new AssertionError("replaying the steps after freeing every block must succeed wherever a"
                    + " fresh allocator succeeded; step " + i + " " + sequence.ops().get(i) + " failed, a fresh"
                    + " allocator gave " + fresh[i]);
            }
        }
    }

    private static String describe(long traceEntry) {
        if (traceEntry == Allocator.FAILED) {
            return "FAILED";
        }
        return traceEntry == ShadowHeap.SKIPPED ? "nothing (no live block)" : "address " + traceEntry;
    }
}
