package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.report.HeapMap;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;

import java.io.IOException;
import java.util.Arrays;

/**
 * Replays a trace on a research allocator and records a {@link HeapMap}: which addresses hold live blocks of which
 * size class, sampled at {@code columns} moments.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Replay once to learn the operation count and the footprint high-water mark F (the map's address range).</li>
 *   <li>Replay again on a fresh allocator, keeping every live block's address and size in dense arrays indexed by
 *       block id, plus a list of live ids (removal by swapping with the last, O(1)).</li>
 *   <li>When the operations of column c are done, paint column c: for each live block, add its bytes to the
 *       (row, size class) counters of the rows [address, address + size) overlaps (row = offset × rows / F); a
 *       row's cell is the class with most bytes, FREE if none but the row lies below the footprint reached so far,
 *       UNUSED above it.</li>
 * </ol>
 * Cost: two replays plus, per column, O(live blocks + rows covered). Memory: 28 bytes per block id seen, bounded by
 * {@value #MAX_IDS} ids; the map itself is columns × rows bytes.
 *
 * <p>This is a separate replay, not the measuring one: it never times anything, and it leaves the replay engine
 * untouched. Operations on ids that are not live, or whose allocation failed, are skipped, as the replay engine
 * does.
 */
public final class HeapMapper {

    /** Block ids beyond this are refused (28 bytes each: 224 MiB of bookkeeping at most). */
    public static final int MAX_IDS = 8 << 20;

    /** Opens the trace; called once per replay. */
    @FunctionalInterface
    public interface TraceSource {
        /**
         * @return a reader positioned at the first operation
         * @throws IOException if it cannot be opened
         */
        TraceReader open() throws IOException;
    }

    private final AllocatorSpec spec;
    private final long heapBytes;
    private final int columns;
    private final int rows;

    private long[] address = new long[1024];
    private long[] byteSize = new long[1024];
    private long[] alignment = new long[1024];
    private int[] livePosition = new int[1024];
    private int[] liveIds = new int[1024];
    private int liveCount;

    /**
     * @param spec      a research allocator
     * @param heapBytes its heap capacity in bytes
     * @param columns   time buckets, at least 1
     * @param rows      address buckets, at least 1
     * @throws IllegalArgumentException if the allocator is not a research allocator (native addresses are not
     *                                  offsets into one heap) or the grid is empty
     */
    public HeapMapper(AllocatorSpec spec, long heapBytes, int columns, int rows) {
        if (spec.kind() != AllocatorSpec.Kind.RESEARCH) {
            throw new IllegalArgumentException("a heap map needs one of heaplab's research allocators (their "
                + "addresses are offsets into one heap); " + spec.name() + " is " + spec.kind().name()
                .toLowerCase(java.util.Locale.ROOT));
        }
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a heap map needs at least 1 column and 1 row, got " + columns + " × "
                + rows);
        }
        this.spec = spec;
        this.heapBytes = heapBytes;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * {@return the heap map of replaying the trace}
     *
     * @param workload the workload's name, for the map's title
     * @param source   opens the trace (twice)
     * @throws IOException              if reading the trace fails
     * @throws IllegalArgumentException if the trace uses more than {@value #MAX_IDS} block ids or a negative id
     */
    public HeapMap map(String workload, TraceSource source) throws IOException {
        long ops;
        long footprint;
        try (Allocator allocator = spec.create(heapBytes); TraceReader reader = source.open()) {
            ops = replay(allocator, reader, 0, 0, 0, null);
            footprint = allocator.stats().footprintBytes();
        }
        int cols = (int) Math.max(1, Math.min(columns, ops));
        byte[] cells = new byte[cols * rows];
        Arrays.fill(cells, HeapMap.UNUSED);
        long failed;
        try (Allocator allocator = spec.create(heapBytes); TraceReader reader = source.open()) {
            replay(allocator, reader, ops, cols, Math.max(1, footprint), cells);
            failed = allocator.stats().failedAllocations();
        }
        return new HeapMap(spec.name(), workload, ops, footprint, cols, rows, cells, failed);
    }

    /**
     * Replays; when {@code cells} is not null paints column c once op (c + 1) × total / cols is done.
     * Returns the op count.
     */
    private long replay(Allocator allocator, TraceReader reader, long total, int cols, long span, byte[] cells)
        throws IOException {
        liveCount = 0;
        Arrays.fill(livePosition, -1);
        TraceEvent e = new TraceEvent();
        long op = 0;
        int column = 0;
        long[] bytes = cells == null ? null : new long[rows * HeapMap.CLASS_COUNT];
        while (reader.next(e)) {
            apply(allocator, e);
            op++;
            if (cells != null) {
                while (column < cols && op >= (column + 1) * total / cols) {
                    paint(allocator, column++, span, bytes, cells);
                }
            }
        }
        if (cells != null) {
            while (column < cols) {
                paint(allocator, column++, span, bytes, cells);
            }
        }
        return op;
    }

    private void apply(Allocator allocator, TraceEvent e) {
        if (e.id < 0 || e.id >= MAX_IDS) {
            throw new IllegalArgumentException("block id " + e.id + " is outside 0.." + (MAX_IDS - 1)
                + ", the most a heap map keeps track of");
        }
        int id = (int) e.id;
        ensure(id);
        switch (e.kind) {
            case ALLOC -> {
                if (livePosition[id] >= 0) {
                    return; // alloc of a live id: a trace error, skipped
                }
                long a = allocator.allocate(e.byteSize, e.byteAlignment);
                if (a != Allocator.FAILED) {
                    address[id] = a;
                    byteSize[id] = e.byteSize;
                    alignment[id] = e.byteAlignment;
                    addLive(id);
                }
            }
            case FREE -> {
                if (livePosition[id] >= 0) {
                    allocator.deallocate(address[id], byteSize[id], alignment[id]);
                    removeLive(id);
                }
            }
            case REALLOC -> {
                if (livePosition[id] >= 0) {
                    long a = allocator.reallocate(address[id], byteSize[id], alignment[id], e.byteSize);
                    if (a != Allocator.FAILED) {
                        address[id] = a;
                        byteSize[id] = e.byteSize;
                    }
                }
            }
            default -> throw new IllegalStateException("unknown operation " + e.kind);
        }
    }

    private void paint(Allocator allocator, int column, long span, long[] bytes, byte[] cells) {
        Arrays.fill(bytes, 0);
        for (int i = 0; i < liveCount; i++) {
            int id = liveIds[i];
            long start = address[id];
            long end = start + byteSize[id];
            if (byteSize[id] <= 0 || start < 0 || start >= span) {
                continue;
            }
            int cls = HeapMap.classOf(byteSize[id]) - 1;
            int r0 = row(start, span);
            int r1 = row(Math.min(end, span) - 1, span);
            for (int r = r0; r <= r1; r++) {
                long rowStart = r * span / rows;
                long rowEnd = (r + 1) * span / rows;
                bytes[r * HeapMap.CLASS_COUNT + cls] += Math.min(end, rowEnd) - Math.max(start, rowStart);
            }
        }
        long reached = allocator.stats().footprintBytes();
        for (int r = 0; r < rows; r++) {
            int best = -1;
            long most = 0;
            for (int c = 0; c < HeapMap.CLASS_COUNT; c++) {
                if (bytes[r * HeapMap.CLASS_COUNT + c] > most) {
                    most = bytes[r * HeapMap.CLASS_COUNT + c];
                    best = c;
                }
            }
            byte cell = best >= 0 ? (byte) (best + 1) : r * span / rows < reached ? HeapMap.FREE : HeapMap.UNUSED;
            cells[column * rows + r] = cell;
        }
    }

    private int row(long offset, long span) {
        return (int) Math.min(rows - 1, offset * rows / span);
    }

    private void ensure(int id) {
        if (id < address.length) {
            return;
        }
        int n = Math.min(MAX_IDS, Math.max(id + 1, address.length * 2));
        address = Arrays.copyOf(address, n);
        byteSize = Arrays.copyOf(byteSize, n);
        alignment = Arrays.copyOf(alignment, n);
        int old = livePosition.length;
        livePosition = Arrays.copyOf(livePosition, n);
        Arrays.fill(livePosition, old, n, -1);
    }

    private void addLive(int id) {
        if (liveCount == liveIds.length) {
            liveIds = Arrays.copyOf(liveIds, liveIds.length * 2);
        }
        livePosition[id] = liveCount;
        liveIds[liveCount++] = id;
    }

    private void removeLive(int id) {
        int pos = livePosition[id];
        int last = liveIds[--liveCount];
        liveIds[pos] = last;
        livePosition[last] = pos;
        livePosition[id] = -1;
    }
}
