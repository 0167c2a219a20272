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
 * Counts, minima, maxima and means are exact. Percentiles come from an HdrHistogram of 3 significant digits: within
 * 0.1% of the true value (exact up to 2048), clamped to the exact minimum and maximum.
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
    /** Percentiles only: HdrHistogram with 3 significant digits keeps values within 0.1%, not exactly. */
    private final Histogram sizes = new Histogram(3);
    private final Histogram lifetimes = new Histogram(3);
    /** Exact extremes and sums, so that min, max and mean are never rounded to a histogram bucket. */
    private final Exact exactSizes = new Exact();
    private final Exact exactLifetimes = new Exact();

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
                        stats.exactLifetimes.record(index - born);
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
        exactSizes.record(byteSize);
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

    /** {@return the number of requested sizes recorded: allocs plus reallocs} */
    public long requestCount() {
        return exactSizes.count;
    }

    /** {@return the smallest requested size in bytes, exactly; 0 if there are no requests} */
    public long minSize() {
        return exactSizes.min();
    }

    /** {@return the largest requested size in bytes, exactly; 0 if there are no requests} */
    public long maxSize() {
        return exactSizes.max();
    }

    /** {@return the mean requested size in bytes (exact sum divided by count); 0 if there are no requests} */
    public double meanSize() {
        return exactSizes.mean();
    }

    /**
     * {@return an approximation of the requested size (bytes) at a percentile; 0 if there are no requests}
     * HdrHistogram with 3 significant digits: within 0.1% of the true percentile (sizes up to 2048 exactly), and
     * clamped to the exact {@link #minSize()} and {@link #maxSize()}.
     *
     * @param percentile 0 to 100
     */
    public long sizeAtPercentile(double percentile) {
        return exactSizes.count == 0 ? 0 : exactSizes.clamp(sizes.getValueAtPercentile(percentile));
    }

    /** {@return the number of freed blocks, i.e. of lifetimes recorded} */
    public long lifetimeCount() {
        return exactLifetimes.count;
    }

    /** {@return the shortest lifetime (operations) of a freed block, exactly; 0 if no block was freed} */
    public long minLifetime() {
        return exactLifetimes.min();
    }

    /** {@return the longest lifetime (operations) of a freed block, exactly; 0 if no block was freed} */
    public long maxLifetime() {
        return exactLifetimes.max();
    }

    /**
     * {@return an approximation of the lifetime (operations) of freed blocks at a percentile; 0 if no block was
     * freed} Within 0.1%, clamped to the exact {@link #minLifetime()} and {@link #maxLifetime()}.
     *
     * @param percentile 0 to 100
     */
    public long lifetimeAtPercentile(double percentile) {
        return exactLifetimes.count == 0 ? 0 : exactLifetimes.clamp(lifetimes.getValueAtPercentile(percentile));
    }

    /** {@return the mean lifetime (operations) of freed blocks (exact sum divided by count); 0 if none was freed} */
    public double meanLifetime() {
        return exactLifetimes.mean();
    }

    /** {@return the one-line summary {@code "N ops, peak live X bytes (B blocks), S distinct sizes"}} */
    public String summaryLine() {
        return opCount + " ops, peak live " + peakLiveBytes + " bytes (" + peakLiveBlocks + " blocks), "
            + distinctSizes + " distinct sizes";
    }

    /**
     * Exact count, minimum, maximum and sum of non-negative values. The sum is kept in 128 bits (two longs), so it
     * cannot overflow for any trace: at most 2^63 values below 2^63.
     */
    private static final class Exact {
        private long count;
        private long min = Long.MAX_VALUE;
        private long max;
        private long sumLow;
        private long sumHigh;

        void record(long value) {
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            long low = sumLow + value;
            if (Long.compareUnsigned(low, sumLow) < 0) {
                sumHigh++;
            }
            sumLow = low;
        }

        long min() {
            return count == 0 ? 0 : min;
        }

        long max() {
            return max;
        }

        double mean() {
            if (count == 0) {
                return 0;
            }
            double sum = sumHigh * 0x1p64 + (sumLow >= 0 ? sumLow : (sumLow >>> 1) * 2.0 + (sumLow & 1));
            return sum / count;
        }

        long clamp(long approximate) {
            return Math.max(min, Math.min(max, approximate));
        }
    }
}
