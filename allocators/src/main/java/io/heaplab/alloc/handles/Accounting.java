package io.heaplab.alloc.handles;

/**
 * The mutable counters behind {@link HandleStats}, in primitive fields so that counting allocates nothing.
 * One per owning handle; a move hands it to the new handle, so counts follow the memory, not the Java object.
 */
final class Accounting {

    private long allocations;
    private long reallocationsInPlace;
    private long reallocationsMoved;
    private long bytesCopied;
    private long bytesPreserved;
    private long frees;
    private long allocatedBytes;

    void allocated(long byteSize) {
        allocations++;
        allocatedBytes += byteSize;
    }

    void reallocated(boolean inPlace, long oldByteSize, long newByteSize) {
        long kept = Math.min(oldByteSize, newByteSize);
        bytesPreserved += kept;
        if (inPlace) {
            reallocationsInPlace++;
        } else {
            reallocationsMoved++;
            bytesCopied += kept;
        }
    }

    void freed() {
        frees++;
    }

    HandleStats snapshot() {
        return new HandleStats(allocations, reallocationsInPlace, reallocationsMoved, bytesCopied, bytesPreserved,
            frees, allocatedBytes);
    }
}
