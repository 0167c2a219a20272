package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.checked.Misuse;
import io.heaplab.alloc.checked.MisuseException;
import io.heaplab.alloc.checked.MisuseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Handle misuse reported as the checked layer reports allocator misuse: one test per handle kind × misuse kind
 * (use after move, use after drop, double drop), each asserting the {@link MisuseKind} and the exact message with
 * the handle's block (address, size, alignment). Sizes and alignments are Rust's layouts: {@code Vec<u64>} of
 * capacity 2 is 16 B align 8, {@code Box<u64>} 8 B align 8, {@code RcInner<u64>} 24 B align 8, a {@code String}
 * buffer its capacity with align 1.
 */
class HandleMisuseTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";

    /** Asserts {@code action} throws an ownership misuse of {@code kind} with exactly {@code message}. */
    private static void assertMisuse(MisuseKind kind, String message, Executable action) {
        OwnershipException thrown = assertThrows(OwnershipException.class, action);
        Misuse misuse = thrown;
        assertEquals(kind, misuse.kind());
        assertEquals(message, thrown.getMessage());
    }

    private static String block(long address, long byteSize, long byteAlignment) {
        return " (block 0x" + Long.toHexString(address) + ", " + byteSize + " B, align " + byteAlignment + ")";
    }

    private static Vec<Long> vecOfTwo(Allocator a) {
        return Vec.of(a, ElementCodec.i64(), List.of(1L, 2L));
    }

    // ---- Vec ----

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterMoveOfVecWithItsBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name); Vec<Long> v = vecOfTwo(a)) {
            String block = block(v.address(), 16, 8);
            try (Vec<Long> w = v.moveTo()) {
                assertMisuse(MisuseKind.USE_AFTER_MOVE, "use of moved value: " + v.handleName() + block + " in push",
                    () -> v.push(3L));
                assertEquals(List.of(1L, 2L), w.toList(), "the failed call changed nothing");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterDropOfVecWithItsFreedBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Vec<Long> v = vecOfTwo(a);
            String block = block(v.address(), 16, 8);
            v.close();
            assertMisuse(MisuseKind.USE_AFTER_DROP, "use after drop of " + v.handleName() + block + " in index",
                () -> v.get(0));
            assertEquals(1, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportDoubleDropOfVecWithoutFreeingTwice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Vec<Long> v = vecOfTwo(a);
            String block = block(v.address(), 16, 8);
            v.close();
            assertMisuse(MisuseKind.DOUBLE_DROP, "double drop of " + v.handleName() + block, v::close);
            assertEquals(1, a.stats().deallocations(), "freed exactly once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNameNoBlockForAnEmptyVecDroppedTwice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            IntVec v = IntVec.newIn(a);
            v.close();
            assertMisuse(MisuseKind.USE_AFTER_DROP, "use after drop of " + v.handleName() + " in len", v::len);
            assertMisuse(MisuseKind.DOUBLE_DROP, "double drop of " + v.handleName(), v::close);
        }
    }

    // ---- String ----

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterMoveOfStringWithItsBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name); RustString s = RustString.from(a, "héllo")) {
            String block = block(s.address(), s.capacity(), 1);
            try (RustString t = s.moveTo()) {
                assertMisuse(MisuseKind.USE_AFTER_MOVE,
                    "use of moved value: " + s.handleName() + block + " in push_str", () -> s.pushStr("!"));
                assertEquals("héllo", t.asStr());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterDropOfStringWithItsFreedBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            RustString s = RustString.from(a, "héllo");
            String block = block(s.address(), s.capacity(), 1);
            s.close();
            assertMisuse(MisuseKind.USE_AFTER_DROP, "use after drop of " + s.handleName() + block + " in len",
                s::len);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportDoubleDropOfStringWithoutFreeingTwice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            RustString s = RustString.from(a, "héllo");
            String block = block(s.address(), s.capacity(), 1);
            s.close();
            assertMisuse(MisuseKind.DOUBLE_DROP, "double drop of " + s.handleName() + block, s::close);
            assertEquals(1, a.stats().deallocations(), "freed exactly once");
        }
    }

    // ---- Box ----

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterMoveOfBoxWithItsBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name); Box<Long> b = Box.of(a, ElementCodec.i64(), 7L)) {
            String block = block(b.address(), 8, 8);
            try (Box<Long> c = b.moveTo()) {
                assertMisuse(MisuseKind.USE_AFTER_MOVE, "use of moved value: " + b.handleName() + block + " in deref",
                    b::get);
                assertEquals(7L, c.get());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterDropOfBoxWithItsFreedBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Box<Long> b = Box.of(a, ElementCodec.i64(), 7L);
            String block = block(b.address(), 8, 8);
            b.close();
            assertMisuse(MisuseKind.USE_AFTER_DROP, "use after drop of " + b.handleName() + block + " in deref_mut",
                () -> b.set(8L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportDoubleDropOfBoxWithoutFreeingTwice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Box<Long> b = Box.of(a, ElementCodec.i64(), 7L);
            String block = block(b.address(), 8, 8);
            b.close();
            assertMisuse(MisuseKind.DOUBLE_DROP, "double drop of " + b.handleName() + block, b::close);
            assertEquals(1, a.stats().deallocations(), "freed exactly once");
        }
    }

    // ---- Rc ----

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterMoveOfRcWithItsBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 7L);
            String block = block(rc.blockAddress(), 24, 8);
            long raw = rc.intoRaw();
            assertMisuse(MisuseKind.USE_AFTER_MOVE, "use of moved value: " + rc.handleName() + block + " in deref",
                rc::get);
            Rc.fromRaw(a, ElementCodec.i64(), raw).close();
            assertEquals(1, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterDropOfRcWithItsFreedBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 7L);
            String block = block(rc.blockAddress(), 24, 8);
            rc.close();
            assertMisuse(MisuseKind.USE_AFTER_DROP,
                "use after drop of " + rc.handleName() + block + " in strong_count", rc::strongCount);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportDoubleDropOfRcWithoutReleasingTwice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 7L);
            try (Rc<Long> other = rc.clone()) {
                String block = block(rc.blockAddress(), 24, 8);
                rc.close();
                assertMisuse(MisuseKind.DOUBLE_DROP, "double drop of " + rc.handleName() + block, rc::close);
                assertEquals(1, other.strongCount(), "the strong count fell once");
            }
            assertEquals(1, a.stats().deallocations());
        }
    }

    // ---- Weak ----

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterMoveOfWeakWithItsBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name); Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 7L)) {
            Weak<Long> weak = rc.downgrade();
            String block = block(rc.blockAddress(), 24, 8);
            long raw = weak.intoRaw();
            assertMisuse(MisuseKind.USE_AFTER_MOVE, "use of moved value: " + weak.handleName() + block
                + " in upgrade", weak::upgrade);
            Weak.fromRaw(a, ElementCodec.i64(), raw).close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportUseAfterDropOfWeakWithItsBlock(String name) {
        try (Allocator a = ResearchAllocators.create(name); Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 7L)) {
            Weak<Long> weak = rc.downgrade();
            String block = block(rc.blockAddress(), 24, 8);
            weak.close();
            assertMisuse(MisuseKind.USE_AFTER_DROP, "use after drop of " + weak.handleName() + block
                + " in weak_count", weak::weakCount);
            assertEquals(0, rc.weakCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReportDoubleDropOfWeakWithoutReleasingTwice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 7L);
            Weak<Long> weak = rc.downgrade();
            String block = block(rc.blockAddress(), 24, 8);
            rc.close();
            weak.close();
            assertEquals(1, a.stats().deallocations(), "the last Weak freed the block");
            assertMisuse(MisuseKind.DOUBLE_DROP, "double drop of " + weak.handleName() + block, weak::close);
            assertEquals(1, a.stats().deallocations(), "freed exactly once");
        }
    }

    @Test
    void shouldNameNoBlockForAMovedDanglingWeak() {
        Weak<Long> weak = Weak.dangling();
        assertEquals(Weak.DANGLING_ADDRESS, weak.intoRaw());
        assertMisuse(MisuseKind.USE_AFTER_MOVE, "use of moved value: " + weak.handleName() + " in upgrade",
            weak::upgrade);
    }

    // ---- the common interface ----

    @Test
    void shouldLetCallersHandleOwnershipAndAllocatorMisuseAlikeThroughMisuse() {
        assertInstanceOf(Misuse.class, new OwnershipException(MisuseKind.DOUBLE_DROP, "double drop of Box@1"));
        assertEquals(List.of(Misuse.class), List.of(MisuseException.class.getInterfaces()));
        assertEquals("not a handle misuse: DOUBLE_FREE", assertThrows(IllegalArgumentException.class,
            () -> new OwnershipException(MisuseKind.DOUBLE_FREE, "x")).getMessage());
    }
}
