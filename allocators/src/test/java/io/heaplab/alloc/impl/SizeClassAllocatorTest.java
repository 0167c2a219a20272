package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.SizeClassSpacing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * How {@link SizeClassAllocator} retains and returns slabs, checked through its backing buddy allocator's
 * statistics (one live backing block per slab). The general contract is checked by the shared contract tests.
 */
class SizeClassAllocatorTest {

    private static final long HEAP = 1 << 20;
    private static final long SLAB = SizeClassAllocator.DEFAULT_SLAB_BYTES;

    private SizeClassAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = new SizeClassAllocator("test-size-classes", SizeClassSpacing.quarterSteps(16, 8192), SLAB,
            new BuddyAllocator("test-pages", HEAP, 4096, BuddyAllocator.DEFAULT_MAX_ORDER));
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private long slabsHeld() {
        return allocator.backing().stats().liveBlocks();
    }

    @Test
    void shouldKeepTheEmptySlabOfAClassWhenTheHeapEmptiesAndReuseItFromItsStart() {
        long first = allocator.allocate(48, 8);
        long second = allocator.allocate(48, 8);
        allocator.deallocate(first, 48, 8);
        allocator.deallocate(second, 48, 8);
        assertEquals(0, allocator.stats().liveBlocks());
        assertEquals(1, slabsHeld(), "the class keeps its one empty slab");
        assertEquals(first, allocator.allocate(48, 8), "an emptied slab is carved again from its start");
        assertEquals(1, allocator.backing().stats().allocations(), "no second trip to the backing allocator");
    }

    @Test
    void shouldReturnEveryRetainedSlabOnTrimLeavingAFreshHeap() {
        long a = allocator.allocate(16, 8);
        long b = allocator.allocate(1000, 8);
        allocator.deallocate(a, 16, 8);
        allocator.deallocate(b, 1000, 8);
        assertEquals(2, slabsHeld(), "one empty slab kept per class");
        allocator.trim();
        assertEquals(0, slabsHeld());
        assertEquals(0, allocator.allocate(HEAP, 4096), "the whole heap is one block again");
    }

    @Test
    void shouldReleaseASecondEmptySlabOfTheSameClassAtOnce() {
        int perSlab = (int) (SLAB / 1024);
        long[] blocks = new long[perSlab + 1];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = allocator.allocate(1024, 8);
        }
        assertEquals(2, slabsHeld(), perSlab + " blocks of 1 KiB fill a slab; one more needs a second");
        allocator.deallocate(blocks[perSlab], 1024, 8);
        assertEquals(2, slabsHeld(), "the second slab, now empty, is the class's only slab with room: kept");
        for (int i = 0; i < perSlab; i++) {
            allocator.deallocate(blocks[i], 1024, 8);
        }
        assertEquals(1, slabsHeld(), "the first slab emptied while another empty one had room: returned");
    }

    @Test
    void shouldReturnRetainedSlabsWhenTheBackingAllocatorRunsOut() {
        long small = allocator.allocate(16, 8);
        allocator.deallocate(small, 16, 8);
        assertEquals(1, slabsHeld());
        long whole = allocator.allocate(HEAP, 4096);
        assertNotEquals(Allocator.FAILED, whole, "the retained slab was returned and the request retried");
        assertEquals(0, whole);
    }
}
