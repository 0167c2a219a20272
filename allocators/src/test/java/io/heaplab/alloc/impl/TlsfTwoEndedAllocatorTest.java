package io.heaplab.alloc.impl;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Where {@link TlsfTwoEndedAllocator} places blocks, with addresses and footprints computed by hand. The general
 * contract (shadow model, exhaustion, invalid layouts, pristine state) is checked by the shared contract tests.
 * The heap is {@value #HEAP} bytes; requests of at most 256 bytes are small, and a small block of {@code need} bytes
 * at virtual offset {@code v} of the high end occupies {@code [HEAP - v - need, HEAP - v)}.
 */
class TlsfTwoEndedAllocatorTest {

    private static final long HEAP = 64 * 1024;

    private TlsfTwoEndedAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = new TlsfTwoEndedAllocator("tlsf-test", HEAP, 256);
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void shouldPlaceSmallBlocksDownFromTheHeapEndAndLargeOnesUpFromTheStart() {
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "first small block: the heap's last granule");
        assertEquals(HEAP - 32, allocator.allocate(9, 8), "9 bytes take one granule, just below");
        assertEquals(HEAP - 64, allocator.allocate(32, 8));
        assertEquals(0, allocator.allocate(257, 8), "above 256 bytes: the low end, from offset 0");
        assertEquals(HEAP - 64 - 256, allocator.allocate(256, 8), "256 bytes is still small");
        AllocatorStats stats = allocator.stats();
        assertEquals(272 + 320, stats.footprintBytes(), "footprint: both ends' extents");
        assertEquals(16 + 16 + 32 + 272 + 256, stats.liveGrantedBytes());
    }

    @Test
    void shouldTakeAnExactBinFirstThenTheSmallestLargerBinSplittingFromTheFarEnd() {
        long x = allocator.allocate(48, 8);
        allocator.allocate(48, 8);
        allocator.allocate(16, 8);
        assertEquals(HEAP - 48, x);
        allocator.deallocate(x, 48, 8);
        assertEquals(HEAP - 32, allocator.allocate(32, 8), "no 2-granule block: x's 3-granule one, its top 32 bytes");
        assertEquals(HEAP - 48, allocator.allocate(16, 8), "the rest of x, now in the exact 1-granule bin");
        assertEquals(48 + 48 + 16, allocator.stats().footprintBytes());
    }

    @Test
    void shouldReuseAQuickListedBlockOfTheExactSizeNewestFirst() {
        long a = allocator.allocate(100, 8);
        long b = allocator.allocate(100, 8);
        assertEquals(HEAP - 224, b);
        allocator.deallocate(a, 100, 8);
        allocator.deallocate(b, 100, 8);
        assertEquals(b, allocator.allocate(97, 8), "7 granules: the quick list's newest block");
        assertEquals(a, allocator.allocate(112, 8));
        assertEquals(224, allocator.stats().footprintBytes());
    }

    @Test
    void shouldCoalesceQuickListedBlocksBeforeGrowingTheFootprint() {
        long a = allocator.allocate(100, 8);
        long b = allocator.allocate(100, 8);
        allocator.allocate(16, 8);
        allocator.deallocate(a, 100, 8);
        allocator.deallocate(b, 100, 8);
        assertEquals(HEAP - 208, allocator.allocate(200, 8),
            "no 13-granule block: a and b are released, coalesced into 14 granules, and split");
        AllocatorStats stats = allocator.stats();
        assertEquals(240, stats.footprintBytes(), "the wilderness was not touched");
        assertEquals(16, stats.freeBytes(), "the last granule of a and b");
    }

    @Test
    void shouldBeFreshAgainOnceEveryBlockIsFreedAndTrimmed() {
        long a = allocator.allocate(100, 8);
        long big = allocator.allocate(5000, 8);
        long b = allocator.allocate(300, 8);
        allocator.deallocate(a, 100, 8);
        allocator.deallocate(b, 300, 8);
        allocator.deallocate(big, 5000, 8);
        assertEquals(5008, allocator.stats().largestFreeBlockBytes(), "b waits in a quick list; big was released");
        allocator.trim();
        AllocatorStats stats = allocator.stats();
        assertEquals(stats.footprintBytes(), stats.freeBytes());
        assertEquals(0, allocator.allocate(5300, 8), "b coalesced with big and the wilderness");
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "a went back to the high wilderness");
    }

    @Test
    void shouldTakeTheFirstBlockOfASharedBinIfItFitsElseALargerBinElseSearchTheBin() {
        // 280, 260 and 270 granules (above the 4 KiB quick lists) share bin 80 (256..287 granules); 300-byte
        // fences keep them apart.
        long a = allocator.allocate(280 * 16, 8);
        allocator.allocate(300, 8);
        long b = allocator.allocate(260 * 16, 8);
        allocator.allocate(300, 8);
        long c = allocator.allocate(270 * 16, 8);
        allocator.allocate(300, 8);
        assertEquals(0, a);
        assertEquals(4480 + 304, b);
        assertEquals(4480 + 304 + 4160 + 304, c);
        allocator.deallocate(a, 280 * 16, 8);
        allocator.deallocate(b, 260 * 16, 8);
        allocator.deallocate(c, 270 * 16, 8);
        assertEquals(c, allocator.allocate(265 * 16, 8), "the bin's first block (newest) fits");
        assertEquals(a, allocator.allocate(275 * 16, 8), "b, now first, is too small and no larger bin exists: a");
        AllocatorStats stats = allocator.stats();
        assertEquals(4160 + 80 + 80, stats.freeBytes(), "b, and the last 5 granules of c and of a");
        assertEquals(4480 + 4160 + 4320 + 3 * 304, stats.footprintBytes(), "nothing came from the wilderness");
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
    void shouldCoalesceWithAFreeLeftNeighbourFoundThroughTheBitmapUpTo16KiB() {
        // a: 1024 granules from granule 127 to 1150: its head bit is 16 bitmap words (1..17) before its last
        // granule, the farthest a footerless block's can be.
        allocator.allocate(127 * 16, 8);
        long a = allocator.allocate(16 * 1024, 8);
        long b = allocator.allocate(8000, 8);
        allocator.allocate(300, 8);
        assertEquals(127 * 16, a);
        allocator.deallocate(a, 16 * 1024, 8);
        allocator.deallocate(b, 8000, 8);
        assertEquals(16 * 1024 + 8000, allocator.stats().largestFreeBlockBytes(), "a and b coalesced");
        assertEquals(a, allocator.allocate(16 * 1024 + 8000, 8));
    }

    @Test
    void shouldCoalesceWithAFreeLeftNeighbourAbove16KiBThroughItsFooter() {
        long a = allocator.allocate(20000, 8);
        long b = allocator.allocate(5000, 8);
        allocator.allocate(300, 8);
        allocator.deallocate(a, 20000, 8);
        allocator.deallocate(b, 5000, 8);
        assertEquals(20000 + 5008, allocator.stats().largestFreeBlockBytes(), "a (1250 granules) and b coalesced");
        assertEquals(0, allocator.allocate(25008, 8));
        assertEquals(20000 + 5008 + 304, allocator.stats().footprintBytes());
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
    void shouldGrowIntoAFreeRightNeighbourAndCoalesceWhatIsLeftOfIt() {
        long a = allocator.allocate(512, 8);
        long b = allocator.allocate(512, 8);
        long last = allocator.allocate(512, 8);
        allocator.deallocate(b, 512, 8);
        assertEquals(a, allocator.reallocate(a, 512, 8, 800), "b's 512 free bytes cover the 288 more");
        allocator.deallocate(last, 512, 8);
        assertEquals(800, allocator.allocate(1000, 8), "b's last 224 bytes and 'last' went back to the wilderness");
        assertEquals(800 + 1008, allocator.stats().footprintBytes());
    }

    @Test
    void shouldShrinkAHighBlockInPlaceFreeingItsRealTail() {
        long p = allocator.allocate(100, 8);
        assertEquals(HEAP - 112, p);
        allocator.memory().set(ValueLayout.JAVA_LONG, p, 0x1234_5678_9abc_def0L);
        assertEquals(p, allocator.reallocate(p, 100, 8, 20));
        assertEquals(0x1234_5678_9abc_def0L, allocator.memory().get(ValueLayout.JAVA_LONG, p));
        assertEquals(HEAP - 80, allocator.allocate(80, 8), "the freed 80 bytes above p, an exact fit");
        assertEquals(112, allocator.stats().footprintBytes());
    }

    @Test
    void shouldMoveAGrowingSmallBlockToTheLowEndKeepingItsBytes() {
        long p = allocator.allocate(20, 8);
        allocator.memory().set(ValueLayout.JAVA_LONG, p, 42L);
        long q = allocator.reallocate(p, 20, 8, 4000);
        assertEquals(0, q, "4000 bytes: the low end");
        assertEquals(42L, allocator.memory().get(ValueLayout.JAVA_LONG, q));
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "p went back to the high wilderness");
        AllocatorStats stats = allocator.stats();
        assertEquals(1, stats.reallocationsMoved());
        assertEquals(4000 + 32, stats.footprintBytes());
    }

    @Test
    void shouldAlignBeyondTheGranuleAtTheLowEndAndFreeThePadding() {
        assertEquals(0, allocator.allocate(300, 8));
        long aligned = allocator.allocate(16, 64);
        assertEquals(320, aligned, "304 rounded up to 64; bytes 304..320 become a free block");
        assertEquals(16, allocator.stats().freeBytes());
        allocator.deallocate(aligned, 16, 64);
        assertEquals(304, allocator.allocate(300, 8), "the block and its padding went back to the wilderness");
        assertEquals(608, allocator.stats().footprintBytes());
    }

    @Test
    void shouldServeSmallBlocksAtTheLowEndWhenTheHighEndCannotGrow() {
        long hole = allocator.allocate(1024, 8);
        long wall = allocator.allocate(HEAP - 1024, 8);
        assertEquals(1024, wall, "the low end now reaches the heap's end");
        assertEquals(Allocator.FAILED, allocator.allocate(16, 8), "both ends full");
        allocator.deallocate(hole, 1024, 8);
        assertEquals(0, allocator.allocate(16, 8), "no room at the high end: the low end's hole serves it");
        allocator.deallocate(0, 16, 8);
        allocator.deallocate(wall, HEAP - 1024, 8);
        assertEquals(HEAP - 16, allocator.allocate(16, 8), "with room again, small blocks go to the high end");
        assertEquals(1, allocator.stats().failedAllocations());
    }

    @Test
    void shouldRejectAFreeOfABlockThatCannotBeLiveBeforeChangingAnything() {
        long a = allocator.allocate(300, 8);
        allocator.allocate(300, 8);
        allocator.deallocate(a, 300, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> allocator.deallocate(a, 300, 8));
        assertEquals("tlsf-test: no live block of 300 bytes at 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> allocator.deallocate(8, 16, 8));
        assertEquals("tlsf-test: no live block of 16 bytes at 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> allocator.reallocate(4096, 16, 8, 32));
        assertEquals("tlsf-test: no live block of 16 bytes at 4096", e.getMessage(), "in the wilderness");
        assertEquals(0, allocator.allocate(300, 8), "a's hole is still free, once");
        assertEquals(608, allocator.allocate(300, 8));
    }

    @Test
    void shouldStopInsteadOfLoopingWhenAnUndetectedDoubleFreeMadeAQuickListCircular() {
        long a = allocator.allocate(100, 8);
        long b = allocator.allocate(100, 8);
        allocator.allocate(16, 8);
        allocator.deallocate(a, 100, 8);
        allocator.deallocate(b, 100, 8);
        allocator.deallocate(a, 100, 8); // misuse the cheap check misses: a is not its list's newest block
        IllegalStateException e = assertThrows(IllegalStateException.class, allocator::trim);
        assertEquals("quick list corrupted (a block freed twice?)", e.getMessage());
    }

    @Test
    void shouldKeepMetadataProportionalToTheFootprintNotTheHeap() {
        long perRegion = 8L * (512 + 8 + 1 + 256 + 4);
        try (TlsfTwoEndedAllocator huge = new TlsfTwoEndedAllocator("huge", 64L << 30, 256)) {
            assertEquals(2 * perRegion, huge.stats().metadataBytes(), "a fresh 64 GiB heap: only the bins");
            long block = huge.allocate(1 << 20, 8);
            assertEquals(0, block);
            assertEquals(2 * perRegion + 2 * 8 * 1024, huge.stats().metadataBytes(),
                "1 MiB = 65536 granules: two bitmaps of 1024 words");
            huge.deallocate(block, 1 << 20, 8);
            huge.reset();
            assertEquals(2 * perRegion, huge.stats().metadataBytes());
        }
    }

    @Test
    void shouldBinExactlyUpTo64GranulesThenEightBinsPerDoubling() {
        assertEquals(0, TlsfTwoEndedAllocator.binOf(16));
        assertEquals(63, TlsfTwoEndedAllocator.binOf(64 * 16));
        assertEquals(64, TlsfTwoEndedAllocator.binOf(65 * 16));
        assertEquals(64, TlsfTwoEndedAllocator.binOf(71 * 16));
        assertEquals(65, TlsfTwoEndedAllocator.binOf(72 * 16));
        assertEquals(71, TlsfTwoEndedAllocator.binOf(127 * 16));
        assertEquals(72, TlsfTwoEndedAllocator.binOf(128 * 16));
        assertEquals(64 + 8 * 52 + 7, TlsfTwoEndedAllocator.binOf(Long.MAX_VALUE & -16));
    }

    @Test
    void shouldRejectASmallLimitThatIsNotAPositiveMultipleOfTheGranule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new TlsfTwoEndedAllocator("x", HEAP, 100));
        assertEquals("small requests must end at a positive multiple of the 16-byte granule: 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TlsfTwoEndedAllocator("x", 15, 256));
        assertEquals("heap of 15 bytes is smaller than one granule", e.getMessage());
    }
}
