package io.heaplab.harness.detect;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.workloads.inject.FaultKind;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What an unchecked allocator does with one misuse: a fresh {@value #HEAP_BYTES}-byte heap with three live
 * {@value #BLOCK_BYTES} B blocks {@code a, b, c} (each filled with its own byte), the misuse (on {@code b}, or past
 * {@code a}'s end), then {@value #FOLLOW_UP_ALLOCATIONS} allocations of {@value #BLOCK_BYTES} B checked against a
 * shadow model, and the statistics' live block count compared with the model's.
 *
 * <h2>Outcomes</h2>
 * <ul>
 *   <li>{@code exception}: the misuse or a later call threw (named in the detail);</li>
 *   <li>{@code corrupt}: a block was handed out overlapping a live one, misaligned or outside the heap, a live
 *       block's bytes changed, or the live block count differs from the model's;</li>
 *   <li>{@code silent}: nothing observable went wrong;</li>
 *   <li>{@code hang}: set by the watchdog of {@link ProbeMain}, never by this class.</li>
 * </ul>
 * The model follows the caller's intent: the misused free frees nothing, the block freed twice is freed once.
 */
public final class MisuseProbe {

    /** Heap of each probe: 16 MiB. */
    public static final long HEAP_BYTES = 16L << 20;
    /** Size of every block. */
    public static final long BLOCK_BYTES = 48;
    /** Allocations after the misuse. */
    public static final int FOLLOW_UP_ALLOCATIONS = 200;
    private static final long ALIGN = 8;

    private MisuseProbe() {
    }

    /**
     * The result of one probe.
     *
     * @param outcome {@code silent}, {@code corrupt}, {@code exception} or {@code hang}
     * @param detail  one line: what was seen
     */
    public record Outcome(String outcome, String detail) {
    }

    /**
     * Runs one probe.
     *
     * @param spec  the allocator (unchecked)
     * @param fault the misuse
     * @return what happened
     */
    public static Outcome run(AllocatorSpec spec, FaultKind fault) {
        try (Allocator allocator = spec.create(HEAP_BYTES)) {
            return probe(allocator, fault);
        } catch (RuntimeException | Error e) {
            return new Outcome("exception", e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + oneLine(e.getMessage())));
        }
    }

    private static Outcome probe(Allocator allocator, FaultKind fault) {
        MemorySegment memory = allocator.memory();
        TreeMap<Long, Byte> live = new TreeMap<>();
        List<Long> order = new ArrayList<>();
        byte fill = 1;
        for (int i = 0; i < 3; i++) {
            long p = allocator.allocate(BLOCK_BYTES, ALIGN);
            memory.asSlice(p, BLOCK_BYTES).fill(fill);
            live.put(p, fill++);
            order.add(p);
        }
        long a = order.get(0);
        long b = order.get(1);
        long expectedLive = 3;
        switch (fault) {
            case DOUBLE_FREE -> {
                allocator.deallocate(b, BLOCK_BYTES, ALIGN);
                live.remove(b);
                allocator.deallocate(b, BLOCK_BYTES, ALIGN);
                expectedLive = 2;
            }
            case DOUBLE_FREE_AFTER_REUSE -> {
                allocator.deallocate(b, BLOCK_BYTES, ALIGN);
                live.remove(b);
                long d = allocator.allocate(BLOCK_BYTES, ALIGN);
                memory.asSlice(d, BLOCK_BYTES).fill(fill);
                live.put(d, fill++);
                allocator.deallocate(b, BLOCK_BYTES, ALIGN);
            }
            case INVALID_FREE -> allocator.deallocate(b + (1L << 40), BLOCK_BYTES, ALIGN);
            case INTERIOR_FREE -> allocator.deallocate(b + 16, BLOCK_BYTES, ALIGN);
            case WRONG_LAYOUT -> {
                allocator.deallocate(b, 2 * BLOCK_BYTES + 4096, ALIGN);
                live.remove(b);
                expectedLive = 2;
            }
            case USE_AFTER_FREE_WRITE -> {
                allocator.deallocate(b, BLOCK_BYTES, ALIGN);
                live.remove(b);
                memory.set(ValueLayout.JAVA_LONG_UNALIGNED, b, ~memory.get(ValueLayout.JAVA_LONG_UNALIGNED, b));
                expectedLive = 2;
            }
            case OVERFLOW_WRITE -> memory.set(ValueLayout.JAVA_BYTE, a + BLOCK_BYTES,
                (byte) ~memory.get(ValueLayout.JAVA_BYTE, a + BLOCK_BYTES));
            case LEAK -> { }
        }
        for (int i = 0; i < FOLLOW_UP_ALLOCATIONS; i++) {
            long p = allocator.allocate(BLOCK_BYTES, ALIGN);
            if (p == Allocator.FAILED) {
                return new Outcome("corrupt", "allocation " + i + " after the misuse failed in a nearly empty heap");
            }
            String wrong = placement(allocator, live, p);
            if (wrong != null) {
                return new Outcome("corrupt", "allocation " + i + " after the misuse: " + wrong);
            }
            memory.asSlice(p, BLOCK_BYTES).fill(fill);
            live.put(p, fill);
            fill = (byte) (fill == 127 ? 1 : fill + 1);
        }
        for (var block : live.entrySet()) {
            MemorySegment bytes = memory.asSlice(block.getKey(), BLOCK_BYTES);
            for (long k = 0; k < BLOCK_BYTES; k++) {
                if (bytes.get(ValueLayout.JAVA_BYTE, k) != block.getValue()) {
                    return new Outcome("corrupt", "byte " + k + " of the live block at " + block.getKey()
                        + " changed");
                }
            }
        }
        long liveBlocks = allocator.stats().liveBlocks();
        long model = expectedLive + FOLLOW_UP_ALLOCATIONS;
        if (liveBlocks != model) {
            return new Outcome("corrupt", "stats report " + liveBlocks + " live blocks, the model " + model);
        }
        return new Outcome("silent", "no overlap, bytes intact, statistics as the model");
    }

    private static String placement(Allocator allocator, TreeMap<Long, Byte> live, long p) {
        if (p < 0 || p % ALIGN != 0 || p + BLOCK_BYTES > allocator.memory().byteSize()) {
            return "address " + p + " is misaligned or outside the heap";
        }
        Long below = live.floorKey(p);
        if (below != null && below + BLOCK_BYTES > p) {
            return "block " + p + " overlaps the live block " + below;
        }
        Long above = live.ceilingKey(p);
        if (above != null && above < p + BLOCK_BYTES) {
            return "block " + p + " overlaps the live block " + above;
        }
        return null;
    }

    private static String oneLine(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
