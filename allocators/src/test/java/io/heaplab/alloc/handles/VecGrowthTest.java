package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rust-rules.md §2 G1–G11 and the Rust 1.95 allocation counts, on every research allocator. */
class VecGrowthTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";
    private static final long USIZE_MAX = -1L;
    private static final long ISIZE_MAX_PLUS_ONE = Long.MIN_VALUE;

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldCountLikeRustForNewThen1000Pushes(String name) {
        try (Allocator allocator = ResearchAllocators.create(name)) {
            IntVec vec = IntVec.newIn(allocator);
            assertEquals(4, vec.address(), "Vec<i32>::new() is dangling at 0x4");
            List<Long> capacities = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                vec.push(i);
                if (capacities.isEmpty() || capacities.getLast() != vec.capacity()) {
                    capacities.add(vec.capacity());
                }
            }
            assertEquals(List.of(4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L), capacities);
            HandleStats live = vec.stats();
            assertAll(
                () -> assertEquals(1, live.allocations()),
                () -> assertEquals(16, live.allocatedBytes()),
                () -> assertEquals(8, live.reallocations()),
                () -> assertEquals(4080, live.bytesPreserved()),
                () -> assertEquals(0, live.frees()),
                () -> assertEquals(live.reallocationsMoved() == 0, live.bytesCopied() == 0),
                () -> assertTrue(live.bytesCopied() <= 4080));
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, vec.get(i));
            }
            vec.close();
            HandleStats done = vec.stats();
            AllocatorStats a = allocator.stats();
            assertAll(
                () -> assertEquals(1, done.frees()),
                () -> assertEquals(1, a.allocations()),
                () -> assertEquals(8, a.reallocations()),
                () -> assertEquals(done.reallocationsInPlace(), a.reallocationsInPlace()),
                () -> assertEquals(done.reallocationsMoved(), a.reallocationsMoved()),
                () -> assertEquals(1, a.deallocations()),
                () -> assertEquals(0, a.liveBlocks()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldAllocateOnceForWithCapacityThen1000Pushes(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec vec = IntVec.withCapacityIn(allocator, 1000)) {
            for (int i = 0; i < 1000; i++) {
                vec.push(i);
            }
            assertEquals(1000, vec.capacity());
            assertEquals(new HandleStats(1, 0, 0, 0, 0, 0, 4000), vec.stats());
            assertEquals(1, allocator.stats().allocations());
            assertEquals(0, allocator.stats().reallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldStartGrowthAtMinimumNonZeroCapacity(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             ByteVec bytes = ByteVec.newIn(allocator);
             IntVec ints = IntVec.newIn(allocator);
             Vec<byte[]> kilobyte = Vec.newIn(allocator, ElementCodec.bytes(Layout.of(1024, 1)));
             Vec<byte[]> big = Vec.newIn(allocator, ElementCodec.bytes(Layout.of(1025, 1)))) {
            bytes.push((byte) 1);
            ints.push(1);
            kilobyte.push(new byte[1024]);
            big.push(new byte[1025]);
            assertEquals(8, bytes.capacity(), "G1: 1-byte elements start at 8");
            assertEquals(4, ints.capacity(), "G1: up to 1024-byte elements start at 4");
            assertEquals(4, kilobyte.capacity());
            assertEquals(1, big.capacity(), "G1: elements over 1024 bytes start at 1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldGrowToMaxOfDoubleAndRequired(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec vec = IntVec.of(allocator, 1, 2, 3, 4)) {
            assertEquals(4, vec.capacity());
            vec.reserve(10);
            assertEquals(14, vec.capacity(), "G2: max(4, max(8, 14))");
            vec.reserve(10);
            assertEquals(14, vec.capacity(), "G3: room for 10 more already");
            vec.reserve(11);
            assertEquals(28, vec.capacity(), "G2: max(28, 15)");
            assertEquals(2, vec.stats().reallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReserveExactlyWithoutMinimumOrDoubling(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec vec = IntVec.newIn(allocator)) {
            vec.reserveExact(1);
            assertEquals(1, vec.capacity(), "G4: no MIN_NON_ZERO_CAP");
            vec.push(7);
            vec.reserveExact(5);
            assertEquals(6, vec.capacity(), "G4: len + additional");
            vec.reserveExact(5);
            assertEquals(6, vec.capacity(), "G3: no growth needed");
            assertEquals(new HandleStats(1, vec.stats().reallocationsInPlace(), vec.stats().reallocationsMoved(),
                vec.stats().bytesCopied(), 4, 0, 4), vec.stats());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldPanicWithCapacityOverflow(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec one = IntVec.of(allocator, 1)) {
            assertEquals("capacity overflow", assertThrows(PanicException.class,
                () -> IntVec.withCapacityIn(allocator, Long.MAX_VALUE)).getMessage(), "usize::MAX / 2 of i32");
            assertEquals("capacity overflow", assertThrows(PanicException.class,
                () -> ByteVec.withCapacityIn(allocator, ISIZE_MAX_PLUS_ONE)).getMessage(), "isize::MAX + 1 of u8");
            assertEquals("capacity overflow", assertThrows(PanicException.class,
                () -> one.reserve(USIZE_MAX)).getMessage());
            assertEquals("capacity overflow", assertThrows(PanicException.class,
                () -> one.reserveExact(USIZE_MAX)).getMessage());
            assertEquals(1, one.capacity());
            assertEquals(1, one.get(0));
            assertEquals(0, allocator.stats().failedAllocations(), "overflow is detected before the allocator");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportTryReserveErrorsWithRustDisplay(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec one = IntVec.of(allocator, 1)) {
            TryReserveException overflow = assertThrows(TryReserveException.class, () -> one.tryReserve(USIZE_MAX));
            assertEquals("memory allocation failed because the computed capacity exceeded the collection's maximum",
                overflow.getMessage());
            assertTrue(overflow.isCapacityOverflow());
            TryReserveException failed = assertThrows(TryReserveException.class,
                () -> one.tryReserveExact(ResearchAllocators.HEAP_BYTES));
            assertEquals("memory allocation failed because the memory allocator returned an error", failed.getMessage());
            assertEquals(1, one.capacity());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldUseDanglingAddressesWhileUnallocated(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec ints = IntVec.newIn(allocator);
             ByteVec bytes = ByteVec.withCapacityIn(allocator, 0);
             LongVec longs = LongVec.newIn(allocator);
             Vec<byte[]> u128s = Vec.newIn(allocator, ElementCodec.bytes(Layout.of(16, 16)))) {
            assertEquals(List.of(4L, 1L, 8L, 16L), List.of(ints.address(), bytes.address(), longs.address(),
                u128s.address()), "G7/Z2");
            assertEquals(0, allocator.stats().allocations());
        }
        try (Allocator allocator = ResearchAllocators.create(name)) {
            IntVec ints = IntVec.newIn(allocator);
            ints.close();
            assertEquals(0, allocator.stats().deallocations(), "Z2: dropping an unallocated Vec frees nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldHaveCapacityEqualToLengthForLiteralsAndClones(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec literal = IntVec.of(allocator, 1, 2, 3);
             IntVec grown = IntVec.newIn(allocator)) {
            grown.extendFrom(1, 2, 3, 4, 5);
            assertEquals(3, literal.capacity(), "G8: vec![1, 2, 3]");
            assertEquals(5, grown.capacity(), "G2: max(4, max(0, 5))");
            try (IntVec clone = grown.clone()) {
                assertEquals(5, clone.capacity(), "G8: clone has capacity == len");
                grown.pop();
                try (IntVec shorter = grown.clone()) {
                    assertEquals(4, shorter.capacity());
                    assertArrayEquals(new int[] {1, 2, 3, 4}, shorter.toArray());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldShrinkToFitOnlyWhenCapacityExceedsLength(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             LongVec vec = LongVec.withCapacityIn(allocator, 10)) {
            vec.extendFrom(1, 2, 3);
            vec.shrinkToFit();
            assertEquals(3, vec.capacity(), "S11/G9: realloc down to len");
            assertEquals(1, vec.stats().reallocations());
            vec.shrinkToFit();
            assertEquals(1, vec.stats().reallocations(), "G9: no-op when cap == len");
            assertArrayEquals(new long[] {1, 2, 3}, vec.toArray());
            vec.clear();
            vec.shrinkToFit();
            assertEquals(0, vec.capacity());
            assertEquals(8, vec.address(), "Z3: dangling again after shrinking to 0");
            assertEquals(1, vec.stats().frees());
            assertEquals(0, allocator.stats().liveBlocks());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldShrinkToMaxOfLengthAndMinimum(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec vec = IntVec.withCapacityIn(allocator, 10)) {
            vec.extendFrom(1, 2, 3);
            vec.shrinkTo(20);
            assertEquals(10, vec.capacity(), "G9: only if cap > min");
            vec.shrinkTo(5);
            assertEquals(5, vec.capacity());
            vec.shrinkTo(0);
            assertEquals(3, vec.capacity(), "G9: never below len");
            assertArrayEquals(new int[] {1, 2, 3}, vec.toArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverChangeCapacityWhenRemovingElements(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec vec = IntVec.withCapacityIn(allocator, 10)) {
            vec.extendFrom(1, 2, 3, 4, 5, 6, 7, 8);
            vec.truncate(7);
            vec.drain(0, 1);
            vec.retain(x -> x != 3);
            vec.dedup();
            vec.remove(0);
            vec.swapRemove(0);
            vec.pop();
            vec.splitOff(1).close();
            assertEquals(10, vec.capacity(), "G10");
            vec.clear();
            assertEquals(10, vec.capacity(), "G10");
            assertEquals(1, vec.stats().allocations());
            assertEquals(0, vec.stats().frees());
            assertEquals(0, vec.stats().reallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverAllocateForZeroSizeElements(String name) {
        ElementCodec<Unit> unit = ElementCodec.zeroSized(1);
        ElementCodec<Unit> emptyArrayOfU64 = ElementCodec.zeroSized(8);
        try (Allocator allocator = ResearchAllocators.create(name);
             Vec<Unit> units = Vec.newIn(allocator, unit);
             Vec<Unit> arrays = Vec.withCapacityIn(allocator, emptyArrayOfU64, 100)) {
            assertEquals(USIZE_MAX, units.capacity(), "G11/Z4: usize::MAX");
            assertEquals(USIZE_MAX, arrays.capacity(), "Z4: with_capacity(100) is still usize::MAX");
            assertEquals(1, units.address());
            assertEquals(8, arrays.address());
            for (int i = 0; i < 1000; i++) {
                units.push(Unit.UNIT);
            }
            units.shrinkToFit();
            assertEquals(1000, units.len());
            assertEquals(Unit.UNIT, units.pop().orElseThrow());
            assertEquals("capacity overflow",
                assertThrows(PanicException.class, () -> units.reserve(USIZE_MAX)).getMessage());
            units.setLen(USIZE_MAX);
            assertEquals("capacity overflow",
                assertThrows(PanicException.class, () -> units.push(Unit.UNIT)).getMessage(), "G11");
            assertEquals(0, allocator.stats().allocations());
            assertEquals(new HandleStats(0, 0, 0, 0, 0, 0, 0), units.stats());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldGrowBySameRuleForEveryPrimitiveView(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             ByteVec bytes = ByteVec.newIn(allocator);
             DoubleVec doubles = DoubleVec.newIn(allocator)) {
            for (int i = 0; i < 9; i++) {
                bytes.push((byte) i);
                doubles.push(i);
            }
            assertEquals(16, bytes.capacity(), "8 then 16");
            assertEquals(16, doubles.capacity(), "4, 8, 16");
            assertEquals(8.0, doubles.get(8));
            assertEquals(8, bytes.get(8));
        }
    }
}
