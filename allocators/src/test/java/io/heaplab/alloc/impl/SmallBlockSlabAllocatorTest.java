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
 * The placement rules of {@link SmallBlockSlabAllocator}, with addresses and footprints computed by hand. Every
 * general contract (shadow model, exhaustion, invalid layouts, pristine state) is checked on it by the shared
 * contract tests; these pin down where blocks go.
 */
class SmallBlockSlabAllocatorTest {

    private static final long HEAP = 64 * 1024;
    private static final long SLAB = 1024;

    private SmallBlockSlabAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = create(HEAP, 256);
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static SmallBlockSlabAllocator create(long heapBytes, long maxSmallBytes) {
        return new SmallBlockSlabAllocator("test-slabs", maxSmallBytes, new FreeListAllocator("test-free-list",
            heapBytes, FitPolicy.BEST, FreeListOrder.ADDRESS, FreeListAllocator.DEFAULT_GRANULE_BYTES));
    }

    @Test
    void shouldCarveSmallBlocksFromSlabsDownFromTheHeapEndAndLargeOnesFromTheBottom() {
        assertEquals(HEAP - SLAB, allocator.allocate(16, 8), "first 16-byte block: slot 0 of slab 0");
        assertEquals(HEAP - SLAB + 16, allocator.allocate(9, 8), "9 bytes round to the same 16-byte class");
        assertEquals(HEAP - 2 * SLAB, allocator.allocate(32, 8), "a new class takes the next slab down");
        assertEquals(0, allocator.allocate(257, 8), "above 256 bytes: the free list, from offset 0");
        assertEquals(HEAP - 3 * SLAB, allocator.allocate(256, 8), "256 bytes: a class and slab of their own");
        AllocatorStats stats = allocator.stats();
        assertEquals(272 + 3 * SLAB, stats.footprintBytes(), "footprint: free-list top plus three slabs");
        assertEquals(16 + 16 + 32 + 272 + 256, stats.liveGrantedBytes());
    }

    @Test
    void shouldKeepBlocksAlignedBeyondTheGranuleInTheFreeList() {
        assertEquals(0, allocator.allocate(16, 32));
        assertEquals(HEAP - SLAB, allocator.allocate(16, 16));
    }

    @Test
    void shouldFillASlabLowestSlotFirstAndReuseFreedSlots() {
        long base = HEAP - SLAB;
        for (int slot = 0; slot < 4; slot++) {
            assertEquals(base + 256L * slot, allocator.allocate(250, 8), "class 256 holds 4 blocks per slab");
        }
        assertEquals(HEAP - 2 * SLAB, allocator.allocate(250, 8), "a full slab: the next one down");
        allocator.deallocate(base + 256, 250, 8);
        assertEquals(base + 256, allocator.allocate(241, 8), "the freed slot of the lowest-numbered slab");
    }

    @Test
    void shouldShrinkTheRegionWhenItsInnermostSlabEmptiesAndGiveTheSpaceBackToTheFreeList() {
        long small = allocator.allocate(16, 8);
        long other = allocator.allocate(48, 8);
        assertEquals(HEAP - 2 * SLAB, other);
        long rest = HEAP - 2 * SLAB;
        assertEquals(Allocator.FAILED, allocator.allocate(rest + 16, 8), "two slabs leave " + rest + " bytes");
        assertEquals(1, allocator.stats().failedAllocations());
        allocator.deallocate(other, 48, 8);
        long big = allocator.allocate(rest + 16, 8);
        assertEquals(0, big, "the innermost slab left the region, so the free list may grow into it");
        assertEquals(HEAP - SLAB + 16, allocator.allocate(16, 8), "slab 0 still serves its class");
        allocator.deallocate(big, rest + 16, 8);
        allocator.deallocate(small, 16, 8);
        allocator.deallocate(HEAP - SLAB + 16, 16, 8);
        assertEquals(0, allocator.allocate(HEAP, 1), "every block freed: the whole heap is one block again");
    }

    @Test
    void shouldReuseAnEmptySlabInsideTheRegionForAnyClassNearestTheHeapEndFirst() {
        long first = allocator.allocate(16, 8);
        allocator.allocate(32, 8);
        allocator.deallocate(first, 16, 8);
        assertEquals(HEAP - SLAB, allocator.allocate(64, 8), "slab 0 was empty; the 64-byte class takes it");
        assertEquals(2 * SLAB, allocator.stats().footprintBytes(), "the region did not grow");
    }

    @Test
    void shouldServeSmallBlocksFromTheFreeListWhenTheRegionCannotGrow() {
        long hole = allocator.allocate(1024, 8);
        long wall = allocator.allocate(HEAP - 1024, 8);
        assertEquals(1024, wall, "the free list now reaches the heap's end");
        allocator.deallocate(hole, 1024, 8);
        assertEquals(0, allocator.allocate(16, 8), "no room for a slab: the free list's hole serves it");
        allocator.deallocate(0, 16, 8);
        allocator.deallocate(wall, HEAP - 1024, 8);
        assertEquals(HEAP - SLAB, allocator.allocate(16, 8), "with room again, small blocks go to slabs");
    }

    @Test
    void shouldReallocateWithinAClassInPlaceAndMoveAcrossClassesKeepingTheBytes() {
        long p = allocator.allocate(20, 8);
        allocator.memory().set(ValueLayout.JAVA_LONG, p, 0x1234_5678_9abc_def0L);
        assertEquals(p, allocator.reallocate(p, 20, 8, 32), "20 and 32 bytes share the 32-byte class");
        long q = allocator.reallocate(p, 32, 8, 100);
        assertEquals(HEAP - 2 * SLAB, q, "100 bytes: the 112-byte class's new slab");
        assertEquals(0x1234_5678_9abc_def0L, allocator.memory().get(ValueLayout.JAVA_LONG, q));
        long r = allocator.reallocate(q, 100, 8, 4000);
        assertEquals(0, r, "4000 bytes: the free list");
        assertEquals(0x1234_5678_9abc_def0L, allocator.memory().get(ValueLayout.JAVA_LONG, r));
        assertEquals(0, allocator.reallocate(r, 4000, 8, 64), "a free-list block stays there when it shrinks");
        AllocatorStats stats = allocator.stats();
        assertEquals(2, stats.reallocationsInPlace());
        assertEquals(2, stats.reallocationsMoved());
        assertEquals(64, stats.liveGrantedBytes());
    }

    @Test
    void shouldNotLetSmallBlocksFenceOffTheSpaceOfLargeOnes() {
        // malloc-lab's coalescing-bal in miniature: a long-lived 16-byte fence between two rounds of A, B, A+B.
        long a = allocator.allocate(1023, 8);
        long b = allocator.allocate(1023, 8);
        long fence = allocator.allocate(16, 8);
        allocator.deallocate(a, 1023, 8);
        allocator.deallocate(b, 1023, 8);
        assertEquals(0, allocator.allocate(2046, 8), "A and B coalesced: A+B fits in their place");
        assertEquals(HEAP - SLAB, fence);
        assertEquals(2048 + SLAB, allocator.stats().footprintBytes());
    }

    @Test
    void shouldRejectASmallBlockLimitThatIsNotAWholeNumberOfGranulesUpToOneSlab() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(HEAP, 100));
        assertEquals("small blocks must end at a multiple of the 16-byte granule, at most 1024 bytes: 100",
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> create(HEAP, 2048));
        assertEquals("small blocks must end at a multiple of the 16-byte granule, at most 1024 bytes: 2048",
            e.getMessage());
    }

    @Test
    void shouldRejectAHeapSmallerThanOneSlab() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(1000, 256));
        assertEquals("heap of 1000 bytes is smaller than one 1024-byte slab", e.getMessage());
    }
}
