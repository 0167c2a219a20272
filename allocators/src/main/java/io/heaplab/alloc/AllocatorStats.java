package io.heaplab.alloc;

/**
 * A snapshot of an allocator's statistics, defined identically for every allocator.
 *
 * <p>Zero-size requests are not counted (they use no memory). "Granted" bytes are usable sizes: what the allocator
 * set aside for a block, including rounding to its size class or granule, excluding headers it may keep elsewhere.
 *
 * @param allocations            successful allocations (a moving reallocation is not counted here)
 * @param deallocations          blocks freed by {@code deallocate} (a moving reallocation is not counted here)
 * @param reallocationsInPlace   reallocations that kept the block address
 * @param reallocationsMoved     reallocations that moved the block (allocate + copy + free)
 * @param failedAllocations      allocations and reallocations that returned {@link Allocator#FAILED}
 * @param liveBlocks             blocks currently live
 * @param liveRequestedBytes     sum of the sizes requested for the live blocks
 * @param liveGrantedBytes       sum of the usable sizes of the live blocks
 * @param peakLiveBlocks         maximum of {@code liveBlocks} over time
 * @param peakLiveRequestedBytes maximum of {@code liveRequestedBytes} over time
 * @param peakLiveGrantedBytes   maximum of {@code liveGrantedBytes} over time
 * @param footprintBytes         high-water mark of heap bytes ever handed out or reserved (blocks, padding, slabs,
 *                               in-heap metadata): the heap a program would have had to obtain from the OS; like
 *                               malloc-lab's brk high-water mark it never decreases before a reset
 * @param freeBytes              bytes inside the footprint that are neither in a live block nor in-heap metadata,
 *                               or -1 if the allocator cannot tell
 * @param largestFreeBlockBytes  the largest request the allocator could satisfy from inside the footprint without
 *                               growing it, or -1 if it cannot tell
 * @param heapBytes              capacity of the heap in bytes, or -1 when unbounded (native allocators)
 * @param metadataBytes          bytes of bookkeeping kept outside the heap (e.g. bitmaps in Java arrays)
 */
public record AllocatorStats(
    long allocations,
    long deallocations,
    long reallocationsInPlace,
    long reallocationsMoved,
    long failedAllocations,
    long liveBlocks,
    long liveRequestedBytes,
    long liveGrantedBytes,
    long peakLiveBlocks,
    long peakLiveRequestedBytes,
    long peakLiveGrantedBytes,
    long footprintBytes,
    long freeBytes,
    long largestFreeBlockBytes,
    long heapBytes,
    long metadataBytes) {

    /** {@return all reallocations, in place and moved} */
    public long reallocations() {
        return reallocationsInPlace + reallocationsMoved;
    }

    /**
     * {@return malloc-lab utilization: peak live requested bytes / footprint, or NaN before anything was allocated}
     */
    public double utilization() {
        return footprintBytes == 0 ? Double.NaN : (double) peakLiveRequestedBytes / footprintBytes;
    }
}
