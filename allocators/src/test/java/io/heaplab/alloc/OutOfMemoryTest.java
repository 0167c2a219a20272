package io.heaplab.alloc;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Out of memory, zero-size and invalid requests, and heaps beyond 2 GiB, for every registered research allocator.
 *
 * <p>Exhaustion is a normal outcome: {@code allocate} and {@code reallocate} return {@link Allocator#FAILED}, count
 * it in {@code failedAllocations}, throw nothing, leave every live block intact, and later requests succeed once
 * blocks are freed. Every allocator here runs under a {@link ShadowHeap}, so each block's bytes, placement and the
 * statistics are checked as in the contract test.
 *
 * <p>Blocks are freed newest first where reuse is checked: that is the one order every design (bump included)
 * reclaims. Fill sizes are multiples of their alignment, as Rust type sizes are, so a bump allocator leaves no
 * alignment padding between them.
 */
class OutOfMemoryTest {

    private static final String LAYOUT_MESSAGE = "invalid parameters to Layout::from_size_align";
    private static final long HEAP_BYTES = 256 * 1024;
    /** (size, alignment) pairs the heap is filled with, from single bytes to a quarter of the heap. */
    private static final long[][] FILL_LAYOUTS = {
        {1, 1}, {16, 16}, {24, 8}, {100, 4}, {4096, 4096}, {5000, 8}, {65_536, 16}};
    private static final int EXTRA_FAILURES = 3;
    private static final long SEED = Long.getLong("heaplab.seed", 0x00A_110CL);
    private static final int MIXED_FILL_MAX_STEPS = 20_000;
    private static final long MIXED_MAX_BYTES = 8192;
    /** 3 GiB: larger than 2^31, so offsets and sizes must be longs everywhere. */
    private static final long LARGE_HEAP_BYTES = 3L << 30;
    private static final long LARGE_BLOCK_BYTES = 768L << 20;
    private static final long TWO_GIB = 1L << 31;
    private static final long[] ALIGNMENTS = {1, 2, 8, 16, 64, 4096, Layout.MAX_ALIGN};

    private static long fillUntilFailure(ShadowHeap heap, long size, long align, long maxBlocks) {
        long blocks = 0;
        while (heap.allocate(size, align) != Allocator.FAILED) {
            blocks++;
            assertTrue(blocks <= maxBlocks,
                () -> "more than " + maxBlocks + " blocks of " + size + " bytes in a heap of " + HEAP_BYTES + " bytes");
        }
        return blocks;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldReturnFailedAndCountItWhenTheHeapIsExhausted(String name) {
        for (long[] layout : FILL_LAYOUTS) {
            long size = layout[0];
            long align = layout[1];
            try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
                ShadowHeap heap = new ShadowHeap(allocator);
                // Each block takes at least its size, so no more than HEAP_BYTES / size blocks can succeed.
                long blocks = fillUntilFailure(heap, size, align, HEAP_BYTES / size);
                assertTrue(blocks > 0, () -> name + ": not one block of " + size + " bytes in a fresh heap");
                for (int i = 0; i < EXTRA_FAILURES; i++) {
                    assertEquals(Allocator.FAILED, heap.allocate(size, align), "the heap is still full");
                }
                heap.verify();
                AllocatorStats stats = allocator.stats();
                assertEquals(1 + EXTRA_FAILURES, stats.failedAllocations(), "every failure is counted");
                assertEquals(blocks, stats.allocations());
                assertEquals(blocks, stats.liveBlocks());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldAllocateAgainAfterFreeingBlocksOfAFullHeap(String name) {
        for (long[] layout : FILL_LAYOUTS) {
            long size = layout[0];
            long align = layout[1];
            try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
                ShadowHeap heap = new ShadowHeap(allocator);
                long blocks = fillUntilFailure(heap, size, align, HEAP_BYTES / size);
                long freed = (blocks + 1) / 2;
                for (long i = 0; i < freed; i++) {
                    heap.deallocate(heap.liveCount() - 1);
                }
                heap.verify();
                for (long i = 0; i < freed; i++) {
                    long again = i;
                    assertNotEquals(Allocator.FAILED, heap.allocate(size, align), () -> name + ": re-allocating block "
                        + again + " of " + freed + " freed blocks of " + size + " bytes failed");
                }
                heap.verify();
                assertEquals(Allocator.FAILED, heap.allocate(size, align), "the heap is full again");
                assertEquals(2, allocator.stats().failedAllocations());
                heap.freeAll(true, 0);
                assertEquals(0, allocator.stats().liveBlocks());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldStayConsistentWhenFilledWithMixedSizes(String name) {
        SplittableRandom random = new SplittableRandom(SEED);
        try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
            ShadowHeap heap = new ShadowHeap(allocator);
            int consecutiveFailures = 0;
            int steps = 0;
            while (consecutiveFailures < EXTRA_FAILURES && steps++ < MIXED_FILL_MAX_STEPS) {
                long align = 1L << random.nextInt(7);
                long size = Math.max(align, random.nextLong(1, MIXED_MAX_BYTES + 1) & -align);
                consecutiveFailures = heap.allocate(size, align) == Allocator.FAILED ? consecutiveFailures + 1 : 0;
            }
            assertEquals(EXTRA_FAILURES, consecutiveFailures, "a heap of " + HEAP_BYTES + " bytes must fill up");
            heap.verify();
            long failuresBefore = heap.failedAllocations();
            assertEquals(failuresBefore, allocator.stats().failedAllocations());

            // Free the newest quarter, then the newest block's layout fits again: its own space is free in every
            // design (a size-class allocator need not serve other classes from it, a bump allocator reclaims only
            // down to the newest block when alignment padding lies between the freed blocks).
            Layout newest = heap.layoutOf(heap.liveCount() - 1);
            int freed = Math.max(1, heap.liveCount() / 4);
            for (int i = 0; i < freed; i++) {
                heap.deallocate(heap.liveCount() - 1);
            }
            heap.verify();
            assertNotEquals(Allocator.FAILED, heap.allocate(newest.size(), newest.align()),
                () -> name + ": " + newest + " of the newest freed block must fit again");
            heap.verify();
            heap.freeAll(true, 0);
            assertEquals(0, allocator.stats().liveBlocks());
            assertEquals(0, allocator.stats().liveGrantedBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldKeepTheBlockWhenReallocateFails(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
            ShadowHeap heap = new ShadowHeap(allocator);
            heap.allocate(100, 8);
            fillUntilFailure(heap, 4096, 16, HEAP_BYTES / 4096);
            assertEquals(Allocator.FAILED, heap.reallocate(0, HEAP_BYTES), "the heap cannot hold a second heap");
            assertEquals(Allocator.FAILED, heap.reallocate(0, Long.MAX_VALUE - 7), "a valid but huge size fails");
            heap.verify();
            assertEquals(3, allocator.stats().failedAllocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldReturnFailedForValidRequestsLargerThanTheHeap(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
            ShadowHeap heap = new ShadowHeap(allocator);
            heap.allocate(64, 8);
            long[][] huge = {
                {HEAP_BYTES + 1, 1}, {Long.MAX_VALUE, 1}, {Long.MAX_VALUE - 4095, 4096},
                {Long.MAX_VALUE / 2, 1L << 20}, {1L << 62, Layout.MAX_ALIGN}};
            for (long[] request : huge) {
                assertEquals(Allocator.FAILED, heap.allocate(request[0], request[1]),
                    () -> name + ": allocate(" + request[0] + ", " + request[1] + ") must fail");
            }
            heap.verify();
            assertEquals(huge.length, allocator.stats().failedAllocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldGiveZeroSizeRequestsTheDanglingAddressWithoutChangingAnything(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
            ShadowHeap heap = new ShadowHeap(allocator);
            heap.allocate(48, 16);
            AllocatorStats before = allocator.stats();
            for (long align : ALIGNMENTS) {
                assertEquals(align, allocator.allocate(0, align), "allocate(0, align) returns the alignment");
                assertEquals(align, allocator.allocate(Layout.fromSizeAlign(0, align)));
                assertEquals(0, allocator.usableSize(align, 0, align));
                allocator.deallocate(align, 0, align);
                allocator.deallocate(align, Layout.fromSizeAlign(0, align));
                assertEquals(align, allocator.reallocate(align, 0, align, 0), "reallocate(0 -> 0) stays dangling");
                assertEquals(before, allocator.stats(), "zero-size requests are not counted");
            }
            heap.verify();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldGiveZeroSizeRequestsTheDanglingAddressEvenWhenTheHeapIsFull(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
            ShadowHeap heap = new ShadowHeap(allocator);
            fillUntilFailure(heap, 16, 16, HEAP_BYTES / 16);
            AllocatorStats full = allocator.stats();
            assertEquals(8, allocator.allocate(0, 8));
            assertEquals(full, allocator.stats());
            heap.verify();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldRejectInvalidLayoutsWithRustMessageAndChangeNothing(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(HEAP_BYTES)) {
            ShadowHeap heap = new ShadowHeap(allocator);
            long address = heap.allocate(16, 8);
            AllocatorStats before = allocator.stats();
            List<Executable> invalid = List.of(
                () -> allocator.allocate(8, 0),
                () -> allocator.allocate(8, 3),
                () -> allocator.allocate(8, -8),
                () -> allocator.allocate(-1, 8),
                () -> allocator.allocate(Long.MAX_VALUE, 8),
                () -> allocator.allocate(Long.MAX_VALUE - 4094, 4096),
                () -> allocator.allocate(0, 1L << 63),
                () -> allocator.deallocate(address, -16, 8),
                () -> allocator.deallocate(address, 16, 6),
                () -> allocator.reallocate(address, 16, 8, -1),
                () -> allocator.reallocate(address, 16, 8, Long.MAX_VALUE),
                () -> allocator.reallocate(address, 16, 12, 32),
                () -> allocator.reallocate(address, -16, 8, 32));
            for (Executable call : invalid) {
                LayoutException e = assertThrows(LayoutException.class, call);
                assertEquals(LAYOUT_MESSAGE, e.getMessage());
                assertEquals(before, allocator.stats(), "an invalid request changes no statistic");
            }
            heap.verify();
            assertEquals(address, heap.deallocate(0));
            heap.verify();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldServeBlocksEndingBeyondTwoGibibytes(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(LARGE_HEAP_BYTES)) {
            assertEquals(LARGE_HEAP_BYTES, allocator.heapBytes());
            ShadowHeap heap = new ShadowHeap(allocator);
            long beyond = Allocator.FAILED;
            for (int i = 0; i < 4 && beyond == Allocator.FAILED; i++) {
                long address = heap.allocate(LARGE_BLOCK_BYTES, 4096);
                assertNotEquals(Allocator.FAILED, address, () -> name + ": a 3 GiB heap must hold 768 MiB blocks"
                    + " until one ends beyond 2 GiB");
                if (address + LARGE_BLOCK_BYTES > TWO_GIB) {
                    beyond = address;
                }
            }
            assertNotEquals(Allocator.FAILED, beyond, () -> name + ": no 768 MiB block ended beyond 2 GiB");
            // Write and read the block's last bytes, beyond 2^31, then restore what the shadow heap wrote there.
            MemorySegment memory = allocator.memory();
            long last = beyond + LARGE_BLOCK_BYTES - 1;
            byte savedByte = memory.get(ValueLayout.JAVA_BYTE, last);
            long savedLong = memory.get(ValueLayout.JAVA_LONG_UNALIGNED, last - 15);
            memory.set(ValueLayout.JAVA_BYTE, last, (byte) ~savedByte);
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, last - 15, ~savedLong);
            assertEquals((byte) ~savedByte, memory.get(ValueLayout.JAVA_BYTE, last));
            assertEquals(~savedLong, memory.get(ValueLayout.JAVA_LONG_UNALIGNED, last - 15));
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, last - 15, savedLong);
            memory.set(ValueLayout.JAVA_BYTE, last, savedByte);
            heap.verify();
            AllocatorStats stats = allocator.stats();
            long end = beyond + LARGE_BLOCK_BYTES;
            assertTrue(stats.footprintBytes() >= end,
                () -> "footprint must pass the block's end " + end + ": " + stats);
            assertTrue(stats.liveGrantedBytes() >= stats.liveBlocks() * LARGE_BLOCK_BYTES,
                () -> "live granted bytes must cover the live blocks: " + stats);
            heap.freeAll(false, SEED);
            assertEquals(0, allocator.stats().liveBlocks());
            assertNotEquals(Allocator.FAILED, heap.allocate(LARGE_BLOCK_BYTES, 4096), "the space is reusable");
            heap.verify();
        }
    }
}
