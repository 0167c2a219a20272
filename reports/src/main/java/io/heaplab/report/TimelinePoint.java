package io.heaplab.report;

/**
 * One sample of the heap's state during a replay, taken every K operations.
 *
 * @param opIndex               how many operations had been replayed when the sample was taken
 * @param liveBytes             live requested bytes at that moment
 * @param footprintBytes        footprint high-water mark so far, or -1 when not observable (native allocators)
 * @param externalFragmentation {@code 1 - largest free block / free bytes} at that moment, or NaN when not
 *                              observable; 0 when nothing is free
 * @implSpec Immutable.
 */
public record TimelinePoint(long opIndex, long liveBytes, long footprintBytes, double externalFragmentation) {
}
