package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.alloc.checked.CheckedAllocator;
import io.heaplab.alloc.checked.TaggedAddress;
import io.heaplab.report.MemoryMetrics;
import io.heaplab.report.OperationCounts;
import io.heaplab.report.TimelinePoint;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The untimed replay that measures memory efficiency and, optionally, verifies block contents. The same
 * definitions apply to every allocator: heaplab counts requested bytes itself and asks each allocator only for
 * {@link Allocator#usableSize usable sizes} and its {@link Allocator#stats() footprint and free-space} figures.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Replay every operation with {@link ReplayLoop}'s rules (failed allocations are recorded, their ids treated
 *       as never allocated). After each successful allocation or reallocation add the requested size to
 *       {@code live} and {@code usableSize(...)} to {@code granted}; subtract them on free.</li>
 *   <li>Verification (optional): on allocation write {@link BlockPattern}'s pattern over the requested bytes and
 *       check the address is aligned; on free and realloc check the pattern is intact (a realloc must preserve
 *       {@code min(old, new)} bytes), counting each corrupted block once in {@code verifyErrors}.</li>
 *   <li>Peak: the first operation after which {@code live} reaches its maximum; {@code granted - live} there is
 *       the internal fragmentation.</li>
 *   <li>Timeline: every {@code K = ceil(ops / timelinePoints)} operations (and after the last) record {@code live},
 *       the footprint and {@code 1 - largestFree / free} from {@code stats()}.</li>
 *   <li>External fragmentation at the peak needs {@code stats()} at that exact moment. The trace knows where its
 *       peak is ({@link LoadedTrace#peakLiveOpCount()}) when every allocation succeeds, and {@code stats()} is read
 *       there; if an allocation failed before it, the peak moves, so the allocator is reset and the trace replayed
 *       a second time up to the real peak.</li>
 *   <li>A {@link LoadedTrace#STALE_FREE} (a double free, only in a trace loaded with its misuses, replayed on a
 *       {@link CheckedAllocator}) frees the slot's last freed address again; it changes no measure. On a checked
 *       allocator each operation is numbered by its trace position, and block contents are read at untagged
 *       addresses. {@link LoadedTrace#FREE_AT} frees the block's address plus an offset with the layout given (an
 *       offset of 0 on a live block frees it); {@link LoadedTrace#WRITE} complements bytes at the block's address
 *       plus an offset, only at level FULL. At the end a checked allocator {@code verify()}s its heap.</li>
 * </ol>
 *
 * @implSpec Not thread-safe. Catches exceptions thrown by the allocator and reports them as a {@code problem}
 * rather than failing, so that one broken allocator does not stop a comparison.
 */
public final class MeasuringReplay {

    private final Allocator allocator;
    private final LoadedTrace trace;
    private final boolean verify;
    private final int timelinePoints;
    private final MemorySegment memory;
    /** The checked allocator being measured, or null. */
    private final CheckedAllocator checked;
    /** Clears a checked allocator's generation tag from an address (all ones when unchecked). */
    private final long addressMask;
    /** Whether injected raw writes are performed: only into a FULL checked heap, whose redzones and quarantine hold
     * them (elsewhere they would corrupt the allocator's own free-block links, as {@code heaplab detect} notes). */
    private final boolean applyWrites;
    private boolean resettable;

    /**
     * @param allocator      the allocator, fresh; it is reset (or freed block by block) at the end
     * @param trace          the trace
     * @param verify         whether to write and check block contents
     * @param timelinePoints how many timeline samples to take, at least 1
     * @throws IllegalArgumentException if {@code timelinePoints < 1}
     */
    public MeasuringReplay(Allocator allocator, LoadedTrace trace, boolean verify, int timelinePoints) {
        if (timelinePoints < 1) {
            throw new IllegalArgumentException("timelinePoints must be at least 1: " + timelinePoints);
        }
        this.allocator = allocator;
        this.trace = trace;
        this.verify = verify;
        this.timelinePoints = timelinePoints;
        this.memory = allocator.memory();
        this.checked = allocator instanceof CheckedAllocator c ? c : null;
        this.addressMask = checked == null ? -1L : TaggedAddress.ADDRESS_MASK;
        this.applyWrites = checked != null && checked.config().level() == CheckLevel.FULL;
    }

    /** {@return the measures of one replay of the whole trace} */
    public ReplayOutcome run() {
        resettable = ReplayLoop.supportsReset(allocator); // the allocator is fresh: resetting it changes nothing
        long n = trace.opCount();
        int slots = Math.max(trace.slotCount(), 1);
        long[] address = new long[slots];
        Arrays.fill(address, Allocator.FAILED);
        long[] granted = new long[slots];
        long[] requested = new long[slots];
        long[] freed = new long[slots];
        Arrays.fill(freed, Allocator.FAILED);
        long[] seed = new long[slots];
        long every = Math.max(1, (n + timelinePoints - 1) / timelinePoints);
        List<TimelinePoint> timeline = new ArrayList<>();
        long allocs = 0, frees = 0, inPlace = 0, moved = 0, failed = 0, skipped = 0, corrupted = 0;
        long live = 0, liveGranted = 0, peakLive = 0, peakGranted = 0;
        long peakIndex = 0;
        // If no allocation fails before the trace's own peak, stats() is read right there; else a second pass.
        final long tracePeak = trace.peakLiveOpCount();
        double externalAtTracePeak = Double.NaN;
        boolean failedBeforeTracePeak = false;
        String problem = "";
        long i = 0;
        try {
            for (int k = 0; k < trace.chunkCount(); k++) {
                OpChunk chunk = trace.chunk(k);
                for (int j = 0; j < chunk.count; j++, i++) {
                    int id = chunk.slots[j];
                    long align = 1L << chunk.alignShifts[j];
                    long size = chunk.byteSizes[j];
                    if (checked != null) {
                        checked.setOpIndex(i);
                    }
                    switch (chunk.kinds[j]) {
                        case LoadedTrace.ALLOC -> {
                            long p = allocator.allocate(size, align);
                            address[id] = p;
                            if (p == Allocator.FAILED) {
                                failed++;
                                break;
                            }
                            allocs++;
                            requested[id] = size;
                            granted[id] = allocator.usableSize(p, size, align);
                            live += size;
                            liveGranted += granted[id];
                            if (verify) {
                                seed[id] = BlockPattern.seed(id, i);
                                if ((p & (align - 1)) != 0 && size > 0) {
                                    corrupted++;
                                    problem = first(problem, i, "allocate(" + size + ", " + align + ") returned "
                                        + p + ", not a multiple of the alignment");
                                }
                                BlockPattern.fill(memory, p & addressMask, size, seed[id]);
                            }
                        }
                        case LoadedTrace.FREE -> {
                            long p = address[id];
                            if (p == Allocator.FAILED) {
                                skipped++;
                                break;
                            }
                            if (verify) {
                                long bad = BlockPattern.firstMismatch(memory, p & addressMask, size, size, seed[id]);
                                if (bad >= 0) {
                                    corrupted++;
                                    problem = first(problem, i, "block " + id + " (" + size + " bytes at " + p
                                        + ") changed at byte " + bad + " before it was freed");
                                }
                            }
                            allocator.deallocate(p, size, align);
                            address[id] = Allocator.FAILED;
                            freed[id] = p;
                            frees++;
                            live -= size;
                            liveGranted -= granted[id];
                        }
                        case LoadedTrace.REALLOC -> {
                            long p = address[id];
                            if (p == Allocator.FAILED) {
                                skipped++;
                                break;
                            }
                            long oldSize = chunk.oldByteSizes[j];
                            if (verify) {
                                long bad = BlockPattern.firstMismatch(memory, p & addressMask, oldSize, oldSize, seed[id]);
                                if (bad >= 0) {
                                    corrupted++;
                                    problem = first(problem, i, "block " + id + " (" + oldSize + " bytes at " + p
                                        + ") changed at byte " + bad + " before it was reallocated");
                                }
                            }
                            long q = allocator.reallocate(p, oldSize, align, size);
                            live -= oldSize;
                            liveGranted -= granted[id];
                            if (q == Allocator.FAILED) {
                                failed++;
                                allocator.deallocate(p, oldSize, align);
                                address[id] = Allocator.FAILED;
                                break;
                            }
                            if (q == p) {
                                inPlace++;
                            } else {
                                moved++;
                            }
                            address[id] = q;
                            requested[id] = size;
                            granted[id] = allocator.usableSize(q, size, align);
                            live += size;
                            liveGranted += granted[id];
                            if (verify) {
                                long kept = Math.min(oldSize, size);
                                long bad = BlockPattern.firstMismatch(memory, q & addressMask, oldSize, kept, seed[id]);
                                if (bad >= 0) {
                                    corrupted++;
                                    problem = first(problem, i, "realloc of block " + id + " from " + oldSize + " to "
                                        + size + " bytes did not preserve byte " + bad);
                                }
                                BlockPattern.fill(memory, q & addressMask, size, seed[id]);
                            }
                        }
                        case LoadedTrace.STALE_FREE -> {
                            if (freed[id] == Allocator.FAILED) {
                                skipped++;
                            } else {
                                allocator.deallocate(freed[id], size, align); // a checked allocator reports it
                            }
                        }
                        case LoadedTrace.FREE_AT -> {
                            boolean isLive = address[id] != Allocator.FAILED;
                            long base = isLive ? address[id] : freed[id];
                            if (base == Allocator.FAILED) {
                                skipped++;
                                break;
                            }
                            long offset = chunk.oldByteSizes[j];
                            allocator.deallocate(base + offset, size, align); // a checked allocator reports it
                            if (offset == 0 && isLive) { // the block counts as freed (with a wrong layout)
                                address[id] = Allocator.FAILED;
                                freed[id] = base;
                                frees++;
                                live -= requested[id];
                                liveGranted -= granted[id];
                            }
                        }
                        case LoadedTrace.WRITE -> {
                            long base = address[id] != Allocator.FAILED ? address[id] : freed[id];
                            if (base == Allocator.FAILED) {
                                skipped++;
                            } else if (applyWrites) {
                                complement((base & addressMask) + chunk.oldByteSizes[j], size);
                            }
                        }
                        default -> {
                            // a trace error, counted at load time
                        }
                    }
                    if (live > peakLive) {
                        peakLive = live;
                        peakGranted = liveGranted;
                        peakIndex = i + 1;
                    }
                    if (i + 1 <= tracePeak && failed > 0) {
                        failedBeforeTracePeak = true;
                    }
                    if (i + 1 == tracePeak && !failedBeforeTracePeak) {
                        externalAtTracePeak = externalFragmentation(allocator.stats());
                    }
                    if ((i + 1) % every == 0 || i + 1 == n) {
                        timeline.add(sample(i + 1, live));
                    }
                }
            }
        } catch (RuntimeException e) {
            problem = first(problem, i, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (checked != null) {
            checked.verify(); // level full: canaries and quarantine, before the release empties them
        }
        AllocatorStats end = safeStats();
        long footprint = end == null || end.heapBytes() < 0 || end.footprintBytes() < 0 ? -1 : end.footprintBytes();
        // Release what is still live before the second pass (and for the caller).
        releaseQuietly(address);
        double externalAtPeak;
        if (!problem.isEmpty() || end == null || end.freeBytes() < 0) {
            externalAtPeak = Double.NaN;
        } else if (!failedBeforeTracePeak && peakIndex == tracePeak) {
            externalAtPeak = externalAtTracePeak;
        } else {
            externalAtPeak = externalFragmentationAt(peakIndex);
        }
        double utilization = footprint > 0 ? (double) peakLive / footprint : Double.NaN;
        double fragmentation = footprint >= 0 && peakLive > 0 ? (double) footprint / peakLive - 1 : Double.NaN;
        double meanExternal = timeline.stream().mapToDouble(TimelinePoint::externalFragmentation)
            .filter(Double::isFinite).average().orElse(Double.NaN);
        OperationCounts counts = new OperationCounts(n, allocs, frees, inPlace, moved, failed, skipped,
            trace.traceErrors(), corrupted);
        MemoryMetrics metrics = new MemoryMetrics(peakLive, footprint, utilization, fragmentation,
            peakGranted - peakLive, externalAtPeak, meanExternal);
        return new ReplayOutcome(counts, metrics, timeline, problem);
    }

    /** Complements {@code length} bytes at {@code at}, if they lie in the heap (an injected raw write). */
    private void complement(long at, long length) {
        if (at < 0 || length <= 0 || at > memory.byteSize() - length) {
            return;
        }
        for (long k = 0; k < length; k++) {
            memory.set(ValueLayout.JAVA_BYTE, at + k, (byte) ~memory.get(ValueLayout.JAVA_BYTE, at + k));
        }
    }

    private TimelinePoint sample(long opIndex, long live) {
        AllocatorStats s = allocator.stats();
        long footprint = s.heapBytes() < 0 ? -1 : s.footprintBytes();
        return new TimelinePoint(opIndex, live, footprint, externalFragmentation(s));
    }

    /** {@return 1 - largest free block / free bytes, 0 when nothing is free, NaN when not observable} */
    static double externalFragmentation(AllocatorStats s) {
        if (s.freeBytes() < 0 || s.largestFreeBlockBytes() < 0) {
            return Double.NaN;
        }
        if (s.freeBytes() == 0) {
            return 0;
        }
        return 1 - (double) Math.min(s.largestFreeBlockBytes(), s.freeBytes()) / s.freeBytes();
    }

    /** Replays the first {@code opsDone} operations on the reset allocator and reads external fragmentation. */
    private double externalFragmentationAt(long opsDone) {
        if (!resettable) {
            return Double.NaN;
        }
        allocator.reset();
        long[] address = ReplayLoop.newAddressMap(trace);
        ReplayLoop.replay(allocator, trace, address, opsDone);
        double value = externalFragmentation(allocator.stats());
        allocator.reset();
        return value;
    }

    private AllocatorStats safeStats() {
        try {
            return allocator.stats();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void releaseQuietly(long[] address) {
        try {
            ReplayLoop.release(allocator, resettable, trace, address);
        } catch (RuntimeException e) {
            // the allocator is broken; the problem was already recorded
        }
    }

    private static String first(String problem, long opIndex, String what) {
        return problem.isEmpty() ? "op " + opIndex + ": " + what : problem;
    }
}
