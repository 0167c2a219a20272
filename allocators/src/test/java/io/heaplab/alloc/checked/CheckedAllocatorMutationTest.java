package io.heaplab.alloc.checked;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutation runs: a random valid program (seeded) over a random research allocator, with one misuse of a random
 * kind injected at a random step on a random live block; every deterministic kind must be reported, exactly once,
 * naming the victim's address, and nothing else may be reported (the rest of the program is valid).
 */
class CheckedAllocatorMutationTest {

    private static final long SEED = Long.getLong("heaplab.seed", 20_260_502L);
    private static final int CASES = Integer.getInteger("heaplab.mutation.cases", 400);
    private static final int STEPS = 120;
    private static final long HEAP_BYTES = 1 << 20;
    private static final long[] ALIGNS = {1, 8, 16, 64};
    private static final List<AllocatorSpec> ALLOCATORS =
        AllocatorRegistry.load().ofKind(AllocatorSpec.Kind.RESEARCH);

    /** The kinds a mutation run injects, and the level that detects each deterministically. */
    private enum Mutation {
        DOUBLE_FREE(MisuseKind.DOUBLE_FREE, CheckLevel.CHEAP),
        STALE_FREE(MisuseKind.DOUBLE_FREE_AFTER_REUSE, CheckLevel.CHEAP),
        INVALID_FREE(MisuseKind.INVALID_FREE, CheckLevel.CHEAP),
        INTERIOR_FREE(MisuseKind.INTERIOR_FREE, CheckLevel.CHEAP),
        MISALIGNED_FREE(MisuseKind.MISALIGNED_FREE, CheckLevel.CHEAP),
        WRONG_SIZE(MisuseKind.WRONG_LAYOUT, CheckLevel.FULL),
        WRONG_ALIGN(MisuseKind.WRONG_LAYOUT, CheckLevel.CHEAP),
        WRITE_AFTER_FREE(MisuseKind.USE_AFTER_FREE_WRITE, CheckLevel.FULL),
        OVERFLOW(MisuseKind.OVERFLOW_WRITE, CheckLevel.FULL),
        LEAK(MisuseKind.LEAK, CheckLevel.CHEAP),
        WRONG_THREAD(MisuseKind.WRONG_THREAD, CheckLevel.CHEAP);

        final MisuseKind expected;
        final CheckLevel level;

        Mutation(MisuseKind expected, CheckLevel level) {
            this.expected = expected;
            this.level = level;
        }
    }

    private record Block(long address, long byteSize, long byteAlignment) {
    }

    @Test
    void shouldReportEveryDeterministicMisuseInjectedAtARandomStepAndNothingElse() throws InterruptedException {
        SplittableRandom seeds = new SplittableRandom(SEED);
        int[] perMutation = new int[Mutation.values().length];
        for (int c = 0; c < CASES; c++) {
            long seed = seeds.nextLong();
            Mutation mutation = Mutation.values()[c % Mutation.values().length];
            AllocatorSpec spec = ALLOCATORS.get((c / Mutation.values().length) % ALLOCATORS.size());
            String where = "case " + c + " (seed " + seed + ", -Dheaplab.seed=" + SEED + "): " + mutation + " on "
                + spec.name();
            if (runCase(spec, mutation, seed, where)) {
                perMutation[mutation.ordinal()]++;
            }
        }
        for (Mutation m : Mutation.values()) {
            assertTrue(perMutation[m.ordinal()] >= CASES / Mutation.values().length / 2,
                m + " was injected in only " + perMutation[m.ordinal()] + " cases");
        }
    }

    /** {@return whether the misuse could be injected} */
    private static boolean runCase(AllocatorSpec spec, Mutation mutation, long seed, String where)
        throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        CheckedAllocator heap = CheckedAllocator.of(spec.create(HEAP_BYTES),
            CheckConfig.of(mutation.level, ErrorMode.RECORD));
        List<Block> live = new ArrayList<>();
        int injectAt = random.nextInt(STEPS);
        long victim = -1;
        for (int step = 0; step < STEPS; step++) {
            if (step >= injectAt && victim < 0 && !live.isEmpty()) {
                victim = inject(heap, live, mutation, random);
            }
            if (live.isEmpty() || random.nextInt(3) > 0) {
                long size = 1 + random.nextInt(512);
                long align = ALIGNS[random.nextInt(ALIGNS.length)];
                long p = heap.allocate(size, align);
                if (p != Allocator.FAILED) {
                    live.add(new Block(p, size, align));
                }
            } else {
                Block b = live.remove(random.nextInt(live.size()));
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
            }
        }
        if (victim < 0) {
            heap.close();
            return false;
        }
        for (Block b : live) {
            heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
        }
        heap.close();
        List<MisuseReport> reports = heap.reports();
        if (reports.size() != 1) {
            fail(where + ": expected exactly one " + mutation.expected + " report, got " + reports);
        }
        MisuseReport report = reports.getFirst();
        assertEquals(mutation.expected, report.kind(), where + ": " + report);
        assertEquals(TaggedAddress.untag(victim), report.address(), where + ": " + report);
        return true;
    }

    /** Injects the misuse on a random live block (removing it from {@code live} when it is gone); returns its address. */
    private static long inject(CheckedAllocator heap, List<Block> live, Mutation mutation, SplittableRandom random)
        throws InterruptedException {
        int index = random.nextInt(live.size());
        Block b = live.get(index);
        switch (mutation) {
            case DOUBLE_FREE -> {
                live.remove(index);
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
            }
            case STALE_FREE -> {
                live.remove(index);
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
                long reused = heap.allocate(b.byteSize(), b.byteAlignment());
                if (TaggedAddress.untag(reused) != TaggedAddress.untag(b.address())) {
                    if (reused != Allocator.FAILED) {
                        heap.deallocate(reused, b.byteSize(), b.byteAlignment());
                    }
                    return -1; // not reused at once (bump after a non-top free): try again at a later step
                }
                live.add(new Block(reused, b.byteSize(), b.byteAlignment()));
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
            }
            case INVALID_FREE -> {
                heap.deallocate(b.address() + (1L << 40), b.byteSize(), b.byteAlignment());
                return b.address() + (1L << 40);
            }
            case INTERIOR_FREE -> {
                if (b.byteSize() <= b.byteAlignment()) {
                    return -1;
                }
                heap.deallocate(b.address() + b.byteAlignment(), b.byteSize(), b.byteAlignment());
                return b.address() + b.byteAlignment();
            }
            case MISALIGNED_FREE -> {
                if (b.byteAlignment() == 1) {
                    return -1;
                }
                heap.deallocate(b.address() + 1, b.byteSize(), b.byteAlignment());
                return b.address() + 1;
            }
            case WRONG_SIZE -> {
                live.remove(index);
                heap.deallocate(b.address(), b.byteSize() + 1, b.byteAlignment()); // freed with its own layout
            }
            case WRONG_ALIGN -> {
                live.remove(index);
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment() * 2);
            }
            case WRITE_AFTER_FREE -> {
                live.remove(index);
                heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
                long at = TaggedAddress.untag(b.address()) + random.nextLong(b.byteSize());
                heap.memory().set(ValueLayout.JAVA_BYTE, at, (byte) 0x41);
            }
            case OVERFLOW -> {
                long at = TaggedAddress.untag(b.address()) + b.byteSize();
                heap.memory().set(ValueLayout.JAVA_BYTE, at, (byte) ~heap.memory().get(ValueLayout.JAVA_BYTE, at));
            }
            case LEAK -> live.remove(index);
            case WRONG_THREAD -> {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread other = new Thread(() -> {
                    try {
                        heap.deallocate(b.address(), b.byteSize(), b.byteAlignment());
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                });
                other.start();
                other.join();
                if (thrown.get() != null) {
                    throw new AssertionError(thrown.get());
                }
            }
        }
        return b.address();
    }
}
