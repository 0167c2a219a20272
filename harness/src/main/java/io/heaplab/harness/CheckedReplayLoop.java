package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.checked.TaggedAddress;
import org.HdrHistogram.Histogram;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The timed replay of a {@link io.heaplab.alloc.checked.CheckedAllocator}: {@link ReplayLoop}'s rules, plus
 * {@link LoadedTrace#STALE_FREE} (a double free kept in a trace loaded with its misuses), which frees the slot's
 * last freed address again so that the checked allocator detects it, counts it and ignores it, and
 * {@link LoadedTrace#FREE_AT} and {@link LoadedTrace#WRITE} as {@link MeasuringReplay} replays them.
 *
 * <p>A separate loop so that {@link ReplayLoop}, which times unchecked allocators, stays exactly as it is. Each
 * replay needs a second slot → address map, {@code freed}, holding the address each slot's block had when freed.
 *
 * @implSpec Static and stateless; allocates nothing on the Java heap per operation.
 */
public final class CheckedReplayLoop {

    private CheckedReplayLoop() {
    }

    /**
     * Replays the whole trace once, timing one operation in every {@code sampleEvery} into {@code latencies} when
     * {@code sampleEvery > 0}.
     *
     * @param allocator   the checked allocator, in a fresh state
     * @param trace       the trace
     * @param addresses   a slot → address map from {@link ReplayLoop#newAddressMap}
     * @param freed       another such map; the address of each slot's last freed block
     * @param sampleEvery 0, or time one operation in this many (a power of two)
     * @param latencies   where to record timed operations' nanoseconds, or null when {@code sampleEvery == 0}
     * @param applyWrites whether {@link LoadedTrace#WRITE}s are performed (level FULL only: its redzones and
     *                    quarantine hold them)
     * @return the number of failed allocations
     * @throws java.io.UncheckedIOException if a streamed trace cannot be read
     */
    public static long replay(Allocator allocator, LoadedTrace trace, long[] addresses, long[] freed,
                              int sampleEvery, Histogram latencies, boolean applyWrites) {
        final MemorySegment memory = applyWrites ? allocator.memory() : null;
        final long mask = sampleEvery - 1L;
        long failed = 0;
        final int chunks = trace.chunkCount();
        for (int k = 0; k < chunks; k++) {
            OpChunk c = trace.chunk(k);
            for (int j = 0; j < c.count; j++) {
                if (sampleEvery > 0 && ((c.first + j) & mask) == 0) {
                    long start = System.nanoTime();
                    failed += step(allocator, c, j, addresses, freed, memory);
                    latencies.recordValue(Math.min(System.nanoTime() - start, ReplayLoop.MAX_LATENCY_NANOS));
                } else {
                    failed += step(allocator, c, j, addresses, freed, memory);
                }
            }
        }
        return failed;
    }

    private static long step(Allocator allocator, OpChunk c, int j, long[] addresses, long[] freed,
                             MemorySegment memory) {
        int slot = c.slots[j];
        long size = c.byteSizes[j];
        long align = 1L << c.alignShifts[j];
        switch (c.kinds[j]) {
            case LoadedTrace.ALLOC -> {
                long address = allocator.allocate(size, align);
                addresses[slot] = address;
                return address == Allocator.FAILED ? 1 : 0;
            }
            case LoadedTrace.FREE -> {
                long address = addresses[slot];
                if (address != Allocator.FAILED) {
                    allocator.deallocate(address, size, align);
                    freed[slot] = address;
                }
                return 0;
            }
            case LoadedTrace.STALE_FREE -> {
                long address = freed[slot];
                if (address != Allocator.FAILED) {
                    allocator.deallocate(address, size, align);
                }
                return 0;
            }
            case LoadedTrace.REALLOC -> {
                long address = addresses[slot];
                if (address == Allocator.FAILED) {
                    return 0;
                }
                long moved = allocator.reallocate(address, c.oldByteSizes[j], align, size);
                addresses[slot] = moved;
                if (moved == Allocator.FAILED) {
                    allocator.deallocate(address, c.oldByteSizes[j], align);
                    return 1;
                }
                return 0;
            }
            case LoadedTrace.FREE_AT -> {
                long address = addresses[slot];
                boolean isLive = address != Allocator.FAILED;
                long base = isLive ? address : freed[slot];
                if (base != Allocator.FAILED) {
                    long offset = c.oldByteSizes[j];
                    allocator.deallocate(base + offset, size, align);
                    if (offset == 0 && isLive) {
                        addresses[slot] = Allocator.FAILED;
                        freed[slot] = base;
                    }
                }
                return 0;
            }
            case LoadedTrace.WRITE -> {
                long base = addresses[slot] != Allocator.FAILED ? addresses[slot] : freed[slot];
                if (memory != null && base != Allocator.FAILED) {
                    long at = TaggedAddress.untag(base) + c.oldByteSizes[j];
                    if (at >= 0 && size > 0 && at <= memory.byteSize() - size) {
                        for (long k = 0; k < size; k++) {
                            memory.set(ValueLayout.JAVA_BYTE, at + k, (byte) ~memory.get(ValueLayout.JAVA_BYTE, at + k));
                        }
                    }
                }
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }
}
