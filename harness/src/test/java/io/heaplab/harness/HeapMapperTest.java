package io.heaplab.harness;

import io.heaplab.alloc.AllocatorRegistry;
import io.heaplab.report.HeapMap;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HeapMapperTest {

    private static final long HEAP_BYTES = 1 << 20;
    private static final AllocatorRegistry REGISTRY = AllocatorRegistry.load();

    @Test
    void shouldPaintLiveBlocksBySizeClassFreeSpaceAndSpaceNotReachedYet() throws IOException {
        // bump places blocks one after the other from offset 0 and can free the most recent block:
        // after op 1 only [0, 64) is used; after op 2 [0, 128); after op 3 [64, 128) is free again
        HeapMap map = new HeapMapper(REGISTRY.get("bump"), HEAP_BYTES, 3, 2).map("t",
            () -> new ListTrace("t").alloc(0, 64, 16).alloc(1, 64, 16).free(1));
        assertEquals(128, map.addressBytes());
        assertEquals(3, map.ops());
        byte small = HeapMap.classOf(64);
        assertArrayEquals(new byte[] {small, HeapMap.UNUSED, small, small, small, HeapMap.FREE}, map.cells());
    }

    @Test
    void shouldColourACellByTheClassHoldingMostOfItsBytes() throws IOException {
        HeapMap map = new HeapMapper(REGISTRY.get("bump"), HEAP_BYTES, 1, 1).map("t",
            () -> new ListTrace("t").alloc(0, 16, 16).alloc(1, 4000, 16));
        assertArrayEquals(new byte[] {HeapMap.classOf(4000)}, map.cells());
    }

    @Test
    void shouldUseNoMoreColumnsThanOperations() throws IOException {
        HeapMap map = new HeapMapper(REGISTRY.get("bump"), HEAP_BYTES, 400, 4).map("t",
            () -> new ListTrace("t").alloc(0, 64, 16).free(0));
        assertEquals(2, map.columns());
    }

    @Test
    void shouldRefuseNativeAllocators() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new HeapMapper(REGISTRY.get("glibc"), HEAP_BYTES, 10, 10));
        assertEquals("a heap map needs one of heaplab's research allocators (their addresses are offsets into one "
            + "heap); glibc is native", e.getMessage());
    }

    @Test
    void shouldRefuseIdsItCannotTrackInBoundedMemory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new HeapMapper(REGISTRY.get("bump"), HEAP_BYTES, 10, 10).map("t",
                () -> new ListTrace("t").alloc(1L << 40, 16, 16)));
        assertEquals("block id 1099511627776 is outside 0..8388607, the most a heap map keeps track of",
            e.getMessage());
    }
}
