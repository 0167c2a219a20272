package io.heaplab.report;

/**
 * The memory-efficiency measures of one (allocator, workload) replay; defined identically for every allocator.
 *
 * <ul>
 *   <li>{@code utilization} (CS:APP malloc lab) = peak live requested bytes / footprint high-water mark.</li>
 *   <li>{@code fragmentation} (Johnstone &amp; Wilson 1998, measure #4) = peak footprint / peak live − 1; the two
 *       peaks may occur at different times.</li>
 *   <li>{@code internalFragmentationBytes} = granted (usable) bytes − requested bytes of the live blocks, at the
 *       moment live requested bytes first reach their peak.</li>
 *   <li>{@code externalFragmentation} = 1 − largest free block / free bytes inside the footprint, at that same
 *       moment (0 when nothing is free); {@code externalFragmentationMean} is its mean over the timeline.</li>
 * </ul>
 * A measure that cannot be observed for an allocator is -1 (byte counts) or NaN (ratios): native allocators have no
 * observable footprint, so their utilization, fragmentation and external fragmentation are unavailable.
 *
 * @param peakLiveBytes              maximum of live requested bytes over the replay
 * @param peakFootprintBytes         footprint high-water mark, or -1 when not observable
 * @param utilization                peakLiveBytes / peakFootprintBytes, or NaN
 * @param fragmentation              peakFootprintBytes / peakLiveBytes − 1, or NaN
 * @param internalFragmentationBytes granted − requested bytes at the peak, or -1 when not observable
 * @param externalFragmentation      external fragmentation at the peak, or NaN
 * @param externalFragmentationMean  mean external fragmentation over the timeline samples, or NaN
 * @implSpec Immutable.
 */
public record MemoryMetrics(long peakLiveBytes, long peakFootprintBytes, double utilization, double fragmentation,
                            long internalFragmentationBytes, double externalFragmentation,
                            double externalFragmentationMean) {

    /** {@return whether the footprint (and so utilization and fragmentation) was observable} */
    public boolean footprintObservable() {
        return peakFootprintBytes >= 0;
    }
}
