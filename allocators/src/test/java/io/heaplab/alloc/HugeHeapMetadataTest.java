package io.heaplab.alloc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Metadata grows with use, not with heap capacity: every research allocator over a 1 TiB heap starts with a few KiB
 * of bookkeeping and, after some thousands of blocks, keeps it proportional to its footprint; a heap that cannot be
 * had is refused with an exception naming its size, never an {@link OutOfMemoryError}.
 *
 * <p>The bounds are policy bounds, not exact values: {@link #FIXED_METADATA_BYTES} is what any design may keep
 * regardless of use (a buddy allocator has one small bitmap per order), and {@link #METADATA_PER_FOOTPRINT}
 * allows a bitmap or table that has just doubled (free lists need 1/32 of the footprint, buddy about 1/64). Before
 * the fix, the 1 TiB heap's bitmaps alone took 2<sup>36</sup> bits each, and the construction threw
 * {@code OutOfMemoryError}.
 */
class HugeHeapMetadataTest {

    private static final long TEBIBYTE = 1L << 40;
    private static final long FIXED_METADATA_BYTES = 64 * 1024;
    /** Metadata may be at most footprint / this. */
    private static final long METADATA_PER_FOOTPRINT = 8;
    private static final int BLOCKS = 3000;
    private static final long[] ALIGNMENTS = {8, 16, 64, 4096};
    private static final long MAX_BLOCK_BYTES = 70_000;
    private static final long SEED = Long.getLong("heaplab.seed", 0x7E81BL);
    /** Far more than any address space: every allocator must refuse it. */
    private static final long IMPOSSIBLE_HEAP_BYTES = 1L << 62;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.ResearchAllocators#names")
    void shouldKeepMetadataProportionalToTheFootprintOnATebibyteHeap(String name) {
        try (Allocator allocator = ResearchAllocators.spec(name).create(TEBIBYTE)) {
            assertEquals(TEBIBYTE, allocator.heapBytes());
            assertBounded(name, "fresh", allocator.stats());
            ShadowHeap heap = new ShadowHeap(allocator);
            SplittableRandom random = new SplittableRandom(SEED);
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < BLOCKS; i++) {
                    long size = 1 + random.nextLong(random.nextInt(4) == 0 ? MAX_BLOCK_BYTES : 256);
                    long align = ALIGNMENTS[random.nextInt(ALIGNMENTS.length)];
                    if (heap.allocate(size, align) == Allocator.FAILED) {
                        fail(name + ": a " + size + "-byte block failed in a 1 TiB heap");
                    }
                }
                for (int i = heap.liveCount() / 2; i > 0; i--) {
                    heap.deallocate(random.nextInt(heap.liveCount()));
                }
                for (int i = 0; i < BLOCKS / 10 && heap.liveCount() > 0; i++) {
                    heap.reallocate(random.nextInt(heap.liveCount()), 1 + random.nextLong(MAX_BLOCK_BYTES));
                }
                heap.verify();
                assertBounded(name, "in use", allocator.stats());
            }
            heap.freeAll(false, SEED);
            allocator.trim();
            AllocatorStats freed = allocator.stats();
            assertBounded(name, "freed", freed);
            allocator.reset();
            // reset() keeps the capacity the metadata grew to, and nothing more
            assertTrue(allocator.stats().metadataBytes() <= freed.metadataBytes(),
                () -> name + ": reset() grew the metadata");
        }
    }

    private static void assertBounded(String name, String when, AllocatorStats stats) {
        long bound = FIXED_METADATA_BYTES + stats.footprintBytes() / METADATA_PER_FOOTPRINT;
        assertTrue(stats.metadataBytes() <= bound, () -> name + " (" + when + "): " + stats.metadataBytes()
            + " bytes of metadata for a footprint of " + stats.footprintBytes() + " bytes; at most " + bound
            + " allowed");
    }

    @Test
    void shouldRefuseAnImpossibleHeapWithAnExceptionNamingItsSize() {
        ResearchAllocators.names().forEach(name -> {
            try (Allocator allocator = ResearchAllocators.spec(name).create(IMPOSSIBLE_HEAP_BYTES)) {
                fail(name + ": a heap of 2^62 bytes was created: " + allocator);
            } catch (IllegalArgumentException | IllegalStateException e) {
                assertTrue(e.getMessage().contains("heap of " + IMPOSSIBLE_HEAP_BYTES + " bytes"),
                    () -> name + ": the message must name the heap size: " + e.getMessage());
            }
        });
    }
}
