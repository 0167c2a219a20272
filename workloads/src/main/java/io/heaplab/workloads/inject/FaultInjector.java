package io.heaplab.workloads.inject;

import io.heaplab.trace.OpKind;
import io.heaplab.trace.TraceEvent;
import io.heaplab.trace.TraceHeader;
import io.heaplab.trace.TraceReader;
import io.heaplab.trace.TraceWriter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a copy of a clean trace with misuses injected at random frees, and the ground truth of each.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Read the clean trace into primitive arrays (at most {@value #MAX_OPS} operations), noting for every
 *       {@code free} the size and alignment of the block it frees.</li>
 *   <li>For each requested {@link FaultKind}, pick that many distinct frees of non-empty blocks uniformly at random
 *       (seeded; no free carries two faults; interior frees need blocks of at least 2 bytes).</li>
 *   <li>Copy the trace, emitting each fault as {@link FaultKind} describes, and a {@link FaultLabel} with the
 *       position of the faulty operation in the output. After a faulted free, later uses of the block's id are
 *       renamed to a fresh id, so that only the faults break the trace's rules.</li>
 * </ol>
 * The output is deterministic for a given trace, fault list, count and seed.
 */
public final class FaultInjector {

    /** Largest clean trace accepted, in operations (40 bytes each in memory). */
    public static final int MAX_OPS = 50_000_000;
    /** A double free after reuse comes this many allocations after the block's free. */
    public static final int REUSE_ALLOCS = 8;
    /** Offset of an invalid free from its block: far outside any heap heaplab creates. */
    public static final long FOREIGN_DELTA = 1L << 40;

    private OpKind[] kinds = new OpKind[1024];
    private long[] ids = new long[1024];
    private long[] sizes = new long[1024];
    private long[] aligns = new long[1024];
    private int count;
    private long maxId = -1;

    /**
     * The outcome of an injection.
     *
     * @param labels    the ground truth, in position order
     * @param opCount   operations written
     * @param requested faults requested per kind
     */
    public record Result(List<FaultLabel> labels, long opCount, Map<FaultKind, Integer> requested) {
    }

    /**
     * Injects faults.
     *
     * @param in       the clean trace; read to its end, not closed
     * @param faults   the kinds to inject
     * @param perKind  how many of each kind (fewer if the trace has fewer suitable frees)
     * @param seed     the random seed
     * @param out      a text-format trace writer (fault operations exist only in the text format); not closed
     * @return the labels
     * @throws IllegalArgumentException if the trace has more than {@value #MAX_OPS} operations or {@code perKind}
     *                                  is negative
     * @throws IOException              if reading or writing fails
     */
    public Result inject(TraceReader in, Set<FaultKind> faults, int perKind, long seed, TraceWriter out)
        throws IOException {
        if (perKind < 0) {
            throw new IllegalArgumentException("fault count must not be negative: " + perKind);
        }
        return inject(in, faults, perKind, Double.NaN, seed, out);
    }

    /**
     * Injects faults at a rate: {@code max(1, round(rate × operations))} of each kind.
     *
     * @param in     the clean trace; read to its end, not closed
     * @param faults the kinds to inject
     * @param rate   faults of each kind per operation of the clean trace, in (0, 1]
     * @param seed   the random seed
     * @param out    a text-format trace writer; not closed
     * @return the labels
     * @throws IllegalArgumentException if the rate is not in (0, 1] or the trace is too long
     * @throws IOException              if reading or writing fails
     */
    public Result injectAtRate(TraceReader in, Set<FaultKind> faults, double rate, long seed, TraceWriter out)
        throws IOException {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault rate must be in (0, 1]: " + rate);
        }
        return inject(in, faults, 0, rate, seed, out);
    }

    private Result inject(TraceReader in, Set<FaultKind> faults, int count, double rate, long seed, TraceWriter out)
        throws IOException {
        read(in);
        int perKind = Double.isNaN(rate) ? count : (int) Math.max(1, Math.min(MAX_OPS, Math.round(rate * this.count)));
        FaultKind[] faultAt = chooseSites(faults.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(faults),
            perKind, seed);
        List<FaultLabel> labels = write(faultAt, out);
        Map<FaultKind, Integer> requested = new HashMap<>();
        faults.forEach(kind -> requested.put(kind, perKind));
        return new Result(labels, out.opCount(), requested);
    }

    /** {@return the number of operations of the last clean trace read} */
    public int cleanOpCount() {
        return count;
    }

    private void read(TraceReader in) throws IOException {
        TraceEvent event = new TraceEvent();
        Map<Long, long[]> layouts = new HashMap<>();
        count = 0;
        while (in.next(event)) {
            if (count == MAX_OPS) {
                throw new IllegalArgumentException("trace has more than " + MAX_OPS + " operations; inject into a"
                    + " shorter one");
            }
            if (count == kinds.length) {
                int grown = (int) Math.min(MAX_OPS, 2L * count);
                kinds = Arrays.copyOf(kinds, grown);
                ids = Arrays.copyOf(ids, grown);
                sizes = Arrays.copyOf(sizes, grown);
                aligns = Arrays.copyOf(aligns, grown);
            }
            kinds[count] = event.kind;
            ids[count] = event.id;
            maxId = Math.max(maxId, event.id);
            switch (event.kind) {
                case ALLOC -> {
                    layouts.put(event.id, new long[] {event.byteSize, event.byteAlignment});
                    sizes[count] = event.byteSize;
                    aligns[count] = event.byteAlignment;
                }
                case REALLOC -> {
                    long[] layout = layouts.get(event.id);
                    if (layout != null) {
                        layout[0] = event.byteSize;
                    }
                    sizes[count] = event.byteSize;
                    aligns[count] = layout == null ? 1 : layout[1];
                }
                case FREE -> {
                    long[] layout = layouts.remove(event.id);
                    sizes[count] = layout == null ? 0 : layout[0];
                    aligns[count] = layout == null ? 1 : layout[1];
                }
                default -> throw new IllegalArgumentException("the trace already carries fault operations ('"
                    + event + "' at " + in.position() + "); inject into a clean trace");
            }
            count++;
        }
    }

    private FaultKind[] chooseSites(EnumSet<FaultKind> faults, int perKind, long seed) {
        FaultKind[] faultAt = new FaultKind[count];
        int[] frees = new int[count];
        int freeCount = 0;
        for (int i = 0; i < count; i++) {
            if (kinds[i] == OpKind.FREE && sizes[i] > 0) {
                frees[freeCount++] = i;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        // Shuffle once; then kinds take sites in turn, so that every kind gets its share of a short trace.
        for (int i = freeCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = frees[i];
            frees[i] = frees[j];
            frees[j] = t;
        }
        int next = 0;
        for (int n = 0; n < perKind; n++) {
            for (FaultKind kind : faults) {
                while (next < freeCount && kind == FaultKind.INTERIOR_FREE && sizes[frees[next]] < 2) {
                    next++;
                }
                if (next < freeCount) {
                    faultAt[frees[next++]] = kind;
                }
            }
        }
        return faultAt;
    }

    private List<FaultLabel> write(FaultKind[] faultAt, TraceWriter out) throws IOException {
        List<FaultLabel> labels = new ArrayList<>();
        Map<Long, Long> renamed = new HashMap<>();
        ArrayDeque<long[]> pendingReuse = new ArrayDeque<>(); // {allocations to wait for, id}
        long nextFreshId = maxId + 1;
        long allocations = 0;
        TraceEvent e = new TraceEvent();
        for (int i = 0; i < count; i++) {
            long id = renamed.getOrDefault(ids[i], ids[i]);
            FaultKind fault = faultAt[i];
            long size = sizes[i];
            long align = aligns[i];
            if (fault != null) {
                switch (fault) {
                    case INVALID_FREE -> emit(out, labels, fault, e.freeAt(id, FOREIGN_DELTA, size, align));
                    case INTERIOR_FREE -> emit(out, labels, fault,
                        e.freeAt(id, size > align ? align : size / 2, size, align));
                    case OVERFLOW_WRITE -> emit(out, labels, fault, e.write(id, size, 1));
                    default -> { }
                }
            }
            if (fault == FaultKind.LEAK) {
                labels.add(new FaultLabel(out.opCount(), fault, id));
            } else if (fault == FaultKind.WRONG_LAYOUT) {
                emit(out, labels, fault, e.freeAt(id, 0, 2 * size + 4096, align));
            } else {
                switch (kinds[i]) {
                    case ALLOC -> e.alloc(id, sizes[i], aligns[i]);
                    case FREE -> e.free(id);
                    default -> e.realloc(id, sizes[i]);
                }
                out.write(e);
            }
            if (kinds[i] == OpKind.ALLOC) {
                allocations++;
                while (!pendingReuse.isEmpty() && pendingReuse.peekFirst()[0] <= allocations) {
                    emit(out, labels, FaultKind.DOUBLE_FREE_AFTER_REUSE, e.free(pendingReuse.pollFirst()[1]));
                }
            }
            if (fault == null) {
                continue;
            }
            switch (fault) {
                case DOUBLE_FREE -> emit(out, labels, fault, e.free(id));
                case USE_AFTER_FREE_WRITE -> emit(out, labels, fault, e.write(id, 0, Math.min(size, 8)));
                case DOUBLE_FREE_AFTER_REUSE -> pendingReuse.addLast(new long[] {allocations + REUSE_ALLOCS, id});
                default -> { }
            }
            renamed.put(ids[i], nextFreshId++);
        }
        while (!pendingReuse.isEmpty()) {
            emit(out, labels, FaultKind.DOUBLE_FREE_AFTER_REUSE, e.free(pendingReuse.pollFirst()[1]));
        }
        return labels;
    }

    private static void emit(TraceWriter out, List<FaultLabel> labels, FaultKind kind, TraceEvent event)
        throws IOException {
        labels.add(new FaultLabel(out.opCount(), kind, event.id));
        out.write(event);
    }

    /**
     * {@return the header of the injected trace}
     *
     * @param clean  the clean trace's header
     * @param faults the kinds injected
     * @param seed   the seed
     */
    public static TraceHeader header(TraceHeader clean, Set<FaultKind> faults, long seed) {
        StringBuilder names = new StringBuilder();
        for (FaultKind kind : faults) {
            names.append(names.isEmpty() ? "" : ",").append(kind.cliName());
        }
        return new TraceHeader(clean.name() + "+faults", "inject " + names + " seed=" + seed + " into: "
            + clean.source(), -1, -1, Map.of());
    }
}
