package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where Rust aborts with {@code memory allocation of N bytes failed}, heaplab throws and keeps the handle usable. */
class AllocationFailureTest {

    private static final long SMALL_HEAP_BYTES = 4096;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.handles.ResearchAllocators#names")
    void shouldThrowRustAbortMessageAndLeaveVecUnchanged(String name) {
        try (Allocator allocator = ResearchAllocators.create(name, SMALL_HEAP_BYTES);
             IntVec vec = IntVec.newIn(allocator)) {
            AllocationFailedException failure = null;
            int pushed = 0;
            while (failure == null) {
                try {
                    vec.push(pushed);
                    pushed++;
                } catch (AllocationFailedException e) {
                    failure = e;
                }
                assertTrue(pushed <= SMALL_HEAP_BYTES / 4, "a 4 KiB heap cannot hold more");
            }
            long capacity = vec.capacity();
            assertEquals(pushed, vec.len(), "the failed push added nothing");
            assertEquals(pushed, capacity, "failure happens when full");
            long requested = Math.max(4, 2 * capacity) * 4; // G2: the request that failed
            assertEquals("memory allocation of " + requested + " bytes failed", failure.getMessage());
            assertEquals(requested, failure.byteSize());
            assertEquals(4, failure.byteAlignment());
            int[] expected = new int[pushed];
            for (int i = 0; i < pushed; i++) {
                expected[i] = i;
            }
            assertArrayEquals(expected, vec.toArray(), "contents intact");
            if (pushed > 0) {
                assertEquals(pushed - 1, vec.pop().orElseThrow(), "still usable");
                vec.push(42);
                assertEquals(capacity, vec.capacity());
            }
            assertTrue(allocator.stats().failedAllocations() >= 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heaplab.alloc.handles.ResearchAllocators#names")
    void shouldReportFailedWithCapacityRequestSize(String name) {
        try (Allocator allocator = ResearchAllocators.create(name, SMALL_HEAP_BYTES)) {
            AllocationFailedException failure = assertThrows(AllocationFailedException.class,
                () -> ByteVec.withCapacityIn(allocator, Long.MAX_VALUE));
            assertEquals("memory allocation of 9223372036854775807 bytes failed", failure.getMessage(),
                "isize::MAX bytes of u8 is a valid layout, so the allocator is asked and fails");
            assertEquals(0, allocator.stats().liveBlocks());
        }
    }
}
