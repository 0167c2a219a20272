package io.heaplab.harness.detect;

import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceWriter;
import io.heaplab.workloads.inject.FaultLabel;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A fault-injected trace held in memory as primitive arrays, with its labels: what {@link DetectReplay} replays.
 * Also a {@link TraceWriter}, so that the injector can write straight into it.
 *
 * @implSpec Not thread-safe; immutable once {@link #labels} are set and it is replayed.
 */
public final class InjectedTrace implements TraceWriter {

    /** Largest trace held, in operations. */
    static final int MAX_OPS = 50_000_000;

    final String name;
    OpKind[] kinds = new OpKind[1024];
    long[] ids = new long[1024];
    long[] sizes = new long[1024];
    long[] aligns = new long[1024];
    long[] offsets = new long[1024];
    int count;
    long maxId = -1;
    private List<FaultLabel> labels = List.of();

    /** @param name the name results carry */
    public InjectedTrace(String name) {
        this.name = name;
    }

    /**
     * {@return a trace read to its end}
     *
     * @param name   the name results carry
     * @param reader an injected (or clean) trace; not closed
     * @param labels the ground truth
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the trace has more than {@value #MAX_OPS} operations or an id above
     *                                  {@code Integer.MAX_VALUE - 8}
     */
    public static InjectedTrace read(String name, TraceReader reader, List<FaultLabel> labels) throws IOException {
        InjectedTrace trace = new InjectedTrace(name);
        TraceEvent event = new TraceEvent();
        while (reader.next(event)) {
            trace.write(event);
        }
        trace.labels = List.copyOf(labels);
        return trace;
    }

    /** {@return the labels} */
    public List<FaultLabel> labels() {
        return labels;
    }

    /** @param labels the ground truth of this trace */
    public void labels(List<FaultLabel> labels) {
        this.labels = List.copyOf(labels);
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    @Override
    public void write(TraceEvent event) {
        if (count == MAX_OPS) {
            throw new IllegalArgumentException("trace has more than " + MAX_OPS + " operations");
        }
        if (event.id > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("id " + event.id + " is too large for detect (limit "
                + (Integer.MAX_VALUE - 8) + ")");
        }
        if (count == kinds.length) {
            int grown = (int) Math.min(MAX_OPS, 2L * count);
            kinds = Arrays.copyOf(kinds, grown);
            ids = Arrays.copyOf(ids, grown);
            sizes = Arrays.copyOf(sizes, grown);
            aligns = Arrays.copyOf(aligns, grown);
            offsets = Arrays.copyOf(offsets, grown);
        }
        kinds[count] = event.kind;
        ids[count] = event.id;
        sizes[count] = event.byteSize;
        aligns[count] = event.byteAlignment;
        offsets[count] = event.byteOffset;
        maxId = Math.max(maxId, event.id);
        count++;
    }

    @Override
    public long opCount() {
        return count;
    }

    /** {@return the number of operations} */
    public int size() {
        return count;
    }

    @Override
    public void close() {
    }
}
