package io.heaplab.alloc.handles;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.alloc.AllocatorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link CapacityLesson#runRecorded}: the blocks behind the lesson page's heap maps. */
class CapacityLessonRecordingTest {

    private static final int N = 100;
    private static final AllocatorSpec BUMP = AllocatorRegistry.load().get("bump");
    private static final CapacityLesson.Setup SETUP =
        CapacityLesson.Setup.withDefaultHeap(RustPrimitive.I32, N, true);

    @Test
    void shouldAbandonOneBlockPerPushWithReserveExactOnBumpBehindNeighbours() {
        CapacityLesson.Recorded run = CapacityLesson.runRecorded(BUMP, SETUP, CapacityLesson.Growth.RESERVE_EXACT_EACH);
        // Rust: Vec::new() allocates 1 element on the first reserve_exact(1), then n - 1 = 99 reallocations;
        // every one moves, since the previous push's neighbour sits right behind the block.
        assertEquals(99, run.abandonedBlocks());
        assertEquals(run.result().handle().reallocationsMoved(), run.abandonedBlocks());
        List<CapacityLesson.Block> vec = run.blocks().stream().filter(b -> !b.neighbour()).toList();
        assertEquals(100, vec.size());
        assertEquals(99, vec.stream().filter(CapacityLesson.Block::abandoned).count());
        assertEquals(new CapacityLesson.Block(vec.getLast().address(), 400, 99, 100, false, false), vec.getLast());
        assertEquals(4, vec.getFirst().byteSize());
        assertEquals(1, vec.getFirst().toPush(), "left during push 1");
        assertEquals(100, run.blocks().stream().filter(CapacityLesson.Block::neighbour).count());
        assertFalse(run.truncated());
    }

    @Test
    void shouldKeepOneBlockWithCapacityAndFiveAbandonedWithVecNew() {
        CapacityLesson.Recorded once = CapacityLesson.runRecorded(BUMP, SETUP, CapacityLesson.Growth.WITH_CAPACITY);
        List<CapacityLesson.Block> vec = once.blocks().stream().filter(b -> !b.neighbour()).toList();
        assertEquals(List.of(new CapacityLesson.Block(vec.getFirst().address(), 400, 0, 100, false, false)), vec);
        assertEquals(0, once.abandonedBlocks());
        // Vec<i32>::new(): capacities 4, 8, 16, 32, 64, 128: five moves, blocks of 16..256 bytes left behind
        CapacityLesson.Recorded doubling = CapacityLesson.runRecorded(BUMP, SETUP, CapacityLesson.Growth.NEW);
        assertEquals(5, doubling.abandonedBlocks());
        assertEquals(List.of(16L, 32L, 64L, 128L, 256L), doubling.blocks().stream()
            .filter(CapacityLesson.Block::abandoned).map(CapacityLesson.Block::byteSize).toList());
        assertEquals(CapacityLesson.run(BUMP, SETUP, CapacityLesson.Growth.NEW).handle(), doubling.result().handle(),
            "recording changes no count");
    }
}
