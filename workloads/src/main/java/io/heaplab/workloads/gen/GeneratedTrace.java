package io.heaplab.workloads.gen;

import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.internal.IdPool;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The frame of every generated program: a seeded, reproducible stream of exactly {@code opCount} operations whose
 * ids are dense (freed ids are reused first), ending with a tear-down that frees every live block.
 *
 * <p>Each call of {@link #step} emits exactly one operation. Once the operations left are no more than the live
 * blocks plus one, the frame takes over and frees the live blocks in id order; if one operation is then left over
 * it is a realloc of a live block to its own size (or, if nothing is live, a 16-byte alloc that stays live), so the
 * count is exact.
 *
 * <p>The same program, op count and seed give the same trace on every JVM: randomness comes from
 * {@link SplittableRandom}, whose algorithm is specified.
 *
 * @implSpec Not thread-safe. {@link #next} allocates only when the id table grows.
 */
public abstract class GeneratedTrace implements TraceReader {

    /** The program's random source, seeded. */
    protected final SplittableRandom random;
    private final long opBudget;
    private long emitted;
    private final IdPool ids = new IdPool();
    /** Size of each live id, -1 for an id that is not live. */
    private long[] sizeOfId = filled(new long[1024]);
    private long liveCount;
    private boolean tearingDown;
    private int tearDownCursor;
    private TraceHeader header;

    /**
     * @param opCount the exact number of operations to emit
     * @param seed    the seed
     */
    protected GeneratedTrace(long opCount, long seed) {
        if (opCount < 0) {
            throw new IllegalArgumentException("op count " + opCount + " is negative");
        }
        this.opBudget = opCount;
        this.random = new SplittableRandom(seed);
        this.header = new TraceHeader("", "", opCount, -1, Map.of());
    }

    /**
     * Emits the program's next operation into {@code event}: exactly one call of {@link #alloc}, {@link #free} or
     * {@link #realloc}.
     *
     * @param event the cursor to fill
     */
    protected abstract void step(TraceEvent event);

    /** Sets the header (called once by the factory, before streaming). */
    final GeneratedTrace withHeader(TraceHeader header) {
        this.header = header;
        return this;
    }

    @Override
    public final TraceHeader header() {
        return header;
    }

    @Override
    public final String position() {
        return header.name() + "#" + emitted;
    }

    @Override
    public final boolean next(TraceEvent event) {
        long remaining = opBudget - emitted;
        if (remaining == 0) {
            return false;
        }
        if (tearingDown || remaining <= liveCount + 1) {
            tearingDown = true;
            tearDown(event, remaining);
        } else {
            step(event);
        }
        emitted++;
        return true;
    }

    private void tearDown(TraceEvent event, long remaining) {
        if (remaining > liveCount) {
            if (liveCount == 0) {
                alloc(event, 16, 16);
                return;
            }
            int id = nextLiveId();
            realloc(event, id, sizeOfId[id]);
            return;
        }
        free(event, nextLiveId());
    }

    private int nextLiveId() {
        while (sizeOfId[tearDownCursor] < 0) {
            tearDownCursor++;
        }
        return tearDownCursor;
    }

    /** {@return 1 + the largest id emitted so far} */
    public final long idCount() {
        return ids.idCount();
    }

    /** {@return the index of the operation being generated (0 for the first)} */
    protected final long opIndex() {
        return emitted;
    }

    /** {@return the number of live blocks} */
    protected final long liveCount() {
        return liveCount;
    }

    /**
     * Emits an alloc of a fresh id.
     *
     * @param event         the cursor
     * @param byteSize      size in bytes
     * @param byteAlignment alignment in bytes, a power of two
     * @return the block's id
     */
    protected final int alloc(TraceEvent event, long byteSize, long byteAlignment) {
        int id = ids.acquire();
        if (id >= sizeOfId.length) {
            int old = sizeOfId.length;
            sizeOfId = Arrays.copyOf(sizeOfId, old * 2);
            Arrays.fill(sizeOfId, old, sizeOfId.length, -1);
        }
        sizeOfId[id] = byteSize;
        liveCount++;
        event.alloc(id, byteSize, byteAlignment);
        return id;
    }

    /**
     * Emits a free of a live id.
     *
     * @param event the cursor
     * @param id    a live id
     */
    protected final void free(TraceEvent event, int id) {
        assert sizeOfId[id] >= 0 : "free of id " + id + ", which is not live";
        sizeOfId[id] = -1;
        liveCount--;
        ids.release(id);
        event.free(id);
    }

    /**
     * Emits a realloc of a live id.
     *
     * @param event       the cursor
     * @param id          a live id
     * @param newByteSize the new size in bytes
     */
    protected final void realloc(TraceEvent event, int id, long newByteSize) {
        assert sizeOfId[id] >= 0 : "realloc of id " + id + ", which is not live";
        sizeOfId[id] = newByteSize;
        event.realloc(id, newByteSize);
    }

    /**
     * {@return the current size of a live id}
     *
     * @param id a live id
     */
    protected final long sizeOf(int id) {
        return sizeOfId[id];
    }

    @Override
    public final void close() {
        // nothing to release
    }

    private static long[] filled(long[] array) {
        Arrays.fill(array, -1);
        return array;
    }
}
