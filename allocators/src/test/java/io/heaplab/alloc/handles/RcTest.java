package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.checked.MisuseKind;
import io.heaplab.alloc.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rust-rules.md §5 (C1–C11) and Z5: Rc and Weak on every research allocator. */
class RcTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";

    /** {@code (strong_count, weak_count)} of an Rc. */
    private static List<Long> counts(Rc<?> rc) {
        return List.of(rc.strongCount(), rc.weakCount());
    }

    /** {@code (strong_count, weak_count)} of a Weak. */
    private static List<Long> counts(Weak<?> weak) {
        return List.of(weak.strongCount(), weak.weakCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldAllocateHeaderPlusValueEvenForZeroSizeValues(String name) {
        Object[][] cases = {
            {Layout.of(8, 8), Layout.of(24, 8)}, {Layout.of(1, 1), Layout.of(24, 8)},
            {Layout.of(16, 16), Layout.of(32, 16)}, {Layout.of(0, 1), Layout.of(16, 8)},
            {Layout.of(20, 4), Layout.of(40, 8)}, {Layout.of(16, 8), Layout.of(32, 8)},
        };
        for (Object[] c : cases) {
            Layout value = (Layout) c[0];
            Layout block = (Layout) c[1];
            try (Allocator a = ResearchAllocators.create(name)) {
                Rc<byte[]> rc = Rc.of(a, ElementCodec.bytes(value), new byte[(int) value.byteSize()]);
                assertEquals(block, rc.blockLayout(), value.toString());
                assertEquals(1, a.stats().allocations(), "one allocation, even for () (Z5)");
                assertEquals(block.byteSize(), a.stats().liveRequestedBytes());
                assertEquals(0, rc.blockAddress() % block.byteAlignment());
                rc.close();
                assertEquals(1, a.stats().deallocations());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldCountLikeRustAtEveryStep(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> first = Rc.of(a, ElementCodec.i64(), 5L);
            assertEquals(List.of(1L, 0L), counts(first), "C1");
            MemorySegment m = a.memory();
            assertEquals(1, m.get(ValueLayout.JAVA_LONG_UNALIGNED, first.blockAddress() + 8), "C1: implicit weak = 1");
            Rc<Long> second = first.clone();
            Weak<Long> weak = first.downgrade();
            assertEquals(List.of(2L, 1L), counts(first), "C3");
            assertEquals(2, m.get(ValueLayout.JAVA_LONG_UNALIGNED, first.blockAddress()), "raw strong word");
            assertEquals(2, m.get(ValueLayout.JAVA_LONG_UNALIGNED, first.blockAddress() + 8), "raw weak word");
            assertEquals(first.valueAddress() - 16, first.blockAddress(), "value after the 16-byte header");
            Weak<Long> weak2 = weak.clone();
            assertEquals(List.of(2L, 2L), counts(weak2), "C2: Weak::weak_count");
            Rc<Long> third = weak.upgrade().orElseThrow();
            assertEquals(List.of(3L, 2L), counts(third));
            assertEquals(5L, third.get());
            third.close();
            second.close();
            assertEquals(List.of(1L, 2L), counts(first));
            first.close();
            assertEquals(List.of(0L, 0L), counts(weak), "C2: weak_count is 0 once strong is 0");
            assertEquals(Optional.empty(), weak.upgrade(), "C3");
            assertEquals(0, a.stats().deallocations(), "C4: the Weaks keep the block");
            weak.close();
            assertEquals(0, a.stats().deallocations());
            weak2.close();
            assertEquals(1, a.stats().deallocations(), "C4: freed when weak reaches 0");
            assertEquals(1, weak2.stats().frees(), "the last Weak's drop freed it");
        }
    }

    /** An i64 whose drops are recorded. */
    private static final class Recording implements ElementCodec<Long> {
        final List<Long> dropped = new ArrayList<>();

        @Override
        public Layout layout() {
            return Layout.of(8, 8);
        }

        @Override
        public Long read(MemorySegment memory, long address) {
            return memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address);
        }

        @Override
        public void write(MemorySegment memory, long address, Long value) {
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, address, value);
        }

        @Override
        public void drop(MemorySegment memory, long address) {
            dropped.add(read(memory, address));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldDropValueAtZeroStrongAndFreeAtZeroWeak(String name) {
        Recording codec = new Recording();
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> rc = Rc.of(a, codec, 9L);
            Weak<Long> weak = rc.downgrade();
            rc.close();
            assertEquals(List.of(9L), codec.dropped, "C4: value dropped when strong hits 0");
            assertEquals(1, a.stats().liveBlocks(), "C4: block still live for the Weak");
            weak.close();
            assertEquals(0, a.stats().liveBlocks(), "C4: freed when weak hits 0");
            assertEquals(List.of(9L), codec.dropped, "dropped once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldUnwrapOnlyTheLastStrongReference(String name) {
        Recording codec = new Recording();
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> rc = Rc.of(a, codec, 3L);
            Rc<Long> other = rc.clone();
            assertEquals(Optional.empty(), rc.tryUnwrap(), "C6: strong 2 -> Err(rc)");
            assertEquals(List.of(2L, 0L), counts(rc), "counts unchanged");
            other.close();
            Weak<Long> weak = rc.downgrade();
            assertEquals(Optional.of(3L), rc.tryUnwrap(), "C6: succeeds even with Weaks");
            assertFalse(rc.isLive());
            assertEquals(List.of(), codec.dropped, "moved out, not dropped");
            assertEquals(Optional.empty(), weak.upgrade());
            assertEquals(1, a.stats().liveBlocks(), "freed only when the last Weak drops");
            weak.close();
            assertEquals(0, a.stats().liveBlocks());

            Rc<Long> x = Rc.of(a, codec, 4L);
            Rc<Long> y = x.clone();
            assertEquals(Optional.empty(), x.intoInner(), "C6: into_inner with strong 2 -> None");
            assertFalse(x.isLive(), "and the Rc is dropped");
            assertEquals(List.of(1L, 0L), counts(y));
            assertEquals(Optional.of(4L), y.intoInner());
            assertEquals(0, a.stats().liveBlocks(), "freed at once when no Weak exists");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldGiveMutableAccessOnlyWhenUnique(String name) {
        try (Allocator a = ResearchAllocators.create(name); Rc<Long> rc = Rc.of(a, ElementCodec.i64(), 1L)) {
            assertEquals(OptionalLong.of(rc.valueAddress()), rc.getMut(), "C7: unique");
            try (Weak<Long> weak = rc.downgrade()) {
                assertEquals(OptionalLong.empty(), rc.getMut(), "C7: an outstanding Weak makes it None");
            }
            try (Rc<Long> other = rc.clone()) {
                assertEquals(OptionalLong.empty(), rc.getMut(), "C7: strong 2");
            }
            assertTrue(rc.getMut().isPresent());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldCloneOnWriteLikeRust(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Rc<Long> data = Rc.of(a, ElementCodec.i64(), 5L);
            assertEquals(6L, data.update(v -> v + 1));
            assertEquals(1, a.stats().allocations(), "C8: unique, no allocation");
            Rc<Long> other = data.clone();
            assertEquals(7L, data.update(v -> v + 1));
            assertEquals(2, a.stats().allocations(), "C8: cloned into a new block");
            assertEquals(6L, other.get());
            assertEquals(List.of(1L, 0L), counts(data));
            assertEquals(List.of(1L, 0L), counts(other));
            assertFalse(data.ptrEq(other));
            assertEquals(8L, data.update(v -> v + 1));
            assertEquals(2, a.stats().allocations(), "no allocation");
            Weak<Long> w = data.downgrade();
            assertEquals(18L, data.update(v -> v + 10));
            assertEquals(3, a.stats().allocations(), "C8: value moved to a new block, the Weak keeps the old");
            assertEquals(Optional.empty(), w.upgrade());
            assertEquals(0, data.weakCount());
            assertEquals(18L, data.get());
            w.close();
            data.close();
            other.close();
            assertEquals(0, a.stats().liveBlocks());
            assertEquals(3, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldCompareByAddressNotValue(String name) {
        try (Allocator a = ResearchAllocators.create(name);
             Rc<Long> one = Rc.of(a, ElementCodec.i64(), 5L);
             Rc<Long> two = Rc.of(a, ElementCodec.i64(), 5L);
             Rc<Long> same = one.clone();
             Weak<Long> real = one.downgrade();
             Weak<Long> none1 = Weak.dangling();
             Weak<Long> none2 = Weak.dangling()) {
            assertEquals(one.get(), two.get());
            assertFalse(one.ptrEq(two), "C9: equal values, different blocks");
            assertTrue(one.ptrEq(same));
            assertTrue(none1.ptrEq(none2), "C9: Weak::new vs Weak::new");
            assertFalse(real.ptrEq(none1), "C9: real vs Weak::new");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverAllocateForWeakNew(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Weak<Long> weak = Weak.dangling();
            assertEquals(-1L, weak.blockAddress(), "C10: usize::MAX");
            assertEquals(Optional.empty(), weak.upgrade());
            assertEquals(List.of(0L, 0L), counts(weak));
            Weak<Long> copy = weak.clone();
            copy.close();
            weak.close();
            assertEquals(0, a.stats().allocations());
            assertEquals(0, a.stats().deallocations());
            OwnershipException misuse = assertThrows(OwnershipException.class, weak::close);
            assertEquals(MisuseKind.DOUBLE_DROP, misuse.kind());
            assertEquals("double drop of " + weak.handleName(), misuse.getMessage(), "a dangling Weak owns no block");
        }
    }

    /**
     * A graph node {@code { next: Option<Rc<Node>> or Option<Weak<Node>>, id }} whose drop glue drops its edge:
     * the Rust program of C11, with the RefCell's write done directly in memory.
     */
    private static final class Node implements ElementCodec<Long> {
        static final long NONE = 0;
        static final long STRONG = 1;
        static final long WEAK = 2;
        final Allocator allocator;
        final List<Long> dropped = new ArrayList<>();

        Node(Allocator allocator) {
            this.allocator = allocator;
        }

        @Override
        public Layout layout() {
            return Layout.of(24, 8);
        }

        @Override
        public Long read(MemorySegment memory, long address) {
            return memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address + 16);
        }

        @Override
        public void write(MemorySegment memory, long address, Long id) {
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, address, NONE);
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, address + 16, id);
        }

        void link(Rc<Long> from, long kind, long target) {
            allocator.memory().set(ValueLayout.JAVA_LONG_UNALIGNED, from.valueAddress(), kind);
            allocator.memory().set(ValueLayout.JAVA_LONG_UNALIGNED, from.valueAddress() + 8, target);
        }

        @Override
        public void drop(MemorySegment memory, long address) {
            dropped.add(read(memory, address));
            long kind = memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address);
            long target = memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address + 8);
            if (kind == STRONG) {
                Rc.fromRaw(allocator, this, target).close();
            } else if (kind == WEAK) {
                Weak.fromRaw(allocator, this, target).close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldLeakAStrongCycle(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Node node = new Node(a);
            Rc<Long> x = Rc.of(a, node, 1L);
            Rc<Long> y = Rc.of(a, node, 2L);
            node.link(x, Node.STRONG, y.clone().intoRaw());
            node.link(y, Node.STRONG, x.clone().intoRaw());
            assertEquals(2, x.strongCount(), "C11");
            assertEquals(2, y.strongCount(), "C11");
            y.close();
            x.close();
            assertEquals(List.of(), node.dropped, "C11: no Drop runs");
            assertEquals(0, a.stats().deallocations(), "C11: 0 deallocs");
            assertEquals(2, a.stats().liveBlocks(), "the leak shows in the allocator's live statistics");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldFreeACycleBrokenByAWeakBackEdge(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Node node = new Node(a);
            Rc<Long> x = Rc.of(a, node, 1L);
            Rc<Long> y = Rc.of(a, node, 2L);
            node.link(y, Node.STRONG, x.clone().intoRaw());
            node.link(x, Node.WEAK, y.downgrade().intoRaw());
            assertEquals(List.of(2L, 0L), counts(x), "C11: a.strong 2, a.weak 0");
            assertEquals(List.of(1L, 1L), counts(y), "C11: b.strong 1, b.weak 1");
            y.close();
            x.close();
            assertEquals(List.of(2L, 1L), node.dropped, "C11: b dropped first, then a");
            assertEquals(2, a.stats().deallocations(), "C11: 2 deallocs");
            assertEquals(0, a.stats().liveBlocks());
        }
    }
}
