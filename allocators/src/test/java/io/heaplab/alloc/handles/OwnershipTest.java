package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run-time ownership: use after move, use after drop, double drop, each with its message. */
class OwnershipTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";

    private static String misuse(Runnable action) {
        return assertThrows(OwnershipException.class, action::run).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldRejectUseOfMovedVec(String name) {
        try (Allocator a = ResearchAllocators.create(name); IntVec v = IntVec.of(a, 1, 2, 3)) {
            String block = " (block 0x" + Long.toHexString(v.address()) + ", 12 B, align 4)";
            IntVec w = v.moveTo();
            String id = v.handleName();
            assertTrue(id.matches("Vec@[0-9a-f]+"), id);
            assertEquals("use of moved value: " + id + block + " in push", misuse(() -> v.push(4)));
            assertEquals("use of moved value: " + id + block + " in index", misuse(() -> v.get(0)));
            assertEquals("use of moved value: " + id + block + " in move", misuse(v::moveTo));
            assertFalse(v.isLive());
            assertArrayEquals(new int[] {1, 2, 3}, w.toArray(), "the new owner has the elements");
            v.close(); // a moved-from handle is not dropped: no effect
            assertEquals(0, a.stats().deallocations());
            w.close();
            assertEquals(1, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldRejectUseAfterDropAndDoubleDrop(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            LongVec v = LongVec.of(a, 1, 2);
            String block = " (block 0x" + Long.toHexString(v.address()) + ", 16 B, align 8)";
            v.close();
            String id = v.handleName();
            assertEquals("use after drop of " + id + block + " in len", misuse(v::len));
            assertEquals("use after drop of " + id + block + " in pop", misuse(v::pop));
            assertEquals("double drop of " + id + block, misuse(v::close));
            assertEquals(1, a.stats().deallocations(), "freed exactly once");
            assertEquals(1, v.stats().frees(), "stats stay readable after drop");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldRejectAppendingAVecToItself(String name) {
        try (Allocator a = ResearchAllocators.create(name); IntVec v = IntVec.of(a, 1)) {
            assertEquals("cannot borrow " + v.handleName() + " as mutable and immutable at once",
                assertThrows(IllegalArgumentException.class, () -> v.append(v)).getMessage());
        }
    }
}
