package io.heaplab.alloc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A shadow model of an {@link Allocator}: drives it one call at a time, remembers every live block and what the
 * statistics must say, and checks the contract of {@link Allocator} after every call.
 *
 * <h2>Checked by {@link #verify()}, which {@link #apply} runs after every step</h2>
 * ({@link #allocate}, {@link #deallocate} and {@link #reallocate} called directly check only the block they
 * touch against its neighbours, in O(log n), so that filling a heap with a million blocks stays linear.)
 * <ol>
 *   <li>Every live block lies inside the heap: {@code 0 <= address} and {@code address + usableSize <= heapBytes}
 *       (and inside {@code memory()}).</li>
 *   <li>Every address is a multiple of the block's alignment; a zero-size block's address is its alignment.</li>
 *   <li>{@code usableSize >= requested size}; {@code usableSize} of a block does not change while it is live
 *       unless it is reallocated, and is the same when asked with the usable size (any fitting size).</li>
 *   <li>No two live blocks overlap, counting each block's full usable size.</li>
 *   <li>The byte pattern written into each block's usable bytes is intact (blocks larger than
 *       2 × {@value #PATTERN_EDGE_BYTES} bytes carry it in their first and last {@value #PATTERN_EDGE_BYTES}
 *       bytes only, so that gigabyte blocks stay cheap).</li>
 *   <li>The statistics equal the model's: allocations, deallocations, reallocations in place (address unchanged)
 *       and moved, failed allocations, live blocks, live requested bytes, live granted bytes (the sum of the live
 *       blocks' usable sizes) and the peaks of the last three; the footprint holds the live blocks as a prefix and a
 *       suffix of the heap (a heap may grow from both ends), never
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
    /** Above this many live blocks, {@link #freeAll} checks only the statistics after each free. */
    static final int FULL_VERIFY_LIMIT = 512;

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
    /** Live blocks in creation order, zero-size blocks included: what picks index. */
    private final List<Block> live = new ArrayList<>();
    /** Live blocks of non-zero size by address: finds a new block's neighbours in O(log n). */
    private final TreeMap<Long, Block> byAddress = new TreeMap<>();
    /**
     * The free stretches before the first live block and between live blocks, as a multiset (length → count): the
     * smallest prefix-plus-suffix of the heap holding every live block leaves out exactly the largest of them.
     */
    private final TreeMap<Long, Integer> gaps = new TreeMap<>();
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

    /**
     * {@return the layout a live block was last requested with}
     *
     * @param index position in the live list, oldest first
     */
    Layout layoutOf(int index) {
        Block block = live.get(index);
        return Layout.fromSizeAlign(block.requestedBytes, block.byteAlignment);
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
     * @return the trace entry: the address returned (allocate, reallocate) or freed (deallocate),
     *         {@link Allocator#FAILED}, or {@link #SKIPPED}
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
     * Frees every live block, verifying everything after each while at most {@value #FULL_VERIFY_LIMIT} blocks are
     * live (the statistics only, for more: a full check costs O(live blocks)), and everything at the end.
     *
     * @param lifo newest first if true, else in an order shuffled with {@code seed}
     * @param seed the shuffle seed
     */
    void freeAll(boolean lifo, long seed) {
        if (!lifo) {
            // Creation order no longer matters once everything goes: shuffle the list and free from its end.
            Collections.shuffle(live, new SplittableRandom(seed));
        }
        while (!live.isEmpty()) {
            int last = live.size() - 1;
            step = "free-all " + live.get(last);
            deallocate(last);
            if (live.size() <= FULL_VERIFY_LIMIT) {
                verify();
            } else {
                verifyStats();
            }
        }
        verify();
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
            check(address == byteAlignment,
                () -> "a zero-size request must return the dangling address " + byteAlignment + ", got " + address);
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
        place(block);
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
            unindex(block.address);
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
            check(result == block.byteAlignment, () -> "reallocate to size 0 must free and return the dangling"
                + " address " + block.byteAlignment + ", got " + result);
            if (oldRequested > 0) {
                unindex(oldAddress);
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
        if (oldRequested > 0) {
            unindex(oldAddress);
        }
        block.address = result;
        block.requestedBytes = newByteSize;
        block.usableBytes = allocator.usableSize(result, newByteSize, block.byteAlignment);
        if (oldRequested == 0) {
            allocations++;
            addLive(1, newByteSize, block.usableBytes);
            place(block);
        } else {
            if (result == oldAddress) {
                reallocationsInPlace++;
            } else {
                reallocationsMoved++;
            }
            addLive(0, newByteSize - oldRequested, block.usableBytes - oldUsable);
            place(block);
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

    /** Invariants 1–4 for every live block: bounds, alignment, usable size, no overlap. */
    private void verifyPlacement() {
        for (Block block : live) {
            if (block.requestedBytes == 0) {
                check(block.address == block.byteAlignment,
                    () -> block + ": a zero-size block's address must be its alignment");
                long usable = allocator.usableSize(block.address, 0, block.byteAlignment);
                check(usable == 0, () -> block + ": usableSize of a zero-size block must be 0, got " + usable);
            } else {
                checkBounds(block);
                long usable = allocator.usableSize(block.address, block.requestedBytes, block.byteAlignment);
                check(usable == block.usableBytes, () -> block + ": usableSize changed from " + block.usableBytes
                    + " to " + usable + " while the block was live");
            }
        }
        Block previous = null;
        for (Block block : byAddress.values()) {
            Block before = previous;
            check(before == null || before.end() <= block.address, () -> before + " and " + block + " overlap");
            previous = block;
        }
    }

    /** Invariants 1–4 for one new or moved block, against its neighbours only; then indexes it by address. */
    private void place(Block block) {
        checkBounds(block);
        // A layout with the usable size also fits the block, and must describe the same block.
        long again = allocator.usableSize(block.address, block.usableBytes, block.byteAlignment);
        check(again == block.usableBytes, () -> block + ": usableSize with the usable size " + block.usableBytes
            + " as the layout's size must be the same, got " + again);
        Map.Entry<Long, Block> below = byAddress.floorEntry(block.address);
        check(below == null || below.getValue().end() <= block.address,
            () -> below.getValue() + " and " + block + " overlap");
        Map.Entry<Long, Block> above = byAddress.higherEntry(block.address);
        check(above == null || block.end() <= above.getKey(), () -> block + " and " + above.getValue() + " overlap");
        long start = below == null ? 0 : below.getValue().end();
        if (above != null) {
            removeGap(above.getKey() - start);
            addGap(above.getKey() - block.end());
        }
        addGap(block.address - start);
        byAddress.put(block.address, block);
    }

    /** Removes the block at {@code address} from the address index. */
    private void unindex(long address) {
        Block block = byAddress.remove(address);
        Map.Entry<Long, Block> below = byAddress.lowerEntry(address);
        Map.Entry<Long, Block> above = byAddress.higherEntry(address);
        long start = below == null ? 0 : below.getValue().end();
        removeGap(address - start);
        if (above != null) {
            removeGap(above.getKey() - block.end());
            addGap(above.getKey() - start);
        }
    }

    private void addGap(long bytes) {
        gaps.merge(bytes, 1, Integer::sum);
    }

    private void removeGap(long bytes) {
        gaps.compute(bytes, (length, count) -> count == 1 ? null : count - 1);
    }

    /**
     * {@return the fewest heap bytes that hold every live block as a prefix and a suffix of the heap}: the heap
     * up to the last block's end, or the whole heap minus the largest free stretch before or between blocks.
     */
    private long liveCoverBytes() {
        if (byAddress.isEmpty()) {
            return 0;
        }
        return Math.min(byAddress.lastEntry().getValue().end(), heapBytes - gaps.lastKey());
    }

    private void checkBounds(Block block) {
        check(block.address >= 0 && block.address % block.byteAlignment == 0,
            () -> block + ": address must be a non-negative multiple of the alignment");
        check(block.usableBytes >= block.requestedBytes,
            () -> block + ": usableSize " + block.usableBytes + " must be at least the requested size");
        check(block.end() <= heapBytes && block.end() <= memory.byteSize() && block.end() > block.address,
            () -> block + ": must lie inside the heap of " + heapBytes + " bytes");
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
        check(wrong.isEmpty(), () -> "statistics differ from the model:" + wrong + System.lineSeparator() + "  " + s);

        long footprint = s.footprintBytes();
        long previousFootprint = lastFootprintBytes;
        check(footprint >= previousFootprint,
            () -> "footprint decreased from " + previousFootprint + " to " + footprint);
        check(footprint <= heapBytes, () -> "footprint " + footprint + " exceeds the heap of " + heapBytes + " bytes");
        long coverBytes = liveCoverBytes();
        check(coverBytes <= footprint, () -> "the live blocks need a " + coverBytes + "-byte prefix and suffix of"
            + " the heap, more than the footprint " + footprint);
        lastFootprintBytes = footprint;
        long free = s.freeBytes();
        check(free == -1 || (free >= 0 && free <= footprint - liveGrantedBytes), () -> "freeBytes " + free
            + " must be -1 or within [0, footprint " + footprint + " - live granted " + liveGrantedBytes + "]");
        long largest = s.largestFreeBlockBytes();
        check(largest == -1 || (largest >= 0 && largest <= footprint && (free == -1 || largest <= free)),
            () -> "largestFreeBlockBytes " + largest + " must be -1 or within [0, min(freeBytes " + free
                + ", footprint " + footprint + ")]");
        check(s.metadataBytes() >= 0, () -> "metadataBytes must not be negative: " + s.metadataBytes());
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
            long mismatch = MemorySegment.mismatch(memory, from, from + count,
                PATTERN, patternFrom, patternFrom + count);
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

    /** Builds the message only on failure: the checks run millions of times. */
    private void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            fail(message.get());
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
