package io.heaplab.alloc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A shadow model of an {@link Allocator}: drives it one call at a time, remembers every live block and what the
 * statistics must say, and checks the contract of {@link Allocator} after every call.
 *
 * <h2>Checked after every call ({@link #verify()})</h2>
 * <ol>
 *   <li>Every live block lies inside the heap: {@code 0 <= address} and {@code address + usableSize <= heapBytes}
 *       (and inside {@code memory()}).</li>
 *   <li>Every address is a multiple of the block's alignment; a zero-size block's address is its alignment.</li>
 *   <li>{@code usableSize >= requested size}, and {@code usableSize} of a block does not change while it is live
 *       unless it is reallocated.</li>
 *   <li>No two live blocks overlap, counting each block's full usable size.</li>
 *   <li>The byte pattern written into each block's usable bytes is intact (blocks larger than
 *       2 × {@value #PATTERN_EDGE_BYTES} bytes carry it in their first and last {@value #PATTERN_EDGE_BYTES}
 *       bytes only, so that gigabyte blocks stay cheap).</li>
 *   <li>The statistics equal the model's: allocations, deallocations, reallocations in place (address unchanged)
 *       and moved, failed allocations, live blocks, live requested bytes, live granted bytes (the sum of the live
 *       blocks' usable sizes) and the peaks of the last three; the footprint covers every live block's end, never
 *       decreases and never exceeds the heap; free bytes and the largest free block, when known, are bounded by the
 *       footprint minus the live granted bytes.</li>
 * </ol>
 * A successful {@code reallocate} must also preserve the first {@code min(oldSize, newSize)} bytes.
 *
 * <p>The model follows {@link Allocator}'s terms: zero-size blocks use no memory and are not counted; growing a
 * zero-size block with {@code reallocate} is an allocation, shrinking a block to 0 is a deallocation.
 *
 * @implSpec Not thread-safe. Every violated invariant throws an {@link AssertionError} naming the step and dumping
 * the live blocks.
 */
final class ShadowHeap {

    /** Trace entry of a step that had no live block to act on. */
    static final long SKIPPED = -2;
    /** Blocks up to twice this size carry the byte pattern in full; larger ones at both ends only. */
    static final long PATTERN_EDGE_BYTES = 256 * 1024;
    /** Period of the pattern: a prime, so that blocks at power-of-two distances hold different bytes. */
    private static final int PATTERN_PERIOD = 65_521;
    /** Pseudo-random bytes, two periods long so that any run of up to one period is contiguous. */
    private static final MemorySegment PATTERN = createPattern();
    private static final int MAX_DUMPED_BLOCKS = 24;

    /** One live block as the model sees it. A zero-size block has the dangling address and no usable bytes. */
    private static final class Block {
        final long id;
        final long byteAlignment;
        long address;
        long requestedBytes;
        long usableBytes;

        Block(long id, long address, long requestedBytes, long usableBytes, long byteAlignment) {
            this.id = id;
            this.address = address;
            this.requestedBytes = requestedBytes;
            this.usableBytes = usableBytes;
            this.byteAlignment = byteAlignment;
        }

        long end() {
            return address + usableBytes;
        }

        int patternOffset() {
            return (int) Math.floorMod(id * 7919L, (long) PATTERN_PERIOD);
        }

        @Override
        public String toString() {
            return "block " + id + " [" + address + ", " + end() + ") requested " + requestedBytes
                + " align " + byteAlignment;
        }
    }

    private final Allocator allocator;
    private final MemorySegment memory;
    private final long heapBytes;
    private final List<Block> live = new ArrayList<>();
    private long nextId;
    private String step = "start";

    private long allocations;
    private long deallocations;
    private long reallocationsInPlace;
    private long reallocationsMoved;
    private long failedAllocations;
    private long liveBlocks;
    private long liveRequestedBytes;
    private long liveGrantedBytes;
    private long peakLiveBlocks;
    private long peakLiveRequestedBytes;
    private long peakLiveGrantedBytes;
    private long lastFootprintBytes;

    /**
     * Attaches a model to an allocator in its freshly constructed (or reset) state, and checks that state.
     *
     * @param allocator a fresh or reset allocator; the model assumes all its counters are zero
     */
    ShadowHeap(Allocator allocator) {
        this.allocator = allocator;
        this.memory = allocator.memory();
        this.heapBytes = allocator.heapBytes();
        verify();
    }

    /** {@return the allocator under test} */
    Allocator allocator() {
        return allocator;
    }

    /** {@return the number of live blocks in the model, zero-size blocks included} */
    int liveCount() {
        return live.size();
    }

    /** {@return the number of failed allocations and reallocations seen so far} */
    long failedAllocations() {
        return failedAllocations;
    }

    /**
     * Replays one step and verifies every invariant.
     *
     * @param op    the step
     * @param index the step's number, for messages
     * @param lifo  whether picks mean the newest live block
     * @return the trace entry: the address returned (allocate, reallocate) or freed (deallocate), {@link Allocator#FAILED},
     *         or {@link #SKIPPED}
     */
    long apply(AllocOp op, int index, boolean lifo) {
        step = "step " + index + " " + op;
        long result = switch (op) {
            case AllocOp.Allocate a -> allocate(a.byteSize(), a.byteAlignment());
            case AllocOp.Deallocate d -> live.isEmpty() ? SKIPPED : deallocate(pick(d.pick(), lifo));
            case AllocOp.Reallocate r -> live.isEmpty() ? SKIPPED : reallocate(pick(r.pick(), lifo), r.newByteSize());
        };
        verify();
        return result;
    }

    /**
     * Replays a whole sequence of steps.
     *
     * @param ops  the steps
     * @param lifo whether picks mean the newest live block
     * @return the trace, one entry per step (see {@link #apply})
     */
    long[] run(List<AllocOp> ops, boolean lifo) {
        long[] trace = new long[ops.size()];
        for (int i = 0; i < trace.length; i++) {
            trace[i] = apply(ops.get(i), i, lifo);
        }
        return trace;
    }

    private int pick(int pick, boolean lifo) {
        return lifo ? live.size() - 1 : Math.floorMod(pick, live.size());
    }

    /**
     * Frees every live block, verifying after each.
     *
     * @param lifo newest first if true, else in an order shuffled with {@code seed}
     * @param seed the shuffle seed
     */
    void freeAll(boolean lifo, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            order.add(i);
        }
        if (!lifo) {
            Collections.shuffle(order, new SplittableRandom(seed));
        }
        // Free by identity: indices shift as blocks leave the list.
        List<Block> victims = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            victims.add(live.get(order.get(i)));
        }
        for (Block victim : victims) {
            step = "free-all " + victim;
            deallocate(live.indexOf(victim));
            verify();
        }
    }

    /**
     * Allocates through the model.
     *
     * @param byteSize      requested size
     * @param byteAlignment requested alignment
     * @return the address, or {@link Allocator#FAILED}
     */
    long allocate(long byteSize, long byteAlignment) {
        long address = allocator.allocate(byteSize, byteAlignment);
        if (byteSize == 0) {
            check(address == byteAlignment, "a zero-size request must return the dangling address " + byteAlignment
                + ", got " + address);
            live.add(new Block(nextId++, address, 0, 0, byteAlignment));
            return address;
        }
        if (address == Allocator.FAILED) {
            failedAllocations++;
            return address;
        }
        Block block = new Block(nextId++, address, byteSize, 0, byteAlignment);
        block.usableBytes = allocator.usableSize(address, byteSize, byteAlignment);
        live.add(block);
        allocations++;
        addLive(1, byteSize, block.usableBytes);
        verifyPlacement();
        writePattern(block);
        return address;
    }

    /**
     * Frees the live block at {@code index} (oldest first) with its requested size.
     *
     * @param index position in the live list
     * @return the freed address
     */
    long deallocate(int index) {
        Block block = live.remove(index);
        allocator.deallocate(block.address, block.requestedBytes, block.byteAlignment);
        if (block.requestedBytes > 0) {
            deallocations++;
            addLive(-1, -block.requestedBytes, -block.usableBytes);
        }
        return block.address;
    }

    /**
     * Reallocates the live block at {@code index} (oldest first).
     *
     * @param index       position in the live list
     * @param newByteSize the new size
     * @return the new address, or {@link Allocator#FAILED}
     */
    long reallocate(int index, long newByteSize) {
        Block block = live.get(index);
        long oldAddress = block.address;
        long oldRequested = block.requestedBytes;
        long oldUsable = block.usableBytes;
        long result = allocator.reallocate(oldAddress, oldRequested, block.byteAlignment, newByteSize);
        if (newByteSize == 0) {
            check(result == block.byteAlignment, "reallocate to size 0 must free and return the dangling address "
                + block.byteAlignment + ", got " + result);
            if (oldRequested > 0) {
                deallocations++;
                addLive(-1, -oldRequested, -oldUsable);
            }
            block.address = result;
            block.requestedBytes = 0;
            block.usableBytes = 0;
            return result;
        }
        if (result == Allocator.FAILED) {
            failedAllocations++;
            return result;
        }
        block.address = result;
        block.requestedBytes = newByteSize;
        block.usableBytes = allocator.usableSize(result, newByteSize, block.byteAlignment);
        if (oldRequested == 0) {
            allocations++;
            addLive(1, newByteSize, block.usableBytes);
            verifyPlacement();
        } else {
            if (result == oldAddress) {
                reallocationsInPlace++;
            } else {
                reallocationsMoved++;
            }
            addLive(0, newByteSize - oldRequested, block.usableBytes - oldUsable);
            verifyPlacement();
            long kept = Math.min(oldRequested, newByteSize);
            checkPattern(block, oldUsable, kept, "reallocate from " + oldAddress + " (size " + oldRequested
                + ") must preserve the first " + kept + " bytes");
        }
        writePattern(block);
        return result;
    }

    private void addLive(long blocks, long requestedBytes, long grantedBytes) {
        liveBlocks += blocks;
        liveRequestedBytes += requestedBytes;
        liveGrantedBytes += grantedBytes;
        peakLiveBlocks = Math.max(peakLiveBlocks, liveBlocks);
        peakLiveRequestedBytes = Math.max(peakLiveRequestedBytes, liveRequestedBytes);
        peakLiveGrantedBytes = Math.max(peakLiveGrantedBytes, liveGrantedBytes);
    }

    // ------------------------------------------------------------------------------------------ invariants

    /** Checks every invariant of the class doc. */
    void verify() {
        verifyPlacement();
        for (Block block : live) {
            if (block.requestedBytes > 0) {
                checkPattern(block, block.usableBytes, block.usableBytes, "the bytes of a live block must not change");
            }
        }
        verifyStats();
    }

    /** Invariants 1–4: bounds, alignment, usable size, no overlap. */
    private void verifyPlacement() {
        long[] starts = new long[live.size()];
        int placed = 0;
        for (Block block : live) {
            if (block.requestedBytes == 0) {
                check(block.address == block.byteAlignment, block + ": a zero-size block's address must be its alignment");
                long usable = allocator.usableSize(block.address, 0, block.byteAlignment);
                check(usable == 0, block + ": usableSize of a zero-size block must be 0, got " + usable);
                continue;
            }
            check(block.address >= 0 && block.address % block.byteAlignment == 0,
                block + ": address must be a non-negative multiple of the alignment");
            check(block.usableBytes >= block.requestedBytes,
                block + ": usableSize " + block.usableBytes + " must be at least the requested size");
            check(block.end() <= heapBytes && block.end() <= memory.byteSize() && block.end() > block.address,
                block + ": must lie inside the heap of " + heapBytes + " bytes");
            long usable = allocator.usableSize(block.address, block.requestedBytes, block.byteAlignment);
            check(usable == block.usableBytes, block + ": usableSize changed from " + block.usableBytes + " to "
                + usable + " while the block was live");
            starts[placed++] = block.address;
        }
        if (placed < 2) {
            return;
        }
        // Sort blocks by address (blocks with the same start are an overlap, found below).
        Block[] byAddress = new Block[placed];
        int k = 0;
        for (Block block : live) {
            if (block.requestedBytes > 0) {
                byAddress[k++] = block;
            }
        }
        Arrays.sort(byAddress, (a, b) -> Long.compare(a.address, b.address));
        for (int i = 1; i < byAddress.length; i++) {
            Block before = byAddress[i - 1];
            Block after = byAddress[i];
            check(before.end() <= after.address, before + " and " + after + " overlap");
        }
    }

    /** Invariant 6: statistics. */
    private void verifyStats() {
        AllocatorStats s = allocator.stats();
        StringBuilder wrong = new StringBuilder();
        compare(wrong, "allocations", allocations, s.allocations());
        compare(wrong, "deallocations", deallocations, s.deallocations());
        compare(wrong, "reallocationsInPlace", reallocationsInPlace, s.reallocationsInPlace());
        compare(wrong, "reallocationsMoved", reallocationsMoved, s.reallocationsMoved());
        compare(wrong, "failedAllocations", failedAllocations, s.failedAllocations());
        compare(wrong, "liveBlocks", liveBlocks, s.liveBlocks());
        compare(wrong, "liveRequestedBytes", liveRequestedBytes, s.liveRequestedBytes());
        compare(wrong, "liveGrantedBytes", liveGrantedBytes, s.liveGrantedBytes());
        compare(wrong, "peakLiveBlocks", peakLiveBlocks, s.peakLiveBlocks());
        compare(wrong, "peakLiveRequestedBytes", peakLiveRequestedBytes, s.peakLiveRequestedBytes());
        compare(wrong, "peakLiveGrantedBytes", peakLiveGrantedBytes, s.peakLiveGrantedBytes());
        compare(wrong, "heapBytes", heapBytes, s.heapBytes());
        check(wrong.isEmpty(), "statistics differ from the model:" + wrong + System.lineSeparator() + "  " + s);

        long footprint = s.footprintBytes();
        check(footprint >= lastFootprintBytes, "footprint decreased from " + lastFootprintBytes + " to " + footprint);
        check(footprint <= heapBytes, "footprint " + footprint + " exceeds the heap of " + heapBytes + " bytes");
        for (Block block : live) {
            check(block.requestedBytes == 0 || block.end() <= footprint,
                block + " ends beyond the footprint " + footprint);
        }
        lastFootprintBytes = footprint;
        long free = s.freeBytes();
        check(free == -1 || (free >= 0 && free <= footprint - liveGrantedBytes),
            "freeBytes " + free + " must be -1 or within [0, footprint " + footprint + " - live granted "
                + liveGrantedBytes + "]");
        long largest = s.largestFreeBlockBytes();
        check(largest == -1 || (largest >= 0 && largest <= footprint && (free == -1 || largest <= free)),
            "largestFreeBlockBytes " + largest + " must be -1 or within [0, min(freeBytes " + free
                + ", footprint " + footprint + ")]");
        check(s.metadataBytes() >= 0, "metadataBytes must not be negative: " + s.metadataBytes());
    }

    private static void compare(StringBuilder wrong, String field, long model, long actual) {
        if (model != actual) {
            wrong.append(System.lineSeparator()).append("  ").append(field).append(": model ").append(model)
                .append(", allocator ").append(actual);
        }
    }

    /** {@return the footprint reported by the allocator at the last verification} */
    long footprintBytes() {
        return lastFootprintBytes;
    }

    // ------------------------------------------------------------------------------------------ byte pattern

    /**
     * Calls {@code action} for each run of a block's usable bytes that carries the pattern, clipped to {@code limit}.
     */
    private interface RunAction {
        void run(long blockOffset, long byteCount);
    }

    private static void forEachPatternRun(long usableBytes, long limit, RunAction action) {
        if (usableBytes <= 2 * PATTERN_EDGE_BYTES) {
            clippedRun(0, usableBytes, limit, action);
        } else {
            clippedRun(0, PATTERN_EDGE_BYTES, limit, action);
            clippedRun(usableBytes - PATTERN_EDGE_BYTES, usableBytes, limit, action);
        }
    }

    private static void clippedRun(long from, long to, long limit, RunAction action) {
        long end = Math.min(to, limit);
        for (long offset = from; offset < end; ) {
            long count = Math.min(end - offset, PATTERN_PERIOD);
            action.run(offset, count);
            offset += count;
        }
    }

    private void writePattern(Block block) {
        forEachPatternRun(block.usableBytes, block.usableBytes, (offset, count) ->
            MemorySegment.copy(PATTERN, patternIndex(block, offset), memory, block.address + offset, count));
    }

    /**
     * Checks the pattern a block received when its usable size was {@code writtenUsableBytes}, up to {@code limit}.
     */
    private void checkPattern(Block block, long writtenUsableBytes, long limit, String what) {
        forEachPatternRun(writtenUsableBytes, limit, (offset, count) -> {
            long from = block.address + offset;
            long patternFrom = patternIndex(block, offset);
            long mismatch = MemorySegment.mismatch(memory, from, from + count, PATTERN, patternFrom, patternFrom + count);
            if (mismatch != -1) {
                long at = offset + mismatch;
                fail(block + ": " + what + "; byte " + at + " (address " + (block.address + at) + ") is "
                    + memory.get(ValueLayout.JAVA_BYTE, block.address + at) + ", expected "
                    + PATTERN.get(ValueLayout.JAVA_BYTE, patternFrom + mismatch));
            }
        });
    }

    private static long patternIndex(Block block, long blockOffset) {
        return (block.patternOffset() + blockOffset) % PATTERN_PERIOD;
    }

    private static MemorySegment createPattern() {
        MemorySegment pattern = Arena.global().allocate(2L * PATTERN_PERIOD);
        SplittableRandom random = new SplittableRandom(0x9A77E2);
        for (int i = 0; i < PATTERN_PERIOD; i++) {
            byte value = (byte) random.nextInt(256);
            pattern.set(ValueLayout.JAVA_BYTE, i, value);
            pattern.set(ValueLayout.JAVA_BYTE, i + PATTERN_PERIOD, value);
        }
        return pattern;
    }

    // ------------------------------------------------------------------------------------------ reporting

    private void check(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }

    private void fail(String message) {
        StringBuilder text = new StringBuilder();
        text.append(allocator.name()).append(", ").append(step).append(": ").append(message)
            .append(System.lineSeparator()).append("  live blocks (").append(live.size()).append("):");
        int shown = 0;
        for (Block block : live) {
            if (shown++ == MAX_DUMPED_BLOCKS) {
                text.append(System.lineSeparator()).append("    ...");
                break;
            }
            text.append(System.lineSeparator()).append("    ").append(block);
        }
        throw new AssertionError(text.toString());
    }
}
