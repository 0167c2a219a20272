package io.heaplab.bench;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;


/**
 * One allocate + deallocate pair of a fixed small size per operation: the best case of every allocator (the
 * block just freed is reused at once). Run with {@code -prof gc} to see {@code gc.alloc.rate.norm} ≈ 0 B/op.
 *
 * <pre>./heaplab bench AllocPairBench -prof gc</pre>
 */
@State(Scope.Thread)
public class AllocPairBench extends AllocatorBenchDefaults {

    /** The registered allocator under test. */
    @Param({"bump", "freelist-first", "freelist-next", "freelist-best", "freelist-first-lifo", "freelist-next-lifo",
        "freelist-best-lifo", "freelist-twoended", "tlsf-twoended", "buddy", "sizeclass-pow2", "sizeclass-4x"})
    public String allocator;

    /** The request size in bytes. */
    @Param({"64"})
    public long byteSize;

    private Allocator heap;

    @Setup(Level.Trial)
    public void setUp() {
        heap = AllocatorRegistry.load().get(allocator).create(64L << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        heap.close();
    }

    /** {@return the address, so that the JIT cannot drop the work} */
    @Benchmark
    public long allocateThenFree() {
        long address = heap.allocate(byteSize, 8);
        heap.deallocate(address, byteSize, 8);
        return address;
    }
}
