package io.heaplab.report;

import java.util.List;
import java.util.Objects;

/**
 * A heap map: the heap's address range × replay time, aggregated into a grid of cells, each holding what mostly
 * occupied that stretch of addresses at that moment (the size class of the live blocks there, free space, or space
 * beyond the footprint so far). The harness fills it; {@code io.heaplab.report.html} draws it.
 *
 * <pre>
 *  address ▲ row rows-1 (highest addresses)
 *          │ cell(column, row) = UNUSED | FREE | size class 1..{@value #CLASS_COUNT}
 *          │ row 0 (address 0)
 *          └──────────────────────────────▶ time (column 0 = first ops, column columns-1 = last)
 * </pre>
 *
 * <p>Aggregation keeps a 1 M-op trace cheap: a cell is painted from the blocks live at the end of its column's
 * operations, and the cell's class is the one holding most live bytes in it.
 *
 * @param allocator        the allocator replayed
 * @param workload         the workload replayed
 * @param ops              operations replayed
 * @param addressBytes     the address range drawn, from 0: the allocator's footprint high-water mark
 * @param columns          time buckets
 * @param rows             address buckets
 * @param cells            {@code columns × rows} values, column-major ({@code cells[column * rows + row]})
 * @param failedAllocations allocations the allocator could not satisfy during the replay
 * @param markers          misuses detected during the replay (drawn in red at their address and op), oldest first;
 *                         empty when the replay was not checked
 * @param detectedMisuses  misuses the checked layer detected in all: at least {@code markers.size()}, more when it
 *                         kept only its first reports
 * @param checkLevel       the check level of the replay ({@code "cheap"} or {@code "full"}), or {@code ""} when it
 *                         was not checked
 * @param injectedFaults   faults the trace's labels say were injected, or -1 when it has no labels
 * @implSpec Immutable: the cells are copied in and out.
 */
public record HeapMap(String allocator, String workload, long ops, long addressBytes, int columns, int rows,
                      byte[] cells, long failedAllocations, List<Marker> markers, long detectedMisuses,
                      String checkLevel,
                      long injectedFaults) {

    /**
     * A misuse detected at one operation, concerning one address.
     *
     * @param opIndex the operation (trace position) at which it was detected
     * @param address the untagged heap offset it concerns
     * @param kind    its kind, e.g. {@code DOUBLE_FREE}
     * @param message the checked layer's one-line message
     */
    public record Marker(long opIndex, long address, String kind, String message) {
        /** @throws NullPointerException if kind or message is null */
        public Marker {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A map of an unchecked replay: no markers.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public HeapMap(String allocator, String workload, long ops, long addressBytes, int columns, int rows,
                   byte[] cells, long failedAllocations) {
        this(allocator, workload, ops, addressBytes, columns, rows, cells, failedAllocations, List.of(), 0, "", -1);
    }

    /** {@return the column (time bucket) of operation {@code opIndex}, clamped to the grid} @param opIndex an op */
    public int columnOf(long opIndex) {
        long c = ops <= 0 ? 0 : opIndex * columns / ops;
        return (int) Math.max(0, Math.min(columns - 1, c));
    }

    /** {@return the row (address bucket) of heap offset {@code address}, clamped to the grid} @param address an offset */
    public int rowOf(long address) {
        long r = addressBytes <= 0 ? 0 : (long) ((double) address * rows / addressBytes);
        return (int) Math.max(0, Math.min(rows - 1, r));
    }

    /** A cell beyond the footprint reached so far: the heap had not grown there yet. */
    public static final byte UNUSED = -1;
    /** A cell inside the footprint with no live block in it: free (or metadata) space. */
    public static final byte FREE = 0;
    /** Size classes 1..8, by upper bound in bytes (the last class is everything larger). */
    public static final List<Long> CLASS_UPPER_BYTES = List.of(16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
        Long.MAX_VALUE);
    /** The number of size classes. */
    public static final int CLASS_COUNT = 8;

    /**
     * Checks the grid and copies the cells.
     *
     * @throws IllegalArgumentException if the grid is empty, {@code cells} is not {@code columns × rows} long, or
     *                                  fewer misuses were detected than there are markers
     */
    public HeapMap {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(workload, "workload");
        if (columns <= 0 || rows <= 0 || cells.length != (long) columns * rows) {
            throw new IllegalArgumentException("a heap map needs columns × rows cells: " + columns + " × " + rows
                + " != " + cells.length);
        }
        cells = cells.clone();
        markers = List.copyOf(markers);
        Objects.requireNonNull(checkLevel, "checkLevel");
        if (detectedMisuses < markers.size()) {
            throw new IllegalArgumentException("detected misuses " + detectedMisuses + " < markers "
                + markers.size());
        }
    }

    @Override
    public byte[] cells() {
        return cells.clone();
    }

    /** {@return the cell at {@code column}, {@code row}} @param column time bucket @param row address bucket */
    public byte cell(int column, int row) {
        return cells[column * rows + row];
    }

    /**
     * {@return the size class (1..{@value #CLASS_COUNT}) of a block of {@code byteSize} bytes}
     *
     * @param byteSize a block size in bytes
     */
    public static byte classOf(long byteSize) {
        for (int i = 0; i < CLASS_COUNT; i++) {
            if (byteSize <= CLASS_UPPER_BYTES.get(i)) {
                return (byte) (i + 1);
            }
        }
        return CLASS_COUNT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeapMap m && allocator.equals(m.allocator) && workload.equals(m.workload) && ops == m.ops
            && addressBytes == m.addressBytes && columns == m.columns && rows == m.rows
            && java.util.Arrays.equals(cells, m.cells) && failedAllocations == m.failedAllocations
            && markers.equals(m.markers) && detectedMisuses == m.detectedMisuses && checkLevel.equals(m.checkLevel) && injectedFaults == m.injectedFaults;
    }

    @Override
    public int hashCode() {
        return Objects.hash(allocator, workload, ops, addressBytes, columns, rows, markers) * 31
            + java.util.Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "HeapMap[" + allocator + " on " + workload + ", " + columns + "×" + rows + ", " + addressBytes + " B]";
    }
}
