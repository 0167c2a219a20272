package io.heaplab.alloc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * No misuse makes an unchecked research allocator loop forever or fail with an undocumented exception.
 *
 * <p>Each case: a fresh 16 MiB heap with a few live blocks, one misuse (the kinds of the detection issue), then
 * {@value #FOLLOW_UP_ALLOCATIONS} allocations, each block filled with bytes as a program would (over any free-block
 * record a corrupted allocator placed there), some of them freed again, and {@code stats()} throughout. The
 * allocators stay unchecked: silently handing out overlapping blocks is a legitimate, measured outcome and is not
 * asserted against. What is asserted is only that the case ends within {@link #WATCHDOG} (a hang check, not a speed
 * target: a case takes milliseconds) and that every exception is a documented one: an
 * {@link IllegalArgumentException} (a refused argument, thrown before any change) or an
 * {@link IllegalStateException} starting {@value #CORRUPTED}, after which the allocator is not used again.
 */
class MisuseTerminationTest {

    private static final Duration WATCHDOG = Duration.ofSeconds(10);
    private static final long HEAP_BYTES = 16L << 20;
    private static final int FOLLOW_UP_ALLOCATIONS = 200;
    private static final long BLOCK_BYTES = 48;
    private static final long BLOCK_ALIGN = 8;
    private static final long WRONG_BYTES = 4096;
    private static final long WRONG_ALIGN = 4096;
    private static final String CORRUPTED = "heap metadata corrupted: ";
    private static final long SEED = Long.getLong("heaplab.seed", 0x5EEDL);

    /** One misuse, done on an allocator holding the live blocks {@code live[0..2]} of 48 bytes aligned to 8. */
    enum Misuse {
        DOUBLE_FREE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1], BLOCK_BYTES, BLOCK_ALIGN);
                a.deallocate(live[1], BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        DOUBLE_FREE_OF_FIRST_BLOCK {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[0], BLOCK_BYTES, BLOCK_ALIGN);
                a.deallocate(live[0], BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        DOUBLE_FREE_AFTER_REUSE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1], BLOCK_BYTES, BLOCK_ALIGN);
                a.allocate(BLOCK_BYTES, BLOCK_ALIGN);
                a.deallocate(live[1], BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        FOREIGN_FREE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(HEAP_BYTES * 4, BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        NEGATIVE_FREE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(-4096, BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        INTERIOR_FREE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1] + 16, BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        MISALIGNED_FREE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1] + 3, BLOCK_BYTES, BLOCK_ALIGN);
            }
        },
        FREE_WITH_WRONG_SIZE {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1], WRONG_BYTES, BLOCK_ALIGN);
            }
        },
        FREE_WITH_WRONG_ALIGNMENT {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1], BLOCK_BYTES, WRONG_ALIGN);
            }
        },
        REALLOC_WITH_WRONG_SIZE {
            @Override
            void apply(Allocator a, long[] live) {
                a.reallocate(live[1], WRONG_BYTES, BLOCK_ALIGN, 100);
            }
        },
        REALLOC_WITH_WRONG_ALIGNMENT {
            @Override
            void apply(Allocator a, long[] live) {
                a.reallocate(live[1], BLOCK_BYTES, WRONG_ALIGN, 100);
            }
        },
        REALLOC_OF_FREED_BLOCK {
            @Override
            void apply(Allocator a, long[] live) {
                a.deallocate(live[1], BLOCK_BYTES, BLOCK_ALIGN);
                a.reallocate(live[1], BLOCK_BYTES, BLOCK_ALIGN, 200);
            }
        };

        abstract void apply(Allocator allocator, long[] live);
    }

    static Stream<Arguments> cases() {
        return ResearchAllocators.names().flatMap(name -> Stream.of(Misuse.values()).map(m -> Arguments.of(name, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void shouldTerminateWithAtMostADocumentedExceptionAfterMisuse(String name, Misuse misuse) {
        assertTimeoutPreemptively(WATCHDOG, () -> {
            try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
                long[] live = new long[4];
                for (int i = 0; i < live.length; i++) {
                    live[i] = allocator.allocate(BLOCK_BYTES, BLOCK_ALIGN);
                }
                if (!documented(name, misuse, "the misuse", () -> misuse.apply(allocator, live))) {
                    return;
                }
                followUp(name, misuse, allocator);
            }
        }, () -> name + " after " + misuse + ": did not finish within " + WATCHDOG + " (a loop that never ends?)");
    }

    /** Allocates, fills, frees and asks for statistics; stops at the first corruption report. */
    private static void followUp(String name, Misuse misuse, Allocator allocator) {
        SplittableRandom random = new SplittableRandom(SEED ^ misuse.ordinal());
        List<long[]> blocks = new ArrayList<>();
        MemorySegment memory = allocator.memory();
        for (int i = 0; i < FOLLOW_UP_ALLOCATIONS; i++) {
            long size = 1 + random.nextLong(random.nextInt(8) == 0 ? 20_000 : 300);
            long align = random.nextBoolean() ? 8 : 16;
            long[] address = {Allocator.FAILED};
            if (!documented(name, misuse, "allocate #" + i, () -> address[0] = allocator.allocate(size, align))) {
                return;
            }
            if (address[0] != Allocator.FAILED) {
                if (address[0] >= 0 && address[0] <= memory.byteSize() - size) {
                    memory.asSlice(address[0], size).fill((byte) (0xA5 ^ i)); // overwrites whatever lies there
                }
                blocks.add(new long[] {address[0], size, align});
            }
            if (random.nextInt(3) == 0 && !blocks.isEmpty()) {
                long[] block = blocks.remove(random.nextInt(blocks.size()));
                if (!documented(name, misuse, "free #" + i,
                    () -> allocator.deallocate(block[0], block[1], block[2]))) {
                    return;
                }
            }
            if (i % 50 == 0 && !documented(name, misuse, "stats #" + i, allocator::stats)) {
                return;
            }
        }
        documented(name, misuse, "the final stats", allocator::stats);
    }

    /**
     * Runs {@code step}; {@return whether the allocator may still be used}: true if it returned or refused an argument,
     * false if it reported corrupted metadata.
     *
     * @throws AssertionError if it threw anything else
     */
    private static boolean documented(String name, Misuse misuse, String what, Runnable step) {
        try {
            step.run();
            return true;
        } catch (IllegalArgumentException refused) {
            return true;
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(CORRUPTED)) {
                return false;
            }
            throw new AssertionError(name + " after " + misuse + ": " + what + " threw an undocumented " + e, e);
        } catch (RuntimeException e) {
            throw new AssertionError(name + " after " + misuse + ": " + what + " threw an undocumented " + e, e);
        }
    }

}
