package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * The timed replay: streams a {@link LoadedTrace} through an allocator as fast as the allocator allows, with nothing
 * but a {@code slot -> address} array in between.
 *
 * <h2>Per operation</h2>
 * <ol>
 *   <li>ALLOC: {@code address[slot] = allocate(size, align)}; {@code FAILED} is stored as is and counted.</li>
 *   <li>FREE: if {@code address[slot] != FAILED}, {@code deallocate(address[slot], size, align)}; a free of a block
 *       whose allocation failed is skipped (the block is treated as never allocated).</li>
 *   <li>REALLOC: likewise skipped for a failed block; otherwise {@code address[slot] = reallocate(...)}. If the
 *       reallocation fails, the old block is freed and the block is treated as never allocated from then on (so
 *       that later frees of it, which carry the new size, are skipped instead of freeing with a size that does not
 *       fit).</li>
 * </ol>
 * The trace is replayed chunk by chunk ({@link LoadedTrace#chunk}); the inner loop runs over one chunk's arrays.
 * No block contents are touched and no statistics are kept: that is {@link MeasuringReplay}'s job, in an untimed
 * pass.
 *
 * @implSpec Allocates nothing on the Java heap per operation or per chunk (a streamed trace refills one reused
 * chunk; the latency histogram is pre-sized). Static and stateless; each forked JVM sees one allocator class here,
 * so the allocator calls are monomorphic and inlined.
 */
public final class ReplayLoop {

    /** Latencies above this are clamped: 10 s in nanoseconds. */
    static final long MAX_LATENCY_NANOS = 10_000_000_000L;

    private ReplayLoop() {
    }

    /**
     * {@return a fresh slot → address map for {@code trace}, every entry {@code FAILED} (not allocated)}
     *
     * @param trace the trace
     */
    public static long[] newAddressMap(LoadedTrace trace) {
        long[] addresses = new long[Math.max(trace.slotCount(), 1)];
        Arrays.fill(addresses, Allocator.FAILED);
        return addresses;
    }

    /**
     * Replays the whole trace once.
     *
     * @param allocator the allocator, in a fresh state
     * @param trace     the trace
     * @param addresses a slot → address map from {@link #newAddressMap} (or reset with {@link #release})
     * @return the number of failed allocations
     * @throws java.io.UncheckedIOException if a streamed trace cannot be read
     */
    public static long replay(Allocator allocator, LoadedTrace trace, long[] addresses) {
        return replay(allocator, trace, addresses, trace.opCount());
    }

    /**
     * Replays the first {@code opLimit} operations of the trace.
     *
     * @param allocator the allocator, in a fresh state
     * @param trace     the trace
     * @param addresses a slot → address map
     * @param opLimit   how many operations, at most {@code trace.opCount()}
     * @return the number of failed allocations
     * @throws java.io.UncheckedIOException if a streamed trace cannot be read
     */
    static long replay(Allocator allocator, LoadedTrace trace, long[] addresses, long opLimit) {
        long failed = 0;
        final int chunks = trace.chunkCount();
        for (int k = 0; k < chunks; k++) {
            OpChunk c = trace.chunk(k);
            if (c.first >= opLimit) {
                break;
            }
            int end = (int) Math.min(c.count, opLimit - c.first);
            failed += replayChunk(allocator, c, addresses, end);
        }
        return failed;
    }

    private static long replayChunk(Allocator allocator, OpChunk c, long[] addresses, int end) {
        final byte[] kinds = c.kinds;
        final int[] slots = c.slots;
        final long[] sizes = c.byteSizes;
        final long[] oldSizes = c.oldByteSizes;
        final byte[] shifts = c.alignShifts;
        long failed = 0;
        for (int j = 0; j < end; j++) {
            failed += step(allocator, kinds[j], slots[j], sizes[j], oldSizes[j], shifts[j], addresses);
        }
        return failed;
    }

    /**
     * Replays the whole trace once, timing one operation in every {@code sampleEvery} into {@code latencies}.
     *
     * @param allocator   the allocator, in a fresh state
     * @param trace       the trace
     * @param addresses   a slot → address map
     * @param sampleEvery time one operation in this many, a power of two
     * @param latencies   where to record each timed operation's nanoseconds (clamped to 10 s)
     * @return the number of failed allocations
     * @throws java.io.UncheckedIOException if a streamed trace cannot be read
     */
    public static long replaySampled(Allocator allocator, LoadedTrace trace, long[] addresses, int sampleEvery,
                                     Histogram latencies) {
        final long mask = sampleEvery - 1;
        long failed = 0;
        final int chunks = trace.chunkCount();
        for (int k = 0; k < chunks; k++) {
            OpChunk c = trace.chunk(k);
            final byte[] kinds = c.kinds;
            final int[] slots = c.slots;
            final long[] sizes = c.byteSizes;
            final long[] oldSizes = c.oldByteSizes;
            final byte[] shifts = c.alignShifts;
            final long first = c.first;
            final int n = c.count;
            for (int j = 0; j < n; j++) {
                if (((first + j) & mask) == 0) {
                    long start = System.nanoTime();
                    failed += step(allocator, kinds[j], slots[j], sizes[j], oldSizes[j], shifts[j], addresses);
                    long elapsed = System.nanoTime() - start;
                    latencies.recordValue(Math.min(elapsed, MAX_LATENCY_NANOS));
                } else {
                    failed += step(allocator, kinds[j], slots[j], sizes[j], oldSizes[j], shifts[j], addresses);
                }
            }
        }
        return failed;
    }

    /** Replays one operation; {@return 1 if an allocation failed, else 0} */
    private static long step(Allocator allocator, byte kind, int slot, long size, long oldSize, byte shift,
                             long[] addresses) {
        switch (kind) {
            case LoadedTrace.ALLOC -> {
                long address = allocator.allocate(size, 1L << shift);
                addresses[slot] = address;
                return address == Allocator.FAILED ? 1 : 0;
            }
            case LoadedTrace.FREE -> {
                long address = addresses[slot];
                if (address != Allocator.FAILED) {
                    allocator.deallocate(address, size, 1L << shift);
                }
                return 0;
            }
            case LoadedTrace.REALLOC -> {
                long address = addresses[slot];
                if (address == Allocator.FAILED) {
                    return 0;
                }
                long align = 1L << shift;
                long moved = allocator.reallocate(address, oldSize, align, size);
                addresses[slot] = moved;
                if (moved == Allocator.FAILED) {
                    allocator.deallocate(address, oldSize, align);
                    return 1;
                }
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * {@return whether {@code allocator} supports {@link Allocator#reset()}} Call it on a fresh allocator (it resets
     * it), once, and pass the answer to {@link #release}, so that releasing never throws and catches an exception
     * (which would allocate) per replay.
     *
     * @param allocator a fresh allocator
     */
    public static boolean supportsReset(Allocator allocator) {
        try {
            allocator.reset();
            return true;
        } catch (UnsupportedOperationException notSupported) {
            return false;
        }
    }

    /**
     * Returns the allocator to a fresh state after a replay and marks every block unallocated: {@code reset()} when
     * the allocator supports it, otherwise frees each block still live at the end of the trace.
     *
     * @param allocator the allocator
     * @param resettable what {@link #supportsReset} said about it
     * @param trace     the trace just replayed
     * @param addresses the replay's slot → address map; every entry is {@code FAILED} afterwards
     */
    public static void release(Allocator allocator, boolean resettable, LoadedTrace trace, long[] addresses) {
        if (resettable) {
            allocator.reset();
        } else {
            for (int k = 0; k < trace.liveAtEndSlots.length; k++) {
                long address = addresses[trace.liveAtEndSlots[k]];
                if (address != Allocator.FAILED) {
                    allocator.deallocate(address, trace.liveAtEndSizes[k], 1L << trace.liveAtEndShifts[k]);
                }
            }
        }
        Arrays.fill(addresses, Allocator.FAILED);
    }
}
