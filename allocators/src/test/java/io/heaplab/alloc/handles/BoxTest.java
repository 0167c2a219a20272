package io.heaplab.alloc.handles;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.checked.MisuseKind;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rust-rules.md §4 (B1–B5) and Z5: Box on every research allocator. */
class BoxTest {

    private static final String ALLOCATORS = "io.heaplab.alloc.handles.ResearchAllocators#names";

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldAllocateExactlyOneBlockOfTheValueLayout(String name) {
        Layout[] layouts = {Layout.of(8, 8), Layout.of(3, 1), Layout.of(8, 4)}; // u64, [u8; 3], (u8, u32)
        for (Layout layout : layouts) {
            try (Allocator a = ResearchAllocators.create(name)) {
                Box<byte[]> box = Box.of(a, ElementCodec.bytes(layout), new byte[(int) layout.byteSize()]);
                AllocatorStats live = a.stats();
                assertEquals(1, live.allocations(), layout.toString());
                assertEquals(layout.byteSize(), live.liveRequestedBytes(), layout.toString());
                assertEquals(0, box.address() % layout.byteAlignment(), "aligned");
                box.close();
                assertEquals(1, a.stats().deallocations(), "B1: one dealloc");
                assertEquals(0, a.stats().liveBlocks());
                assertEquals(new HandleStats(1, 0, 0, 0, 0, 1, layout.byteSize()), box.stats());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldReadAndReplaceTheValue(String name) {
        try (Allocator a = ResearchAllocators.create(name); Box<Long> box = Box.of(a, ElementCodec.i64(), 41L)) {
            assertEquals(41L, box.get());
            box.set(42L);
            assertEquals(42L, box.get());
            assertEquals(42L, a.memory().get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, box.address()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverAllocateForZeroSizeValues(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Box<Unit> unit = Box.of(a, ElementCodec.zeroSized(1), Unit.UNIT);
            Box<Unit> emptyArray = Box.of(a, ElementCodec.zeroSized(8), Unit.UNIT);
            assertEquals(1, unit.address(), "B2: Box<()> at 0x1");
            assertEquals(8, emptyArray.address(), "B2: Box<[u64; 0]> at 0x8");
            unit.close();
            emptyArray.close();
            assertEquals(0, a.stats().allocations());
            assertEquals(0, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldNeverFreeALeakedBox(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Box<Integer> box = Box.of(a, ElementCodec.i32(), 7);
            long address = box.leak();
            box.close();
            assertEquals(7, ElementCodec.i32().read(a.memory(), address));
            assertEquals(1, a.stats().allocations(), "B3");
            assertEquals(0, a.stats().deallocations(), "B3");
            assertEquals(1, a.stats().liveBlocks(), "the leak shows in the allocator's live statistics");
            OwnershipException misuse = assertThrows(OwnershipException.class, box::get);
            assertEquals(MisuseKind.USE_AFTER_MOVE, misuse.kind());
            assertEquals("use of moved value: " + box.handleName() + " (block 0x" + Long.toHexString(address)
                + ", 4 B, align 4) in deref", misuse.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldFreeExactlyOnceAfterIntoRawAndFromRaw(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            Box<Integer> box = Box.of(a, ElementCodec.i32(), 1);
            long raw = box.intoRaw();
            box.close();
            assertEquals(0, a.stats().deallocations(), "into_raw gives up ownership");
            ElementCodec.i32().write(a.memory(), raw, 99);
            Box<Integer> back = Box.fromRaw(a, ElementCodec.i32(), raw);
            assertEquals(99, back.get(), "B4: mutations through the pointer are visible");
            back.close();
            assertEquals(1, a.stats().allocations());
            assertEquals(1, a.stats().deallocations(), "B4: freed exactly once");
            OwnershipException misuse = assertThrows(OwnershipException.class, back::close);
            assertEquals(MisuseKind.DOUBLE_DROP, misuse.kind());
            assertEquals("double drop of " + back.handleName() + " (block 0x" + Long.toHexString(raw)
                + ", 4 B, align 4)", misuse.getMessage());
            assertEquals(1, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldDropTheValueBeforeFreeing(String name) {
        List<String> events = new ArrayList<>();
        ElementCodec<Integer> noisy = new ElementCodec<>() {
            @Override
            public Layout layout() {
                return Layout.of(4, 4);
            }

            @Override
            public Integer read(MemorySegment memory, long address) {
                return ElementCodec.i32().read(memory, address);
            }

            @Override
            public void write(MemorySegment memory, long address, Integer value) {
                ElementCodec.i32().write(memory, address, value);
            }

            @Override
            public void drop(MemorySegment memory, long address) {
                events.add("drop " + read(memory, address));
            }
        };
        try (Allocator a = ResearchAllocators.create(name)) {
            Box<Integer> box = Box.of(a, noisy, 5);
            box.set(6);
            assertEquals(List.of("drop 5"), events, "*b = x drops the old value");
            Box<Integer> moved = box.moveTo();
            box.close();
            assertEquals(List.of("drop 5"), events, "a moved-from box is not dropped");
            moved.close();
            assertEquals(List.of("drop 5", "drop 6"), events);
            assertEquals(1, a.stats().deallocations());
            Box<Integer> taken = Box.of(a, noisy, 8);
            assertEquals(8, taken.intoInner());
            assertEquals(List.of("drop 5", "drop 6"), events, "a value moved out is not dropped");
            assertEquals(2, a.stats().deallocations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALLOCATORS)
    void shouldShrinkOnlyWhenCapacityExceedsLengthIntoBoxedSlice(String name) {
        try (Allocator a = ResearchAllocators.create(name)) {
            try (IntVec exact = IntVec.of(a, 1, 2, 3); IntVec boxed = exact.intoBoxedSlice()) {
                assertEquals(0, boxed.stats().reallocations(), "B5: cap == len, no realloc");
            }
            try (IntVec roomy = IntVec.withCapacityIn(a, 10)) {
                roomy.extendFrom(1, 2, 3);
                try (IntVec boxed = roomy.intoBoxedSlice()) {
                    assertEquals(3, boxed.capacity());
                    assertEquals(1, boxed.stats().reallocations(), "B5: realloc 40 -> 12");
                    assertEquals(12, boxed.stats().bytesPreserved());
                    assertArrayEquals(new int[] {1, 2, 3}, boxed.toArray());
                }
            }
        }
    }
}
