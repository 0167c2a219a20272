package io.heaplab.trace;

import io.heaplab.trace.internal.LongLongMap;
import org.HdrHistogram.Histogram;

import java.io.IOException;

/**
 * What a trace does, measured in one streaming pass: operation counts, peak live bytes and blocks, the distribution
 * of requested sizes and of block lifetimes.
 *
 * <ul>
 *   <li><b>live bytes</b>: the sum of the requested sizes of the live blocks (payload only, as malloc-lab's
 *       utilization counts it); a realloc changes it by {@code newSize - oldSize};</li>
 *   <li><b>requested sizes</b>: the sizes of all allocs and the new sizes of all reallocs;</li>
 *   <li><b>lifetime</b>: the number of operations from a block's alloc to its free (a realloc keeps the block alive);
 *       blocks never freed are counted in {@link #neverFreedBlocks()} instead.</li>
 * </ul>
 *
 * @implSpec Immutable once computed. Computing it takes memory proportional to the live blocks and the distinct
 * sizes, not to the trace length.
 */
public final class TraceStats {

    private final TraceHeader header;
    private long opCount;
    private long allocCount;
    private long freeCount;
    private long reallocCount;
    private long liveBytes;
    private long peakLiveBytes;
    private long liveBlocks;
    private long peakLiveBlocks;
    private long idCount;
    private long neverFreedBlocks;
    private long distinctSizes;
    private final long[] sizeLog2Counts = new long[42];
    private final Histogram sizes = new Histogram(3);
    private final Histogram lifetimes = new Histogram(3);

    private TraceStats(TraceHeader header) {
        this.header = header;
    }

    /**
     * Reads {@code reader} to its end and measures it; does not close it.
     *
     * @param reader a trace, ideally {@linkplain ValidatingTraceReader validated} (an operation on an id that is not
     *               live is counted but changes no live byte count)
     * @return the statistics
     * @throws TraceFormatException if the trace is malformed
     * @throws IOException          if reading fails
     */
    public static TraceStats of(TraceReader reader) throws IOException {
        TraceStats stats = new TraceStats(reader.header());
        LongLongMap sizeOf = new LongLongMap();
        LongLongMap bornAt = new LongLongMap();
        LongLongMap seenSizes = new LongLongMap();
        TraceEvent event = new TraceEvent();
        long maxId = -1;
        while (reader.next(event)) {
            long index = stats.opCount++;
            maxId = Math.max(maxId, event.id);
            switch (event.kind) {
                case ALLOC -> {
                    stats.allocCount++;
                    stats.request(event.byteSize, seenSizes);
                    sizeOf.put(event.id, event.byteSize);
                    bornAt.put(event.id, index);
                    stats.liveBytes += event.byteSize;
                    stats.liveBlocks++;
                }
                case FREE -> {
                    stats.freeCount++;
                    long size = sizeOf.remove(event.id, -1);
                    long born = bornAt.remove(event.id, -1);
                    if (size >= 0) {
                        stats.liveBytes -= size;
                        stats.liveBlocks--;
                        stats.lifetimes.recordValue(index - born);
                    }
                }
                case REALLOC -> {
                    stats.reallocCount++;
                    stats.request(event.byteSize, seenSizes);
                    long old = sizeOf.get(event.id, -1);
                    if (old >= 0) {
                        sizeOf.put(event.id, event.byteSize);
                        stats.liveBytes += event.byteSize - old;
                    }
                }
            }
            stats.peakLiveBytes = Math.max(stats.peakLiveBytes, stats.liveBytes);
            stats.peakLiveBlocks = Math.max(stats.peakLiveBlocks, stats.liveBlocks);
        }
        stats.idCount = maxId + 1;
        stats.neverFreedBlocks = sizeOf.size();
        stats.distinctSizes = seenSizes.size();
        return stats;
    }

    private void request(long byteSize, LongLongMap seenSizes) {
        sizes.recordValue(byteSize);
        sizeLog2Counts[byteSize == 0 ? 0 : 64 - Long.numberOfLeadingZeros(byteSize)]++;
        if (!seenSizes.containsKey(byteSize)) {
            seenSizes.put(byteSize, 1);
        }
    }

    /** {@return the trace's header} */
    public TraceHeader header() {
        return header;
    }

    /** {@return the number of operations} */
    public long opCount() {
        return opCount;
    }

    /** {@return the number of allocs} */
    public long allocCount() {
        return allocCount;
    }

    /** {@return the number of frees} */
    public long freeCount() {
        return freeCount;
    }

    /** {@return the number of reallocs} */
    public long reallocCount() {
        return reallocCount;
    }

    /** {@return the largest sum of requested bytes of the blocks live at one time} */
    public long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** {@return the largest number of blocks live at one time} */
    public long peakLiveBlocks() {
        return peakLiveBlocks;
    }

    /** {@return the requested bytes still live at the end of the trace} */
    public long finalLiveBytes() {
        return liveBytes;
    }

    /** {@return 1 + the largest id used (0 for an empty trace)} */
    public long idCount() {
        return idCount;
    }

    /** {@return the number of blocks still live at the end of the trace} */
    public long neverFreedBlocks() {
        return neverFreedBlocks;
    }

    /** {@return the number of distinct requested sizes} */
    public long distinctSizes() {
        return distinctSizes;
    }

    /**
     * {@return how many requested sizes fall in the power-of-two class {@code log2Class}}: class 0 holds size 0,
     * class {@code k >= 1} holds sizes in {@code [2^(k-1), 2^k)}.
     *
     * @param log2Class 0 to 41
     */
    public long sizeClassCount(int log2Class) {
        return sizeLog2Counts[log2Class];
    }

    /** {@return the number of power-of-two size classes, i.e. the valid arguments of {@link #sizeClassCount}} */
    public int sizeClassLimit() {
        return sizeLog2Counts.length;
    }

    /**
     * {@return the requested size (bytes) at a percentile, within 0.1%; 0 if there are no requests}
     *
     * @param percentile 0 to 100
     */
    public long sizeAtPercentile(double percentile) {
        return sizes.getTotalCount() == 0 ? 0 : sizes.getValueAtPercentile(percentile);
    }

    /**
     * {@return the lifetime (operations) of freed blocks at a percentile, within 0.1%; 0 if no block was freed}
     *
     * @param percentile 0 to 100
     */
    public long lifetimeAtPercentile(double percentile) {
        return lifetimes.getTotalCount() == 0 ? 0 : lifetimes.getValueAtPercentile(percentile);
    }

    /** {@return the mean lifetime (operations) of freed blocks; 0 if none was freed} */
    public double meanLifetime() {
        return lifetimes.getTotalCount() == 0 ? 0 : lifetimes.getMean();
    }

    /** {@return the one-line summary {@code "N ops, peak live X bytes (B blocks), S distinct sizes"}} */
    public String summaryLine() {
        return opCount + " ops, peak live " + peakLiveBytes + " bytes (" + peakLiveBlocks + " blocks), "
            + distinctSizes + " distinct sizes";
    }
}
