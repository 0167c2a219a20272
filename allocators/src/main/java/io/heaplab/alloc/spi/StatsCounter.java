package io.heaplab.alloc.spi;

import io.heaplab.alloc.AllocatorStats;

/**
 * The counters behind {@link AllocatorStats}, kept in primitive fields so that recording allocates nothing.
 * Every heaplab allocator owns one and reports through it, so the statistics mean the same everywhere.
 *
 * <p>Recording an allocation is three additions and no comparison: live totals only grow in {@link #allocated}
 * and only shrink in {@link #deallocated} and {@link #reallocated}, so their maximum over time is always reached just
 * before a decrease or now. The peaks are therefore brought up to date before each decrease and in
 * {@link #snapshot}, not after each increase. Granted bytes are kept as requested bytes plus the difference, so an
 * allocator that grants exactly what is asked (a bump allocator) adds a constant 0 there, which the JIT can drop.
 *
 * @implSpec Not thread-safe, like the allocators that own it.
 */
public final class StatsCounter {

    private long allocations;
    private long deallocations;
    private long reallocationsInPlace;
    private long reallocationsMoved;
    private long failedAllocations;
    private long liveRequestedBytes;
    /** Live granted bytes minus live requested bytes: rounding, size classes. */
    private long liveExtraBytes;
    private long peakLiveBlocks;
    private long peakLiveRequestedBytes;
    private long peakLiveGrantedBytes;
    private long footprintBytes;
    /** Whether live totals may have grown since the peaks were last brought up to date. */
    private boolean rising;

    /**
     * Records a successful allocation.
     *
     * @param requestedBytes the requested size
     * @param grantedBytes   the usable size
     */
    public void allocated(long requestedBytes, long grantedBytes) {
        allocations++;
        liveRequestedBytes += requestedBytes;
        liveExtraBytes += grantedBytes - requestedBytes;
        rising = true;
    }

    /**
     * Records a deallocation.
     *
     * @param requestedBytes the size passed to deallocate
     * @param grantedBytes   the block's usable size
     */
    public void deallocated(long requestedBytes, long grantedBytes) {
        updatePeaks();
        deallocations++;
        liveRequestedBytes -= requestedBytes;
        liveExtraBytes -= grantedBytes - requestedBytes;
    }

    /**
     * Records a successful reallocation of one live block.
     *
     * @param inPlace           whether the block kept its address
     * @param oldRequestedBytes the old requested size
     * @param oldGrantedBytes   the old usable size
     * @param newRequestedBytes the new requested size
     * @param newGrantedBytes   the new usable size
     */
    public void reallocated(boolean inPlace, long oldRequestedBytes, long oldGrantedBytes,
                            long newRequestedBytes, long newGrantedBytes) {
        updatePeaks();
        if (inPlace) {
            reallocationsInPlace++;
        } else {
            reallocationsMoved++;
        }
        liveRequestedBytes += newRequestedBytes - oldRequestedBytes;
        liveExtraBytes += (newGrantedBytes - newRequestedBytes) - (oldGrantedBytes - oldRequestedBytes);
        rising = true;
    }

    /** Records an allocation or reallocation that returned {@code FAILED}. */
    public void failed() {
        failedAllocations++;
    }

    /**
     * Raises the footprint high-water mark.
     *
     * @param extentBytes the heap bytes now handed out or reserved
     */
    public void reached(long extentBytes) {
        if (extentBytes > footprintBytes) {
            footprintBytes = extentBytes;
        }
    }

    /** {@return the footprint high-water mark in bytes} */
    public long footprintBytes() {
        return footprintBytes;
    }

    /** {@return the sum of the usable sizes of live blocks} */
    public long liveGrantedBytes() {
        return liveRequestedBytes + liveExtraBytes;
    }

    /** {@return the number of live blocks} */
    public long liveBlocks() {
        return allocations - deallocations;
    }

    /** Forgets everything, as after a reset. */
    public void clear() {
        allocations = 0;
        deallocations = 0;
        reallocationsInPlace = 0;
        reallocationsMoved = 0;
        failedAllocations = 0;
        liveRequestedBytes = 0;
        liveExtraBytes = 0;
        peakLiveBlocks = 0;
        peakLiveRequestedBytes = 0;
        peakLiveGrantedBytes = 0;
        footprintBytes = 0;
        rising = false;
    }

    /**
     * {@return a snapshot}
     *
     * @param freeBytes             free bytes inside the footprint, or -1
     * @param largestFreeBlockBytes largest satisfiable request inside the footprint, or -1
     * @param heapBytes             heap capacity, or -1
     * @param metadataBytes         out-of-heap bookkeeping bytes
     */
    public AllocatorStats snapshot(long freeBytes, long largestFreeBlockBytes, long heapBytes, long metadataBytes) {
        updatePeaks();
        return new AllocatorStats(allocations, deallocations, reallocationsInPlace, reallocationsMoved,
            failedAllocations, liveBlocks(), liveRequestedBytes, liveGrantedBytes(), peakLiveBlocks,
            peakLiveRequestedBytes, peakLiveGrantedBytes, footprintBytes, freeBytes, largestFreeBlockBytes,
            heapBytes, metadataBytes);
    }

    private void updatePeaks() {
        if (!rising) {
            return; // nothing grew since the last update: a run of frees pays one branch each
        }
        rising = false;
        long liveBlocks = allocations - deallocations;
        if (liveBlocks > peakLiveBlocks) {
            peakLiveBlocks = liveBlocks;
        }
        if (liveRequestedBytes > peakLiveRequestedBytes) {
            peakLiveRequestedBytes = liveRequestedBytes;
        }
        long liveGrantedBytes = liveGrantedBytes();
        if (liveGrantedBytes > peakLiveGrantedBytes) {
            peakLiveGrantedBytes = liveGrantedBytes;
        }
    }
}
