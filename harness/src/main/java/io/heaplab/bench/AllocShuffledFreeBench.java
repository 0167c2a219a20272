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

import java.util.SplittableRandom;

/**
 * The shuffled-free pattern: 1000 live blocks of 16–256 bytes; each operation frees the block in a random slot
 * (precomputed order) and allocates a new block of a random size (precomputed) in its place. One operation = one
 * allocate + deallocate pair with a live set of 1000, so reuse is not LIFO-perfect as in {@link AllocPairBench}.
 *
 * <pre>./heaplab bench AllocShuffledFreeBench -prof gc</pre>
 */
@State(Scope.Thread)
public class AllocShuffledFreeBench extends AllocatorBenchDefaults {

    private static final int LIVE_BLOCKS = 1000;
    /** Length of the precomputed slot and size sequences; a power of two for cheap wrap-around. */
    private static final int SEQUENCE_LENGTH = 1 << 16;
    private static final long ALIGN = 8;

    /** The registered allocator under test. */
    @Param({"bump", "freelist-first", "freelist-next", "freelist-best", "freelist-first-lifo", "freelist-next-lifo",
        "freelist-best-lifo", "freelist-twoended", "tlsf-twoended", "buddy", "sizeclass-pow2", "sizeclass-4x"})
    public String allocator;

    private Allocator heap;
    private final long[] address = new long[LIVE_BLOCKS];
    private final long[] size = new long[LIVE_BLOCKS];
    private final int[] slots = new int[SEQUENCE_LENGTH];
    private final long[] sizes = new long[SEQUENCE_LENGTH];
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        // bump never reuses freed blocks: give it room for the whole run (the heap is mapped lazily).
        heap = AllocatorRegistry.load().get(allocator).create(allocator.equals("bump") ? 256L << 30 : 64L << 20);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SEQUENCE_LENGTH; i++) {
            slots[i] = random.nextInt(LIVE_BLOCKS);
            sizes[i] = 16 + random.nextInt(241);
        }
        for (int i = 0; i < LIVE_BLOCKS; i++) {
            size[i] = 16 + random.nextInt(241);
            address[i] = heap.allocate(size[i], ALIGN);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        heap.close();
    }

    /** {@return the new block's address, so that the JIT cannot drop the work} */
    @Benchmark
    public long freeRandomThenAllocate() {
        int i = step++ & (SEQUENCE_LENGTH - 1);
        int slot = slots[i];
        heap.deallocate(address[slot], size[slot], ALIGN);
        long bytes = sizes[i];
        long p = heap.allocate(bytes, ALIGN);
        address[slot] = p;
        size[slot] = bytes;
        return p;
    }
}
