package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rust-rules.md §2 "Operations & panic messages": semantics, exact panic texts and drop order. */
class VecOperationsTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";

    private static String panic(Runnable action) {
        return assertThrows(PanicException.class, action::run).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldPanicWithRustMessagesOnBadIndexes(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec v = IntVec.of(allocator, 1, 2, 3)) {
            assertEquals("index out of bounds: the len is 3 but the index is 5", panic(() -> v.get(5)));
            assertEquals("index out of bounds: the len is 3 but the index is 3", panic(() -> v.set(3, 9)));
            assertEquals("index out of bounds: the len is 3 but the index is 18446744073709551615",
                panic(() -> v.get(-1)), "a negative long is a usize above isize::MAX");
            assertEquals("insertion index (is 5) should be <= len (is 3)", panic(() -> v.insert(5, 9)));
            assertEquals("removal index (is 3) should be < len (is 3)", panic(() -> v.remove(3)));
            assertEquals("swap_remove index (is 3) should be < len (is 3)", panic(() -> v.swapRemove(3)));
            assertEquals("`at` split index (is 4) should be <= len (is 3)", panic(() -> v.splitOff(4)));
            assertEquals("range end index 5 out of range for slice of length 3", panic(() -> v.drain(1, 5)));
            assertEquals("slice index starts at 2 but ends at 1", panic(() -> v.drain(2, 1)));
            assertEquals("range start index 4 out of range for slice of length 3", panic(() -> v.slice(4)));
            assertEquals("range end index 4 out of range for slice of length 3", panic(() -> v.slice(0, 4)));
            assertEquals("assertion failed: new_len <= self.capacity()", panic(() -> v.setLen(4)));
            assertArrayEquals(new int[] {1, 2, 3}, v.toArray(), "a panic changes nothing");
            assertEquals(3, v.capacity());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNotInsertBeyondLengthEvenWhenFull(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             IntVec v = IntVec.of(allocator, 1, 2, 3)) {
            panic(() -> v.insert(4, 0));
            assertEquals(0, v.stats().reallocations(), "the index is checked before any growth");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverTouchNeighbourBytesOnOutOfBoundsAccess(String name) {
        try (Allocator allocator = ResearchAllocators.create(name);
             ByteVec left = ByteVec.of(allocator, (byte) 1, (byte) 2, (byte) 3);
             ByteVec right = ByteVec.of(allocator, (byte) 7, (byte) 7, (byte) 7, (byte) 7)) {
            MemorySegment memory = allocator.memory();
            long leftEnd = left.address() + 3;
            long watchedBytes = Math.min(16, memory.byteSize() - leftEnd); // a block may end the heap
            byte[] before = memory.asSlice(leftEnd, watchedBytes).toArray(ValueLayout.JAVA_BYTE);
            for (long i = 3; i < 20; i++) {
                long index = i;
                panic(() -> left.set(index, (byte) 99));
            }
            assertArrayEquals(before, memory.asSlice(leftEnd, watchedBytes).toArray(ValueLayout.JAVA_BYTE));
            assertArrayEquals(new byte[] {7, 7, 7, 7}, right.toArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldMatchRustSemanticsOfEachOperation(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            try (IntVec v = IntVec.of(a, 1, 2, 3, 4, 5)) {
                assertEquals(2, v.remove(1));
                assertArrayEquals(new int[] {1, 3, 4, 5}, v.toArray(), "remove shifts left, order kept");
            }
            try (IntVec v = IntVec.of(a, 1, 2, 3, 4, 5)) {
                assertEquals(2, v.swapRemove(1));
                assertArrayEquals(new int[] {1, 5, 3, 4}, v.toArray(), "the last moves into the hole");
            }
            try (IntVec v = IntVec.of(a, 1, 2, 3)) {
                v.insert(0, 9);
                assertArrayEquals(new int[] {9, 1, 2, 3}, v.toArray());
                v.insert(4, 8);
                assertArrayEquals(new int[] {9, 1, 2, 3, 8}, v.toArray(), "insert(len) appends");
            }
            try (IntVec v = IntVec.of(a, 1, 2, 3, 4, 5)) {
                assertArrayEquals(new int[] {2, 3}, v.drain(1, 3));
                assertArrayEquals(new int[] {1, 4, 5}, v.toArray());
                assertEquals(5, v.capacity());
            }
            try (IntVec v = IntVec.of(a, 1, 2, 3, 4, 5); IntVec tail = v.splitOff(2)) {
                assertArrayEquals(new int[] {1, 2}, v.toArray());
                assertEquals(5, v.capacity());
                assertArrayEquals(new int[] {3, 4, 5}, tail.toArray());
                assertEquals(3, tail.capacity(), "split_off allocates exactly the tail");
                long allocationsBefore = a.stats().allocations();
                try (IntVec empty = v.splitOff(2)) {
                    assertEquals(0, empty.capacity(), "split_off(len): empty, no allocation");
                    assertEquals(allocationsBefore, a.stats().allocations());
                }
            }
            try (IntVec x = IntVec.of(a, 1, 2); IntVec y = IntVec.withCapacityIn(a, 10)) {
                y.extendFrom(3, 4, 5);
                x.append(y);
                assertArrayEquals(new int[] {1, 2, 3, 4, 5}, x.toArray());
                assertEquals(5, x.capacity(), "max(4, 5, 4)");
                assertEquals(0, y.len());
                assertEquals(10, y.capacity(), "append leaves the source its capacity");
            }
            try (IntVec v = IntVec.of(a, 1, 1, 2, 2, 2, 3, 1, 1)) {
                v.dedup();
                assertArrayEquals(new int[] {1, 2, 3, 1}, v.toArray(), "consecutive only");
            }
            try (IntVec v = IntVec.of(a, 1, 2, 3, 4, 5, 6)) {
                v.retain(x -> x % 2 == 0);
                assertArrayEquals(new int[] {2, 4, 6}, v.toArray());
                assertEquals(6, v.capacity());
            }
            try (IntVec v = IntVec.withCapacityIn(a, 10)) {
                v.extendFrom(1, 2, 3, 4, 5);
                v.truncate(2);
                assertEquals(2, v.len());
                assertEquals(10, v.capacity());
                v.truncate(10);
                assertEquals(2, v.len(), "truncate beyond len is a no-op");
                v.clear();
                assertEquals(0, v.len());
                assertEquals(10, v.capacity());
                assertTrue(v.pop().isEmpty(), "pop on empty is None");
            }
            try (DoubleVec d = DoubleVec.of(a, Double.NaN, Double.NaN, 0.0, -0.0, 1.5)) {
                d.dedup();
                assertEquals(4, d.len(), "NaN != NaN; 0.0 == -0.0");
            }
            try (IntVec v = IntVec.of(a, 10, 20, 30)) {
                MemorySegment tail = v.slice(1);
                assertEquals(8, tail.byteSize());
                assertEquals(20, tail.get(ValueLayout.JAVA_INT_UNALIGNED, 0));
                assertTrue(tail.isReadOnly());
            }
        }
    }

    /** Records drops of {@code i32} elements, to observe Rust's drop order. */
    private static final class Recording implements ElementCodec<Integer> {
        final List<Integer> dropped = new ArrayList<>();

        @Override
        public Layout layout() {
            return Layout.of(4, 4);
        }

        @Override
        public Integer read(MemorySegment memory, long address) {
            return memory.get(ValueLayout.JAVA_INT_UNALIGNED, address);
        }

        @Override
        public void write(MemorySegment memory, long address, Integer value) {
            memory.set(ValueLayout.JAVA_INT_UNALIGNED, address, value);
        }

        @Override
        public void drop(MemorySegment memory, long address) {
            dropped.add(read(memory, address));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldDropElementsInRustOrder(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Recording codec = new Recording();
            Vec<Integer> whole = Vec.of(a, codec, List.of(1, 2, 3));
            whole.close();
            assertEquals(List.of(1, 2, 3), codec.dropped, "dropping a Vec drops front to back");

            codec.dropped.clear();
            try (Vec<Integer> v = Vec.of(a, codec, List.of(1, 2, 3, 4))) {
                v.truncate(1);
                assertEquals(List.of(2, 3, 4), codec.dropped);
            }
            codec.dropped.clear();
            try (Vec<Integer> v = Vec.of(a, codec, List.of(1, 2, 3, 4))) {
                v.retain(x -> x % 2 == 0);
                assertEquals(List.of(1, 3), codec.dropped, "retain drops the rejected in order");
                v.set(0, 9);
                assertEquals(List.of(1, 3, 2), codec.dropped, "v[0] = x drops the old element");
                codec.dropped.clear();
                assertEquals(List.of(9), v.drain(0, 1), "drained values are moved out");
                assertEquals(4, v.pop().orElseThrow());
                assertEquals(List.of(), codec.dropped, "moved-out values are not dropped");
            }
            codec.dropped.clear();
            try (Vec<Integer> v = Vec.of(a, codec, List.of(5, 5, 6))) {
                v.dedup();
                assertEquals(List.of(5), codec.dropped);
                assertEquals(List.of(5, 6), v.toList());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldDedupDoublesWithRustFloatEqualityLikeDoubleVec(String name) {
        // Rust: vec![NAN, NAN, 0.0, -0.0].dedup() leaves [NaN, NaN, 0.0]: NaN != NaN, 0.0 == -0.0.
        try (Allocator a = ResearchAllocators.create(name);
             Vec<Double> v = Vec.of(a, ElementCodec.f64(), List.of(Double.NaN, Double.NaN, 0.0, -0.0));
             DoubleVec d = DoubleVec.of(a, Double.NaN, Double.NaN, 0.0, -0.0)) {
            v.dedup();
            d.dedup();
            assertEquals(3, v.len());
            assertTrue(Double.isNaN(v.get(0)) && Double.isNaN(v.get(1)), v.toList().toString());
            assertEquals(0, Double.compare(0.0, v.get(2)), "the first of 0.0 and -0.0 is kept");
            assertEquals(d.len(), v.len());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldDedupOpaqueBytesByContent(String name) {
        ElementCodec<byte[]> bytes = ElementCodec.bytes(Layout.of(3, 1));
        try (Allocator a = ResearchAllocators.create(name);
             Vec<byte[]> v = Vec.of(a, bytes, List.of(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}, new byte[] {4, 5, 6}))) {
            v.dedup();
            assertEquals(2, v.len(), "equal [u8; 3] values are equal though the Java arrays are distinct");
            assertArrayEquals(new byte[] {4, 5, 6}, v.get(1));
        }
    }
}
