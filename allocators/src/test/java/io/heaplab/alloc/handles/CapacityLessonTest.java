package io.heaplab.alloc.handles;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three cases of {@code heaplab teach capacity} reproduce Rust 1.95's counts on every research allocator. */
class CapacityLessonTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";
    private static final long N = 1000;

    private static CapacityLesson.Result run(String name, RustPrimitive element, CapacityLesson.Growth growth) {
        AllocatorSpec spec = AllocatorRegistry.load().get(name);
        return CapacityLesson.run(spec, CapacityLesson.Setup.withDefaultHeap(element, N, false), growth);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReproduceRustCountsForVecNew(String name) {
        CapacityLesson.Result r = run(name, RustPrimitive.I32, CapacityLesson.Growth.NEW);
        assertNull(r.failure());
        assertEquals(1, r.handle().allocations());
        assertEquals(16, r.handle().allocatedBytes());
        assertEquals(8, r.handle().reallocations());
        assertEquals(4080, r.handle().bytesPreserved());
        assertEquals(1, r.handle().frees());
        assertEquals(1024, r.finalCapacity());
        assertTrue(r.peakFootprintBytes() >= 4096, "the 1024-element block was live");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldAllocateOnceWithCapacity(String name) {
        CapacityLesson.Result r = run(name, RustPrimitive.I32, CapacityLesson.Growth.WITH_CAPACITY);
        assertEquals(new HandleStats(1, 0, 0, 0, 0, 1, 4000), r.handle());
        assertEquals(1000, r.finalCapacity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReallocateBeforeEveryPushWithReserveExactOne(String name) {
        CapacityLesson.Result r = run(name, RustPrimitive.I32, CapacityLesson.Growth.RESERVE_EXACT_EACH);
        assertNull(r.failure());
        assertEquals(1, r.handle().allocations());
        assertEquals(4, r.handle().allocatedBytes(), "reserve_exact(1) from 0: one element, no minimum");
        assertEquals(N - 1, r.handle().reallocations());
        assertEquals(4 * N * (N - 1) / 2, r.handle().bytesPreserved(), "4 * (1 + 2 + ... + 999)");
        assertEquals(1000, r.finalCapacity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverAllocateForUnit(String name) {
        CapacityLesson.Result r = run(name, RustPrimitive.UNIT, CapacityLesson.Growth.NEW);
        assertEquals(new HandleStats(0, 0, 0, 0, 0, 0, 0), r.handle());
        assertEquals(-1, r.finalCapacity(), "usize::MAX");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportAllocationFailureInsteadOfThrowing(String name) {
        AllocatorSpec spec = AllocatorRegistry.load().get(name);
        CapacityLesson.Result r = CapacityLesson.run(spec,
            new CapacityLesson.Setup(RustPrimitive.U64, 100_000, 1 << 12, false), CapacityLesson.Growth.WITH_CAPACITY);
        assertEquals("memory allocation of 800000 bytes failed", r.failure());
        assertEquals(0, r.handle().allocations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldKeepRustCountsWithNeighboursAndFreeThemAll(String name) {
        AllocatorSpec spec = AllocatorRegistry.load().get(name);
        CapacityLesson.Setup setup = CapacityLesson.Setup.withDefaultHeap(RustPrimitive.I32, N, true);
        CapacityLesson.Result r = CapacityLesson.run(spec, setup, CapacityLesson.Growth.RESERVE_EXACT_EACH);
        assertNull(r.failure());
        assertEquals(N - 1, r.handle().reallocations(), "the vector's own calls do not change");
        assertEquals(4 * N * (N - 1) / 2, r.handle().bytesPreserved());
        assertTrue(r.peakFootprintBytes() >= 4000 + 16 * N, "the neighbours were live together with the buffer");
    }

    @Test
    void shouldSizeDefaultHeapForTheQuadraticCase() {
        assertEquals(1L << 22, CapacityLesson.Setup.withDefaultHeap(RustPrimitive.I32, 1000, false).heapBytes(),
            "2,002,000 + 1 MiB");
        assertEquals(1L << 20, CapacityLesson.Setup.withDefaultHeap(RustPrimitive.UNIT, 1000, false).heapBytes());
        assertEquals(1L << 36, CapacityLesson.Setup.withDefaultHeap(RustPrimitive.U128, 10_000_000, false).heapBytes());
        assertThrows(IllegalArgumentException.class, () -> new CapacityLesson.Setup(RustPrimitive.I32, -1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new CapacityLesson.Setup(RustPrimitive.I32, 1, 0, false));
    }
}
