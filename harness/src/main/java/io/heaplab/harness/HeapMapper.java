package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckConfig;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.alloc.checked.CheckedAllocator;
import io.heaplab.alloc.checked.ErrorMode;
import io.heaplab.alloc.checked.MisuseReport;
import io.heaplab.alloc.checked.TaggedAddress;
import io.heaplab.report.HeapMap;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
 *
 * <h2>Checked replay (misuse markers)</h2>
 * With a {@link CheckLevel}, both replays run through a {@link CheckedAllocator} in {@link ErrorMode#RECORD} mode,
 * each operation numbered by its trace position, and the operations of fault-injected traces are applied as
 * {@code heaplab detect} applies them: a {@code free} of an id no longer live frees its last address again (a double
 * free), {@code free-at} frees the id's last address + delta with the given layout, {@code write} complements bytes
 * at the id's last address + offset (level FULL only: at CHEAP nothing would notice, and the write could corrupt
 * an allocator's free-list links). Every report of the second replay becomes a {@link HeapMap.Marker} at (address,
 * op); blocks still live at the end are not reported (a trace is a window of a run). Painting uses untagged
 * addresses. The layer keeps its first {@value #MAX_MARKERS} reports as markers and counts the rest.
 */
public final class HeapMapper {

    /** Block ids beyond this are refused (28 bytes each: 224 MiB of bookkeeping at most). */
    public static final int MAX_IDS = 8 << 20;

    /** Misuse reports kept as markers by a checked replay (about 200 bytes each); later ones are only counted. */
    public static final int MAX_MARKERS = 10_000;

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
    private final CheckLevel check;

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
        this(spec, heapBytes, columns, rows, null);
    }

    /**
     * @param spec      a research allocator
     * @param heapBytes its heap capacity in bytes
     * @param columns   time buckets, at least 1
     * @param rows      address buckets, at least 1
     * @param check     CHEAP or FULL to replay through the checked layer and mark misuses; {@code null} or OFF for a
     *                  plain replay
     * @throws IllegalArgumentException if the allocator is not a research allocator or the grid is empty
     */
    public HeapMapper(AllocatorSpec spec, long heapBytes, int columns, int rows, CheckLevel check) {
        this.check = check == CheckLevel.OFF ? null : check;
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
        return map(workload, source, -1);
    }

    /**
     * {@return the heap map of replaying the trace, with the misuses the checked layer found if checking}
     *
     * @param workload       the workload's name, for the map's title
     * @param source         opens the trace (twice)
     * @param injectedFaults faults the trace's labels list, or -1 without labels (shown on the page)
     * @throws IOException              if reading the trace fails
     * @throws IllegalArgumentException if the trace uses more than {@value #MAX_IDS} block ids or a negative id
     */
    public HeapMap map(String workload, TraceSource source, long injectedFaults) throws IOException {
        long ops;
        long footprint;
        try (Allocator allocator = create(); TraceReader reader = source.open()) {
            ops = replay(allocator, reader, 0, 0, 0, null);
            footprint = allocator.stats().footprintBytes();
        }
        int cols = (int) Math.max(1, Math.min(columns, ops));
        byte[] cells = new byte[cols * rows];
        Arrays.fill(cells, HeapMap.UNUSED);
        long failed;
        List<HeapMap.Marker> markers = new ArrayList<>();
        long detected = 0;
        try (Allocator allocator = create(); TraceReader reader = source.open()) {
            replay(allocator, reader, ops, cols, Math.max(1, footprint), cells);
            failed = allocator.stats().failedAllocations();
            if (allocator instanceof CheckedAllocator checked) {
                for (MisuseReport r : checked.reports()) {
                    markers.add(new HeapMap.Marker(r.opIndex(), r.address(), r.kind().name(), r.message()));
                }
                detected = Math.max(markers.size(), checked.misuseCount());
            }
        }
        return new HeapMap(spec.name(), workload, ops, footprint, cols, rows, cells, failed, markers, detected,
            check == null ? "" : check.name().toLowerCase(Locale.ROOT), injectedFaults);
    }

    private Allocator create() {
        Allocator inner = spec.create(heapBytes);
        return check == null ? inner : CheckedAllocator.of(inner, new CheckConfig(check, ErrorMode.RECORD,
            CheckConfig.DEFAULT_QUARANTINE_BYTES, CheckConfig.DEFAULT_REDZONE_BYTES, MAX_MARKERS));
    }

    /**
     * Replays; when {@code cells} is not null paints column c once op (c + 1) × total / cols is done.
     * Returns the op count.
     */
    private long replay(Allocator allocator, TraceReader reader, long total, int cols, long span, byte[] cells)
        throws IOException {
        liveCount = 0;
        Arrays.fill(livePosition, -1);
        Arrays.fill(alignment, 0);
        TraceEvent e = new TraceEvent();
        long op = 0;
        int column = 0;
        long[] bytes = cells == null ? null : new long[rows * HeapMap.CLASS_COUNT];
        CheckedAllocator checked = allocator instanceof CheckedAllocator c ? c : null;
        while (reader.next(e)) {
            if (checked != null) {
                checked.setOpIndex(op);
                applyChecked(checked, e);
            } else {
                apply(allocator, e);
            }
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

    /** A checked replay: misuses are performed (the layer records them), as heaplab detect performs them. */
    private void applyChecked(CheckedAllocator allocator, TraceEvent e) {
        int id = checkedId(e);
        boolean known = alignment[id] != 0; // allocated at least once, successfully the last time
        switch (e.kind) {
            case ALLOC -> {
                if (livePosition[id] >= 0) {
                    return;
                }
                long a = allocator.allocate(e.byteSize, e.byteAlignment);
                if (a != Allocator.FAILED) {
                    address[id] = a;
                    byteSize[id] = e.byteSize;
                    alignment[id] = e.byteAlignment;
                    addLive(id);
                } else {
                    alignment[id] = 0;
                    byteSize[id] = 0;
                }
            }
            case FREE -> {
                if (livePosition[id] >= 0) {
                    allocator.deallocate(address[id], byteSize[id], alignment[id]);
                    removeLive(id);
                } else if (known) {
                    allocator.deallocate(address[id], byteSize[id], alignment[id]); // a double free
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
            case WRITE -> {
                if (known && byteSize[id] > 0 && check == CheckLevel.FULL) {
                    complement(allocator.memory(), TaggedAddress.untag(address[id]) + e.byteOffset, e.byteSize);
                }
            }
            case FREE_AT -> {
                if (known && byteSize[id] > 0) {
                    allocator.deallocate(address[id] + e.byteOffset, e.byteSize, e.byteAlignment);
                    if (e.byteOffset == 0 && livePosition[id] >= 0) {
                        removeLive(id);
                    }
                }
            }
            default -> throw new IllegalStateException("unknown operation " + e.kind);
        }
    }

    private int checkedId(TraceEvent e) {
        if (e.id < 0 || e.id >= MAX_IDS) {
            throw new IllegalArgumentException("block id " + e.id + " is outside 0.." + (MAX_IDS - 1)
                + ", the most a heap map keeps track of");
        }
        ensure((int) e.id);
        return (int) e.id;
    }

    private static void complement(java.lang.foreign.MemorySegment memory, long at, long length) {
        if (at < 0 || length <= 0 || at > memory.byteSize() - length) {
            return;
        }
        for (long k = 0; k < length; k++) {
            byte b = memory.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + k);
            memory.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + k, (byte) ~b);
        }
    }

    private void paint(Allocator allocator, int column, long span, long[] bytes, byte[] cells) {
        Arrays.fill(bytes, 0);
        for (int i = 0; i < liveCount; i++) {
            int id = liveIds[i];
            long start = TaggedAddress.untag(address[id]);
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
