package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * The timed replay: streams a {@link LoadedTrace} through an allocator as fast as the allocator allows, with nothing
 * but an {@code id -> address} array in between.
 *
 * <h2>Per operation</h2>
 * <ol>
 *   <li>ALLOC: {@code address[id] = allocate(size, align)}; {@code FAILED} is stored as is and counted.</li>
 *   <li>FREE: if {@code address[id] != FAILED}, {@code deallocate(address[id], size, align)}; a free of a block
 *       whose allocation failed is skipped (the id is treated as never allocated).</li>
 *   <li>REALLOC: likewise skipped for a failed id; otherwise {@code address[id] = reallocate(...)}. If the
 *       reallocation fails, the old block is freed and the id is treated as never allocated from then on (so that
 *       later frees of it, which carry the new size, are skipped instead of freeing with a size that does not fit).</li>
 * </ol>
 * No block contents are touched and no statistics are kept: that is {@link MeasuringReplay}'s job, in an untimed pass.
 *
 * @implSpec Allocates nothing on the Java heap per operation (the latency histogram is pre-sized). Static and
 * stateless; each forked JVM sees one allocator class here, so the allocator calls are monomorphic and inlined.
 */
public final class ReplayLoop {

    /** Latencies above this are clamped: 10 s in nanoseconds. */
    static final long MAX_LATENCY_NANOS = 10_000_000_000L;

    private ReplayLoop() {
    }

    /**
     * {@return a fresh id → address map for {@code trace}, every entry {@code FAILED} (not allocated)}
     *
     * @param trace the trace
     */
    public static long[] newAddressMap(LoadedTrace trace) {
        long[] addresses = new long[Math.max(trace.idCount(), 1)];
        Arrays.fill(addresses, Allocator.FAILED);
        return addresses;
    }

    /**
     * Replays the whole trace once.
     *
     * @param allocator the allocator, in a fresh state
     * @param trace     the trace
     * @param addresses an id → address map from {@link #newAddressMap} (or reset with {@link #release})
     * @return the number of failed allocations
     */
    public static long replay(Allocator allocator, LoadedTrace trace, long[] addresses) {
        final int n = trace.opCount();
        long failed = 0;
        for (int i = 0; i < n; i++) {
            failed += step(allocator, trace, addresses, i);
        }
        return failed;
    }

    /**
     * Replays the whole trace once, timing one operation in every {@code sampleEvery} into {@code latencies}.
     *
     * @param allocator   the allocator, in a fresh state
     * @param trace       the trace
     * @param addresses   an id → address map
     * @param sampleEvery time one operation in this many, a power of two
     * @param latencies   where to record each timed operation's nanoseconds (clamped to 10 s)
     * @return the number of failed allocations
     */
    public static long replaySampled(Allocator allocator, LoadedTrace trace, long[] addresses, int sampleEvery,
                                     Histogram latencies) {
        final int n = trace.opCount();
        final int mask = sampleEvery - 1;
        long failed = 0;
        for (int i = 0; i < n; i++) {
            if ((i & mask) == 0) {
                long start = System.nanoTime();
                failed += step(allocator, trace, addresses, i);
                long elapsed = System.nanoTime() - start;
                latencies.recordValue(Math.min(elapsed, MAX_LATENCY_NANOS));
            } else {
                failed += step(allocator, trace, addresses, i);
            }
        }
        return failed;
    }

    /** Replays operation {@code i}; {@return 1 if an allocation failed, else 0} */
    private static long step(Allocator allocator, LoadedTrace trace, long[] addresses, int i) {
        final int id = trace.ids[i];
        switch (trace.kinds[i]) {
            case LoadedTrace.ALLOC -> {
                long address = allocator.allocate(trace.sizes[i], 1L << trace.alignShifts[i]);
                addresses[id] = address;
                return address == Allocator.FAILED ? 1 : 0;
            }
            case LoadedTrace.FREE -> {
                long address = addresses[id];
                if (address != Allocator.FAILED) {
                    allocator.deallocate(address, trace.sizes[i], 1L << trace.alignShifts[i]);
                }
                return 0;
            }
            case LoadedTrace.REALLOC -> {
                long address = addresses[id];
                if (address == Allocator.FAILED) {
                    return 0;
                }
                long align = 1L << trace.alignShifts[i];
                long moved = allocator.reallocate(address, trace.oldSizes[i], align, trace.sizes[i]);
                addresses[id] = moved;
                if (moved == Allocator.FAILED) {
                    allocator.deallocate(address, trace.oldSizes[i], align);
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
     * Returns the allocator to a fresh state after a replay and marks every id unallocated: {@code reset()} when the
     * allocator supports it, otherwise frees each block still live at the end of the trace.
     *
     * @param allocator the allocator
     * @param resettable what {@link #supportsReset} said about it
     * @param trace     the trace just replayed
     * @param addresses the replay's id → address map; every entry is {@code FAILED} afterwards
     */
    public static void release(Allocator allocator, boolean resettable, LoadedTrace trace, long[] addresses) {
        if (resettable) {
            allocator.reset();
        } else {
            for (int k = 0; k < trace.liveAtEndIds.length; k++) {
                long address = addresses[trace.liveAtEndIds[k]];
                if (address != Allocator.FAILED) {
                    allocator.deallocate(address, trace.liveAtEndSizes[k], 1L << trace.liveAtEndShifts[k]);
                }
            }
        }
        Arrays.fill(addresses, Allocator.FAILED);
    }
}
