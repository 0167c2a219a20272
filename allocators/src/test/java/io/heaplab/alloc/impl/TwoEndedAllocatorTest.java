package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.FitPolicy;
import io.heaplab.alloc.FreeListOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The placement rules of {@link TwoEndedAllocator} over LIFO best fit (as registered), with addresses and footprints
 * computed by hand. The general contract (shadow model, exhaustion, invalid layouts, pristine state) is checked on it
 * by the shared contract tests; these pin down where blocks go. The heap is {@value #HEAP} bytes; a small block of {@code need} bytes placed at
 * mirrored offset {@code v} occupies {@code [HEAP - v - need, HEAP - v)}.
 */
class TwoEndedAllocatorTest {

    private static final long HEAP = 64 * 1024;

    private TwoEndedAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = create(HEAP, 256);
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static FreeListAllocator freeList(long heapBytes) {
        return new FreeListAllocator("test-free-list", heapBytes, FitPolicy.BEST, FreeListOrder.LIFO,
            FreeListAllocator.DEFAULT_GRANULE_BYTES);
    }

    private static TwoEndedAllocator create(long heapBytes, long maxSmallBytes) {
        return new TwoEndedAllocator("test-two-ended", maxSmallBytes, freeList(heapBytes), freeList(heapBytes));
    }

    @Test
    void shouldPlaceSmallBlocksDownFromTheHeapEndAndLargeOnesUpFromTheStart() {
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "first small block: the heap's last granule");
        assertEquals(HEAP - 32, allocator.allocate(9, 8), "9 bytes take one granule, just below");
        assertEquals(HEAP - 64, allocator.allocate(32, 8));
        assertEquals(0, allocator.allocate(257, 8), "above 256 bytes: the low free list, from offset 0");
        assertEquals(HEAP - 64 - 256, allocator.allocate(256, 8), "256 bytes is still small");
        AllocatorStats stats = allocator.stats();
        assertEquals(272 + 320, stats.footprintBytes(), "footprint: both ends' extents");
        assertEquals(16 + 16 + 32 + 272 + 256, stats.liveGrantedBytes());
    }

    @Test
    void shouldKeepBlocksAlignedBeyondTheGranuleAtTheLowEnd() {
        assertEquals(0, allocator.allocate(16, 32));
        assertEquals(HEAP - 16, allocator.allocate(16, 16));
    }

    @Test
    void shouldReuseAFreedSmallBlockBestFitFromItsTopEnd() {
        long x = allocator.allocate(48, 8);
        allocator.allocate(48, 8);
        allocator.allocate(16, 8);
        assertEquals(HEAP - 48, x);
        allocator.deallocate(x, 48, 8);
        assertEquals(HEAP - 32, allocator.allocate(32, 8), "best fit: x's hole, its highest 32 bytes");
        assertEquals(HEAP - 48, allocator.allocate(16, 8), "the rest of x's hole, an exact fit");
        assertEquals(48 + 48 + 16, allocator.stats().footprintBytes());
    }

    @Test
    void shouldNotLetSmallBlocksFenceOffTheSpaceOfLargeOnes() {
        // malloc-lab's coalescing-bal in miniature: a long-lived 16-byte fence placed while A and B are live.
        long a = allocator.allocate(1023, 8);
        long b = allocator.allocate(1023, 8);
        long fence = allocator.allocate(16, 8);
        allocator.deallocate(a, 1023, 8);
        allocator.deallocate(b, 1023, 8);
        assertEquals(0, allocator.allocate(2046, 8), "A and B coalesced with the wilderness: A+B fits in their place");
        assertEquals(HEAP - 16, fence);
        assertEquals(2048 + 16, allocator.stats().footprintBytes());
    }

    @Test
    void shouldGrowALargeBlockInPlacePastSmallBlocksPlacedMeanwhile() {
        // malloc-lab's realloc-bal in miniature: small blocks come and go while one block grows.
        long big = allocator.allocate(512, 8);
        for (long size = 640; size <= 4096; size += 128) {
            long small = allocator.allocate(100, 8);
            assertEquals(big, allocator.reallocate(big, size - 128, 8, size), "grows in place to " + size);
            allocator.deallocate(small, 100, 8);
        }
        AllocatorStats stats = allocator.stats();
        assertEquals(28, stats.reallocationsInPlace());
        assertEquals(4096 + 112, stats.footprintBytes());
    }

    @Test
    void shouldLetTheEndsMeetAndGiveSpaceBackWhenTheInnermostSmallBlockIsFreed() {
        long innermost = 0;
        for (int i = 0; i < 4; i++) {
            innermost = allocator.allocate(256, 8);
        }
        assertEquals(HEAP - 1024, innermost);
        long large = HEAP - 1024 + 16;
        assertEquals(Allocator.FAILED, allocator.allocate(large, 8), "the small blocks hold the last 1024 bytes");
        assertEquals(1, allocator.stats().failedAllocations());
        allocator.deallocate(innermost, 256, 8);
        assertEquals(0, allocator.allocate(large, 8), "the high end shrank by 256 bytes");
    }

    @Test
    void shouldServeSmallBlocksAtTheLowEndWhenTheHighEndCannotGrow() {
        long hole = allocator.allocate(1024, 8);
        long wall = allocator.allocate(HEAP - 1024, 8);
        assertEquals(1024, wall, "the low end now reaches the heap's end");
        allocator.deallocate(hole, 1024, 8);
        assertEquals(0, allocator.allocate(16, 8), "no room at the high end: the low end's hole serves it");
        allocator.deallocate(0, 16, 8);
        allocator.deallocate(wall, HEAP - 1024, 8);
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "with room again, small blocks go to the high end");
    }

    @Test
    void shouldReallocateASmallBlockInPlaceWithinItsGranulesAndMoveItOtherwiseKeepingTheBytes() {
        long p = allocator.allocate(20, 8);
        assertEquals(HEAP - 32, p);
        allocator.memory().set(ValueLayout.JAVA_LONG, p, 0x1234_5678_9abc_def0L);
        assertEquals(p, allocator.reallocate(p, 20, 8, 32), "20 and 32 bytes both take two granules");
        long q = allocator.reallocate(p, 32, 8, 100);
        assertEquals(HEAP - 32 - 112, q, "placed below the old block, which is live while the bytes are copied");
        assertEquals(0x1234_5678_9abc_def0L, allocator.memory().get(ValueLayout.JAVA_LONG, q));
        long r = allocator.reallocate(q, 100, 8, 4000);
        assertEquals(0, r, "4000 bytes: the low end");
        assertEquals(0x1234_5678_9abc_def0L, allocator.memory().get(ValueLayout.JAVA_LONG, r));
        assertEquals(0, allocator.reallocate(r, 4000, 8, 64), "a low block stays low when it shrinks");
        AllocatorStats stats = allocator.stats();
        assertEquals(2, stats.reallocationsInPlace());
        assertEquals(2, stats.reallocationsMoved());
        assertEquals(64, stats.liveGrantedBytes());
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "every small block freed: the high end is empty again");
    }

    @Test
    void shouldRejectASmallLimitThatIsNotAPositiveMultipleOfTheGranule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(HEAP, 100));
        assertEquals("small requests must end at a positive multiple of the 16-byte granule: 100", e.getMessage());
    }

    @Test
    void shouldRejectFreeListsOfDifferentHeaps() {
        try (FreeListAllocator low = freeList(HEAP); FreeListAllocator high = freeList(2 * HEAP)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TwoEndedAllocator("x", 256, low, high));
            assertEquals("the two free lists must be distinct, with the same heap size and granule", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new TwoEndedAllocator("x", 256, low, low));
            assertEquals("the two free lists must be distinct, with the same heap size and granule", e.getMessage());
        }
    }
}
