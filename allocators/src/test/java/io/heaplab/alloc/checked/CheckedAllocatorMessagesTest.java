package io.heaplab.alloc.checked;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per misuse kind, run on every registered research allocator (the shared contract's list), asserting the
 * exact message. Each starts from three live 48 B blocks {@code a, b, c} allocated at ops 0, 1, 2.
 */
class CheckedAllocatorMessagesTest {

    private static final long HEAP_BYTES = 1 << 20;
    private static final long SIZE = 48;
    private static final long ALIGN = 8;
    private static final AllocatorRegistry REGISTRY = AllocatorRegistry.load();

    static Stream<String> names() {
        return REGISTRY.ofKind(AllocatorSpec.Kind.RESEARCH).stream().map(AllocatorSpec::name);
    }

    /** Three blocks over a checked allocator. */
    private record Heap(CheckedAllocator allocator, long a, long b, long c) {
        static Heap of(String name, CheckLevel level, ErrorMode mode) {
            CheckedAllocator allocator = CheckedAllocator.of(REGISTRY.get(name).create(HEAP_BYTES),
                CheckConfig.of(level, mode));
            return new Heap(allocator, allocator.allocate(SIZE, ALIGN), allocator.allocate(SIZE, ALIGN),
                allocator.allocate(SIZE, ALIGN));
        }

        void freeAll() {
            for (long p : new long[] {a, b, c}) {
                allocator.deallocate(p, SIZE, ALIGN);
            }
            allocator.close();
        }
    }

    private static String hex(long taggedAddress) {
        return "0x" + Long.toHexString(TaggedAddress.untag(taggedAddress));
    }

    private static MisuseException misuse(MisuseKind kind, Runnable call) {
        MisuseException e = assertThrows(MisuseException.class, call::run);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportADoubleFreeWithBothSites(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        h.allocator().deallocate(h.b(), SIZE, ALIGN);
        MisuseException e = misuse(MisuseKind.DOUBLE_FREE, () -> h.allocator().deallocate(h.b(), SIZE, ALIGN));
        assertEquals("double free of " + hex(h.b()) + " (48 B, align 8) at op 4; allocated at op 1, freed at op 3",
            e.getMessage());
        h.allocator().deallocate(h.a(), SIZE, ALIGN);
        h.allocator().deallocate(h.c(), SIZE, ALIGN);
        h.allocator().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportADoubleFreeAfterTheBlockWasReusedByItsGenerationTag(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        h.allocator().deallocate(h.c(), SIZE, ALIGN);
        long reused = h.allocator().allocate(SIZE, ALIGN);
        assertEquals(TaggedAddress.untag(h.c()), TaggedAddress.untag(reused), "the freed block is reused at once");
        assertNotEquals(h.c(), reused, "the reused block carries the next generation");
        MisuseException e = misuse(MisuseKind.DOUBLE_FREE_AFTER_REUSE,
            () -> h.allocator().deallocate(h.c(), SIZE, ALIGN));
        int stale = TaggedAddress.generation(h.c());
        assertEquals(TaggedAddress.generation(reused), stale == TaggedAddress.MAX_GENERATION ? 1 : stale + 1,
            "the next generation");
        assertEquals("double free after reuse of " + hex(h.c()) + " at op 5: the address carries generation " + stale
            + ", the block there is generation " + TaggedAddress.generation(reused) + " (48 B, align 8), live,"
            + " allocated at op 4", e.getMessage());
        new Heap(h.allocator(), h.a(), h.b(), reused).freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAFreeOfAForeignAddress(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        long foreign = h.b() + (1L << 40);
        MisuseException e = misuse(MisuseKind.INVALID_FREE, () -> h.allocator().deallocate(foreign, SIZE, ALIGN));
        assertEquals("invalid free of " + hex(foreign) + " (48 B, align 8) at op 3: not an address this allocator"
            + " returned", e.getMessage());
        h.freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAFreeOfAnInteriorAddressNamingTheBlock(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        MisuseException e = misuse(MisuseKind.INTERIOR_FREE, () -> h.allocator().deallocate(h.b() + 16, SIZE, ALIGN));
        assertEquals("interior free of " + hex(h.b() + 16) + " (48 B, align 8) at op 3: 16 B inside the block "
            + hex(h.b()) + " (48 B, align 8) allocated at op 1", e.getMessage());
        h.freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAMisalignedFree(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        MisuseException e = misuse(MisuseKind.MISALIGNED_FREE, () -> h.allocator().deallocate(h.b() + 3, SIZE, ALIGN));
        assertEquals("misaligned free of " + hex(h.b() + 3) + " (48 B, align 8) at op 3: not a multiple of the"
            + " alignment", e.getMessage());
        h.freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAFreeWithASizeThatDoesNotFit(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        MisuseException e = misuse(MisuseKind.WRONG_LAYOUT, () -> h.allocator().deallocate(h.b(), 1 << 16, ALIGN));
        assertEquals("free of " + hex(h.b()) + " with the wrong layout (65536 B, align 8) at op 3; the block was"
            + " allocated with (48 B, align 8) at op 1", e.getMessage());
        h.freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAReallocWithAnotherAlignment(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        MisuseException e = misuse(MisuseKind.WRONG_LAYOUT, () -> h.allocator().reallocate(h.b(), SIZE, 64, 96));
        assertEquals("realloc of " + hex(h.b()) + " with the wrong layout (48 B, align 64) at op 3; the block was"
            + " allocated with (48 B, align 8) at op 1", e.getMessage());
        h.freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAnOverflowIntoTheRedzoneWhenTheBlockIsFreed(String name) {
        Heap h = Heap.of(name, CheckLevel.FULL, ErrorMode.THROW);
        h.allocator().memory().set(ValueLayout.JAVA_BYTE, TaggedAddress.untag(h.b()) + SIZE, (byte) 0x41);
        MisuseException e = misuse(MisuseKind.OVERFLOW_WRITE, () -> h.allocator().deallocate(h.b(), SIZE, ALIGN));
        assertEquals("heap overflow past " + hex(h.b()) + " (48 B, align 8) detected at op 3 (on free): redzone byte 0 ("
            + hex(h.b() + SIZE) + ") changed; allocated at op 1", e.getMessage());
        h.allocator().deallocate(h.a(), SIZE, ALIGN);
        h.allocator().deallocate(h.c(), SIZE, ALIGN);
        h.allocator().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportAWriteAfterFreeWhenTheBlockLeavesTheQuarantine(String name) {
        Heap h = Heap.of(name, CheckLevel.FULL, ErrorMode.THROW);
        h.allocator().deallocate(h.b(), SIZE, ALIGN);
        h.allocator().memory().set(ValueLayout.JAVA_BYTE, TaggedAddress.untag(h.b()) + 5, (byte) 0x41);
        MisuseException e = misuse(MisuseKind.USE_AFTER_FREE_WRITE, h.allocator()::trim);
        assertEquals("write after free of " + hex(h.b()) + " (48 B, align 8) detected at op 4 (leaving quarantine):"
            + " byte 5 (" + hex(h.b() + 5) + ") changed; allocated at op 1, freed at op 3", e.getMessage());
        h.allocator().deallocate(h.a(), SIZE, ALIGN);
        h.allocator().deallocate(h.c(), SIZE, ALIGN);
        h.allocator().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportLeaksAtCloseWithCountBytesAndLargestBlocks(String name) {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        long big = h.allocator().allocate(200, ALIGN);
        h.allocator().deallocate(h.a(), SIZE, ALIGN);
        long first = Math.min(TaggedAddress.untag(h.b()), TaggedAddress.untag(h.c()));
        long second = Math.max(TaggedAddress.untag(h.b()), TaggedAddress.untag(h.c()));
        MisuseException e = misuse(MisuseKind.LEAK, h.allocator()::close);
        assertEquals("leaks at close: 3 blocks, 296 B; largest: " + hex(big) + " (200 B, align 8) allocated at op 3, "
            + hex(first) + " (48 B, align 8) allocated at op " + (first == TaggedAddress.untag(h.b()) ? 1 : 2) + ", "
            + hex(second) + " (48 B, align 8) allocated at op " + (second == TaggedAddress.untag(h.b()) ? 1 : 2),
            e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldReportACallFromASecondThreadAndLeaveTheAllocatorUntouched(String name) throws InterruptedException {
        Heap h = Heap.of(name, CheckLevel.CHEAP, ErrorMode.THROW);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread intruder = new Thread(() -> {
            try {
                h.allocator().deallocate(h.b(), SIZE, ALIGN);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "intruder");
        intruder.start();
        intruder.join();
        MisuseException e = (MisuseException) thrown.get();
        assertEquals(MisuseKind.WRONG_THREAD, e.kind());
        assertEquals("free of " + hex(h.b()) + " (48 B, align 8) at op 3 from thread 'intruder', but the allocator"
            + " belongs to thread '" + Thread.currentThread().getName() + "': allocators are single-threaded",
            e.getMessage());
        assertEquals(3, h.allocator().stats().liveBlocks(), "the intruder's free had no effect");
        h.freeAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldCountMisusesInRecordModeAndKeepTheAllocatorConsistent(String name) {
        Heap h = Heap.of(name, CheckLevel.FULL, ErrorMode.RECORD);
        h.allocator().deallocate(h.b(), SIZE, ALIGN);
        h.allocator().deallocate(h.b(), SIZE, ALIGN);
        h.allocator().deallocate(h.a() + 16, SIZE, ALIGN);
        h.allocator().deallocate(h.a(), 96, ALIGN);
        assertEquals(1, h.allocator().misuseCount(MisuseKind.DOUBLE_FREE));
        assertEquals(1, h.allocator().misuseCount(MisuseKind.INTERIOR_FREE));
        assertEquals(1, h.allocator().misuseCount(MisuseKind.WRONG_LAYOUT));
        assertEquals(1, h.allocator().stats().liveBlocks(), "the wrong-layout free freed a with its recorded layout");
        h.allocator().deallocate(h.c(), SIZE, ALIGN);
        h.allocator().close();
        assertEquals(3, h.allocator().misuseCount());
        assertTrue(h.allocator().reports().get(0).message().startsWith("double free of " + hex(h.b())));
    }
}
