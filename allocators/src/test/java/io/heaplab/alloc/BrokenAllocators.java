package io.heaplab.alloc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.LongFunction;

/**
 * Deliberately broken allocators, each wrapping a correct one and breaking exactly one clause of the contract, so
 * that the contract test can prove it fails when it should.
 */
final class BrokenAllocators {

    /** The kinds of breakage, each with the phrase the contract checker's message must contain. */
    enum Breakage {
        /** Every fifth allocation returns the previous block's address again (when suitably aligned). */
        OVERLAPPING_BLOCKS(" overlap"),
        /** {@code stats()} reports moved reallocations as in place. */
        MISCOUNTED_REALLOCATIONS("reallocationsInPlace: model"),
        /** A moving {@code reallocate} loses the first byte of the block. */
        LOSSY_REALLOCATE("must preserve the first"),
        /** {@code deallocate} scribbles on the byte before the freed block, like a misplaced boundary tag. */
        SCRIBBLING_FREE("the bytes of a live block must not change"),
        /** {@code stats()} reports a footprint 16 bytes short of the heap the live blocks occupy. */
        UNDERSTATED_FOOTPRINT("-byte prefix and suffix of the heap, more than the footprint");

        private final String expectedMessage;

        Breakage(String expectedMessage) {
            this.expectedMessage = expectedMessage;
        }

        /** {@return a phrase the contract's failure message must contain} */
        String expectedMessage() {
            return expectedMessage;
        }

        /**
         * {@return a spec building this broken variant over the allocator {@code base} builds}
         *
         * @param base a correct allocator
         */
        AllocatorSpec over(AllocatorSpec base) {
            String name = "broken-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            LongFunction<Allocator> factory = heapBytes -> new Broken(name, this, base.create(heapBytes));
            return new AllocatorSpec(name, "deliberately broken: " + this, AllocatorSpec.Kind.RESEARCH, factory);
        }
    }

    private BrokenAllocators() {
    }

    /** A forwarding allocator that applies one {@link Breakage}. */
    private static final class Broken implements Allocator {
        private final String name;
        private final Breakage breakage;
        private final Allocator delegate;
        private long allocationCount;
        private long previousAddress = FAILED;

        Broken(String name, Breakage breakage, Allocator delegate) {
            this.name = name;
            this.breakage = breakage;
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public MemorySegment memory() {
            return delegate.memory();
        }

        @Override
        public long heapBytes() {
            return delegate.heapBytes();
        }

        @Override
        public long allocate(long byteSize, long byteAlignment) {
            long address = delegate.allocate(byteSize, byteAlignment);
            if (breakage == Breakage.OVERLAPPING_BLOCKS && byteSize > 0 && address != FAILED) {
                long previous = previousAddress;
                previousAddress = address;
                if (++allocationCount % 5 == 0 && previous != FAILED && previous % byteAlignment == 0) {
                    return previous;
                }
            }
            return address;
        }

        @Override
        public void deallocate(long address, long byteSize, long byteAlignment) {
            if (breakage == Breakage.SCRIBBLING_FREE && byteSize > 0 && address > 0) {
                MemorySegment memory = delegate.memory();
                memory.set(ValueLayout.JAVA_BYTE, address - 1, (byte) ~memory.get(ValueLayout.JAVA_BYTE, address - 1));
            }
            delegate.deallocate(address, byteSize, byteAlignment);
        }

        @Override
        public long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize) {
            long result = delegate.reallocate(address, oldByteSize, byteAlignment, newByteSize);
            if (breakage == Breakage.LOSSY_REALLOCATE && oldByteSize > 0 && newByteSize > 0
                && result != FAILED && result != address) {
                MemorySegment memory = delegate.memory();
                memory.set(ValueLayout.JAVA_BYTE, result, (byte) ~memory.get(ValueLayout.JAVA_BYTE, result));
            }
            return result;
        }

        @Override
        public long usableSize(long address, long byteSize, long byteAlignment) {
            return delegate.usableSize(address, byteSize, byteAlignment);
        }

        @Override
        public AllocatorStats stats() {
            AllocatorStats s = delegate.stats();
            return switch (breakage) {
                case MISCOUNTED_REALLOCATIONS -> new AllocatorStats(s.allocations(), s.deallocations(),
                    s.reallocations(), 0, s.failedAllocations(), s.liveBlocks(), s.liveRequestedBytes(),
                    s.liveGrantedBytes(), s.peakLiveBlocks(), s.peakLiveRequestedBytes(), s.peakLiveGrantedBytes(),
                    s.footprintBytes(), s.freeBytes(), s.largestFreeBlockBytes(), s.heapBytes(), s.metadataBytes());
                case UNDERSTATED_FOOTPRINT -> new AllocatorStats(s.allocations(), s.deallocations(),
                    s.reallocationsInPlace(), s.reallocationsMoved(), s.failedAllocations(), s.liveBlocks(),
                    s.liveRequestedBytes(), s.liveGrantedBytes(), s.peakLiveBlocks(), s.peakLiveRequestedBytes(),
                    s.peakLiveGrantedBytes(), Math.max(0, s.footprintBytes() - 16), 0, 0, s.heapBytes(),
                    s.metadataBytes());
                default -> s;
            };
        }

        @Override
        public void reset() {
            delegate.reset();
            allocationCount = 0;
            previousAddress = FAILED;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
