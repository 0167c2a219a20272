package io.heaplab.alloc.checked;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorStats;
import io.heaplab.alloc.Layout;
import io.heaplab.alloc.spi.StatsCounter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A layer that checks every call made to the allocator it wraps (composition, as Heap Layers' {@code DebugHeap}):
 * it detects the misuses of {@link MisuseKind} at the cost its {@link CheckLevel} states, and reports each with a
 * stable message through its {@link ErrorMode}.
 *
 * <h2>Notation and metadata</h2>
 * {@code a} is an untagged block address of the inner allocator, {@code p = tag(a, g)} the tagged address handed
 * to the caller (bit layout in {@link TaggedAddress}), {@code s}/{@code al} the requested size and alignment,
 * {@code rz} the redzone. Every record lives out of band in a {@link BlockTable} keyed by {@code a}, so an overflow
 * in the heap cannot corrupt it. Ops are numbered from 0 in call order ({@link #setOpIndex} lets a replay use trace
 * positions instead); reports name the op at which the block was allocated and freed.
 * <pre>
 *  level FULL, one block:   a                    a+s          a+s+rz
 *                           | user bytes (s)     | canary (rz) |        inner block of s+rz bytes
 *  freed (quarantined):     | 0xDF 0xDF ...      | canary      |        held in a FIFO of at most Q bytes
 * </pre>
 *
 * <h2>Operations</h2>
 * <ol>
 *   <li>Every call: the first thread to call becomes the owner; a call from any other thread is
 *       {@link MisuseKind#WRONG_THREAD}.</li>
 *   <li>allocate: inner allocate of {@code s} (FULL: {@code s + rz}, canary written), record LIVE with the next
 *       generation {@code g} of {@code a}; return {@code tag(a, g)}.</li>
 *   <li>free / realloc of {@code p}: look {@code a} up. Absent: misaligned if {@code a % al != 0}, else interior if a
 *       known live block contains it (a table scan, on the error path only), else invalid. Present: a generation
 *       other than the record's is a free after reuse; a record not LIVE is a double free; then the layout must fit
 *       (CHEAP: Allocator's "fits"; FULL: exactly the recorded layout, as the usable size is then the size).</li>
 *   <li>free, CHEAP: record FREED, inner free. FULL: verify the canary, poison the user bytes, record QUARANTINED,
 *       push on the quarantine; while it holds more than Q bytes, the oldest block leaves: its poison and canary are
 *       verified (a change is a write after free), it is recorded FREED and freed in the inner allocator.</li>
 *   <li>realloc, CHEAP: inner realloc; FULL: always moves (new block, copy, old block freed as in 4), so that the
 *       old block is quarantined too.</li>
 *   <li>close: FULL verifies every canary and the quarantine; every block still live is a {@link MisuseKind#LEAK}.</li>
 * </ol>
 * A misused call has no effect (the inner allocator never sees it), except a free or realloc whose layout does not
 * fit, which (in RECORD mode) goes on with the recorded layout. Detections of earlier writes (overflow, write after
 * free) are reported once the call that found them has completed.
 *
 * <h2>Invariants</h2> Every LIVE record is a live block of the inner allocator; every QUARANTINED record is a live
 * block of the inner allocator filled with poison; the statistics count the caller's view (FULL: usable size = size).
 *
 * @implSpec Not thread-safe: allocators are single-threaded, and this layer turns a second thread's call into a
 * clear {@link MisuseKind#WRONG_THREAD} report instead of silent corruption. At level CHEAP nothing is allocated
 * per operation (the table grows geometrically); FULL adds O(size) fill and verification per free.
 */
public final class CheckedAllocator implements Allocator {

    private final Allocator inner;
    private final MemorySegment memory;
    private final CheckConfig config;
    private final boolean full;
    private final int redzone;
    private final BlockTable table = new BlockTable();
    private final Quarantine quarantine = new Quarantine();
    private final MisuseLog log;
    /** Level FULL: the caller's statistics (the inner allocator counts redzones and quarantined blocks). */
    private final StatsCounter stats = new StatsCounter();
    private long opIndex;
    private Thread owner;
    private boolean closed;

    private CheckedAllocator(Allocator inner, CheckConfig config) {
        this.inner = inner;
        this.memory = inner.memory();
        this.config = config;
        this.full = config.level() == CheckLevel.FULL;
        this.redzone = full ? config.redzoneBytes() : 0;
        this.log = new MisuseLog(config.mode(), config.maxReports());
    }

    /**
     * {@return {@code inner} checked as {@code config} says, or {@code inner} itself at level OFF}
     *
     * @param inner  the allocator to check; owned by the result from now on
     * @param config level, error mode and sizes
     */
    public static Allocator wrap(Allocator inner, CheckConfig config) {
        return config.level() == CheckLevel.OFF ? inner : of(inner, config);
    }

    /**
     * {@return a checking layer over {@code inner}}
     *
     * @param inner  the allocator to check; owned by the result from now on
     * @param config level (CHEAP or FULL), error mode and sizes
     * @throws IllegalArgumentException if the level is OFF
     */
    public static CheckedAllocator of(Allocator inner, CheckConfig config) {
        if (config.level() == CheckLevel.OFF) {
            throw new IllegalArgumentException("a checked allocator needs level cheap or full, not off");
        }
        return new CheckedAllocator(inner, config);
    }

    @Override
    public String name() {
        return inner.name();
    }

    /** {@inheritDoc} Addresses from this layer are tagged: read through {@link TaggedAddress#untag}. */
    @Override
    public MemorySegment memory() {
        return memory;
    }

    @Override
    public long heapBytes() {
        return inner.heapBytes();
    }

    /** {@return the settings} */
    public CheckConfig config() {
        return config;
    }

    /** {@return the index the next operation will get} */
    public long opIndex() {
        return opIndex;
    }

    /**
     * Numbers the next operation {@code index} (a replay numbers ops by trace position); later ones follow on.
     *
     * @param index a non-negative op index
     */
    public void setOpIndex(long index) {
        opIndex = index;
    }

    /** {@return the reports kept in RECORD mode, oldest first} */
    public List<MisuseReport> reports() {
        return log.reports();
    }

    /** {@return how many misuses of {@code kind} were reported} @param kind the kind */
    public long misuseCount(MisuseKind kind) {
        return log.count(kind);
    }

    /** {@return how many misuses were reported in all} */
    public long misuseCount() {
        return log.total();
    }

    @Override
    public long allocate(long byteSize, long byteAlignment) {
        long op = opIndex++;
        if (!onOwnerThread("allocate", -1, byteSize, byteAlignment, op)) {
            return FAILED;
        }
        return allocateAt(byteSize, byteAlignment, op);
    }

    private long allocateAt(long byteSize, long byteAlignment, long op) {
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0) {
            return byteAlignment;
        }
        long request = byteSize + redzone;
        long address = request < 0 ? FAILED : inner.allocate(request, byteAlignment);
        if (address == FAILED) {
            stats.failed();
            return FAILED;
        }
        int slot = table.insert(address, byteSize, byteAlignment, op);
        if (full) {
            Redzones.writeCanary(memory, address, byteSize, redzone);
            stats.allocated(byteSize, byteSize);
        }
        return TaggedAddress.tag(address, table.generation(slot));
    }

    @Override
    public void deallocate(long address, long byteSize, long byteAlignment) {
        long op = opIndex++;
        if (!onOwnerThread("free", TaggedAddress.untag(address), byteSize, byteAlignment, op)) {
            return;
        }
        Layout.check(byteSize, byteAlignment);
        if (byteSize == 0 && address == byteAlignment) {
            return;
        }
        int slot = resolve("free", address, byteSize, byteAlignment, op);
        if (slot >= 0) {
            free(slot, op);
        }
    }

    @Override
    public long reallocate(long address, long oldByteSize, long byteAlignment, long newByteSize) {
        long op = opIndex++;
        if (!onOwnerThread("realloc", TaggedAddress.untag(address), oldByteSize, byteAlignment, op)) {
            return FAILED;
        }
        Layout.check(oldByteSize, byteAlignment);
        Layout.check(newByteSize, byteAlignment);
        if (oldByteSize == 0 && address == byteAlignment) {
            return allocateAt(newByteSize, byteAlignment, op);
        }
        int slot = resolve("realloc", address, oldByteSize, byteAlignment, op);
        if (slot < 0) {
            return FAILED;
        }
        if (newByteSize == 0) {
            free(slot, op);
            return byteAlignment;
        }
        long a = table.address(slot);
        long oldSize = table.byteSize(slot);
        long alignment = table.byteAlignment(slot);
        if (full) {
            long moved = inner.allocate(newByteSize + redzone, alignment);
            if (moved == FAILED) {
                stats.failed();
                return FAILED;
            }
            MemorySegment.copy(memory, a, memory, moved, Math.min(oldSize, newByteSize));
            Redzones.writeCanary(memory, moved, newByteSize, redzone);
            int movedSlot = table.insert(moved, newByteSize, alignment, op);
            int generation = table.generation(movedSlot);
            stats.reallocated(false, oldSize, oldSize, newByteSize, newByteSize);
            releaseFull(table.find(a), op, false);
            return TaggedAddress.tag(moved, generation);
        }
        long given = alignment == byteAlignment && fits(slot, oldByteSize) ? oldByteSize : oldSize;
        long result = inner.reallocate(a, given, alignment, newByteSize);
        if (result == FAILED) {
            return FAILED;
        }
        if (result == a) {
            table.setByteSize(slot, newByteSize);
            return address;
        }
        table.setState(slot, BlockTable.FREED, op);
        return TaggedAddress.tag(result, table.generation(table.insert(result, newByteSize, alignment, op)));
    }

    @Override
    public long usableSize(long address, long byteSize, long byteAlignment) {
        if (byteSize == 0 && address == byteAlignment) {
            return 0;
        }
        int slot = resolve("usableSize", address, byteSize, byteAlignment, opIndex);
        if (slot < 0) {
            return 0;
        }
        if (full) {
            return table.byteSize(slot);
        }
        boolean fitting = byteAlignment == table.byteAlignment(slot) && fits(slot, byteSize);
        return inner.usableSize(table.address(slot), fitting ? byteSize : table.byteSize(slot),
            table.byteAlignment(slot));
    }

    /**
     * Looks a tagged address up and checks it names a live block that the layout fits.
     *
     * @return the block's slot, or -1 if a misuse was reported (RECORD mode) and the call must be ignored
     */
    private int resolve(String what, long address, long byteSize, long byteAlignment, long op) {
        long a = TaggedAddress.untag(address);
        int slot = address < 0 ? -1 : table.find(a);
        if (slot < 0) {
            reportUnknown(what, a, byteSize, byteAlignment, op);
            return -1;
        }
        int generation = table.generation(slot);
        int state = table.state(slot);
        int tag = TaggedAddress.generation(address);
        if (state != BlockTable.LIVE && (tag != generation
            || byteSize != table.byteSize(slot) || byteAlignment != table.byteAlignment(slot))
            && reportInterior(what, a, tag, byteSize, byteAlignment, op)) {
            // Where an old block started, now inside a live block whose tag the address carries: the caller
            // computed it from that live block's address.
            return -1;
        }
        if (tag != generation) {
            log.report(Misuses.stale(what, a, TaggedAddress.generation(address), generation,
                state == BlockTable.LIVE, table.byteSize(slot), table.byteAlignment(slot), op, table.allocOp(slot),
                table.freeOp(slot)));
            return -1;
        }
        if (state != BlockTable.LIVE) {
            log.report(Misuses.doubleFree(what, a, table.byteSize(slot), table.byteAlignment(slot), op,
                table.allocOp(slot), table.freeOp(slot)));
            return -1;
        }
        if (byteAlignment != table.byteAlignment(slot) || !fits(slot, byteSize)) {
            log.report(Misuses.wrongLayout(what, a, byteSize, byteAlignment, op, table.byteSize(slot),
                table.byteAlignment(slot), table.allocOp(slot)));
            // RECORD mode: go on with the recorded layout, as the caller meant to.
        }
        return slot;
    }

    /** {@return whether {@code byteSize} fits the live block in {@code slot}: exactly its size at FULL} */
    private boolean fits(int slot, long byteSize) {
        long recorded = table.byteSize(slot);
        if (byteSize == recorded) {
            return true;
        }
        return !full && byteSize > recorded
            && byteSize <= inner.usableSize(table.address(slot), recorded, table.byteAlignment(slot));
    }

    private void reportUnknown(String what, long a, long byteSize, long byteAlignment, long op) {
        if ((a & (byteAlignment - 1)) != 0) {
            log.report(Misuses.misaligned(what, a, byteSize, byteAlignment, op));
            return;
        }
        if (!reportInterior(what, a, -1, byteSize, byteAlignment, op)) {
            log.report(Misuses.invalid(what, a, byteSize, byteAlignment, op));
        }
    }

    /**
     * Reports an interior free if a live block contains {@code a} (and carries generation {@code tag}, unless it is
     * -1); a table scan, on the error path only.
     */
    private boolean reportInterior(String what, long a, int tag, long byteSize, long byteAlignment, long op) {
        for (int i = 0; i < table.capacity(); i++) {
            if (table.used(i) && table.state(i) == BlockTable.LIVE && table.address(i) < a
                && a < table.address(i) + table.byteSize(i) && (tag < 0 || tag == table.generation(i))) {
                log.report(Misuses.interior(what, a, byteSize, byteAlignment, op, table.address(i),
                    table.byteSize(i), table.byteAlignment(i), table.allocOp(i)));
                return true;
            }
        }
        return false;
    }

    /** Frees the live block in {@code slot} (its recorded layout). */
    private void free(int slot, long op) {
        if (!full) {
            table.setState(slot, BlockTable.FREED, op);
            inner.deallocate(table.address(slot), table.byteSize(slot), table.byteAlignment(slot));
            return;
        }
        stats.deallocated(table.byteSize(slot), table.byteSize(slot));
        releaseFull(slot, op, true);
    }

    /**
     * Level FULL: checks the canary of a block leaving the live state, poisons it and quarantines it; then lets
     * the oldest quarantined blocks go while the quarantine is over its bound.
     */
    private void releaseFull(int slot, long op, boolean onFree) {
        long a = table.address(slot);
        long size = table.byteSize(slot);
        long changed = Redzones.checkCanary(memory, a, size, redzone);
        if (changed >= 0) {
            Redzones.writeCanary(memory, a, size, redzone); // reported once, below; not again from the quarantine
        }
        Redzones.poison(memory, a, size);
        table.setState(slot, BlockTable.QUARANTINED, op);
        quarantine.push(a, size + redzone);
        drainQuarantine(config.quarantineBytes(), op);
        if (changed >= 0) {
            log.report(Misuses.overflow(a, size, table.byteAlignment(slot), op, onFree ? "on free" : "on realloc",
                changed, table.allocOp(slot)));
        }
    }

    private void drainQuarantine(long maxBytes, long op) {
        while (!quarantine.isEmpty() && quarantine.heldBytes() > maxBytes) {
            long a = quarantine.poll();
            int slot = table.find(a);
            long size = table.byteSize(slot);
            long changed = Redzones.checkPoison(memory, a, size);
            if (changed < 0) {
                changed = Redzones.checkCanary(memory, a, size, redzone);
            }
            table.setState(slot, BlockTable.FREED, op);
            inner.deallocate(a, size + redzone, table.byteAlignment(slot));
            if (changed >= 0) {
                log.report(Misuses.writeAfterFree(a, size, table.byteAlignment(slot), op, "leaving quarantine",
                    changed, table.allocOp(slot), table.freeOp(slot)));
            }
        }
    }

    /**
     * Checks now what level FULL otherwise checks late: the canary of every live block and the poison of every
     * quarantined block (O(live and quarantined bytes)). Does nothing at level CHEAP.
     *
     * @return the number of misuses found
     * @throws MisuseException in THROW mode, for the first misuse found
     */
    public int verify() {
        if (!full) {
            return 0;
        }
        int found = 0;
        long op = opIndex;
        for (int i = 0; i < table.capacity(); i++) {
            if (!table.used(i)) {
                continue;
            }
            long a = table.address(i);
            long size = table.byteSize(i);
            if (table.state(i) == BlockTable.LIVE) {
                long changed = Redzones.checkCanary(memory, a, size, redzone);
                if (changed >= 0) {
                    found++;
                    Redzones.writeCanary(memory, a, size, redzone);
                    log.report(Misuses.overflow(a, size, table.byteAlignment(i), op, "on verify", changed,
                        table.allocOp(i)));
                }
            } else if (table.state(i) == BlockTable.QUARANTINED) {
                long changed = Redzones.checkPoison(memory, a, size);
                if (changed < 0) {
                    changed = Redzones.checkCanary(memory, a, size, redzone);
                }
                if (changed >= 0) {
                    found++;
                    Redzones.poison(memory, a, size);
                    Redzones.writeCanary(memory, a, size, redzone);
                    log.report(Misuses.writeAfterFree(a, size, table.byteAlignment(i), op, "on verify", changed,
                        table.allocOp(i), table.freeOp(i)));
                }
            }
        }
        return found;
    }

    /** {@return one LEAK report per block still live, largest first} Reports nothing by itself. */
    public List<MisuseReport> leaks() {
        List<MisuseReport> leaks = new ArrayList<>();
        for (int i = 0; i < table.capacity(); i++) {
            if (table.used(i) && table.state(i) == BlockTable.LIVE) {
                leaks.add(Misuses.leak(table.address(i), table.byteSize(i), table.byteAlignment(i), opIndex,
                    table.allocOp(i)));
            }
        }
        leaks.sort(Comparator.comparingLong(MisuseReport::byteSize).reversed()
            .thenComparingLong(MisuseReport::address));
        return leaks;
    }

    private boolean onOwnerThread(String what, long address, long byteSize, long byteAlignment, long op) {
        Thread current = Thread.currentThread();
        if (current == owner) {
            return true;
        }
        if (owner == null) {
            owner = current;
            return true;
        }
        log.report(Misuses.wrongThread(what, address, byteSize, byteAlignment, op, current, owner));
        return false;
    }

    @Override
    public AllocatorStats stats() {
        AllocatorStats in = inner.stats();
        long metadata = in.metadataBytes() + table.metadataBytes() + quarantine.metadataBytes();
        if (!full) {
            return new AllocatorStats(in.allocations(), in.deallocations(), in.reallocationsInPlace(),
                in.reallocationsMoved(), in.failedAllocations(), in.liveBlocks(), in.liveRequestedBytes(),
                in.liveGrantedBytes(), in.peakLiveBlocks(), in.peakLiveRequestedBytes(), in.peakLiveGrantedBytes(),
                in.footprintBytes(), in.freeBytes(), in.largestFreeBlockBytes(), in.heapBytes(), metadata);
        }
        AllocatorStats s = stats.snapshot(-1, -1, in.heapBytes(), metadata);
        long largest = in.largestFreeBlockBytes() < 0 ? -1 : Math.max(0, in.largestFreeBlockBytes() - redzone);
        return new AllocatorStats(s.allocations(), s.deallocations(),
            s.reallocationsInPlace(), s.reallocationsMoved(), s.failedAllocations(), s.liveBlocks(),
            s.liveRequestedBytes(), s.liveGrantedBytes(), s.peakLiveBlocks(), s.peakLiveRequestedBytes(),
            s.peakLiveGrantedBytes(), in.footprintBytes(), in.freeBytes(), largest, in.heapBytes(), metadata);
    }

    /** {@inheritDoc} Level FULL first empties the quarantine, verifying every block that leaves it. */
    @Override
    public void trim() {
        if (full) {
            drainQuarantine(0, opIndex);
        }
        inner.trim();
    }

    @Override
    public void reset() {
        inner.reset();
        table.clear();
        quarantine.clear();
        stats.clear();
    }

    /**
     * {@inheritDoc} Level FULL first verifies every canary and the quarantine; then every block still live is
     * reported as a {@link MisuseKind#LEAK}: in RECORD mode one report per block, otherwise one report naming the
     * count, the bytes and the largest blocks. The inner allocator is closed in every case.
     *
     * @throws MisuseException in THROW mode if a misuse or a leak was found (after the heap was released)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            verify();
            List<MisuseReport> leaks = leaks();
            if (leaks.isEmpty()) {
                return;
            }
            if (log.mode() == ErrorMode.RECORD) {
                leaks.forEach(log::report);
                return;
            }
            long bytes = 0;
            StringBuilder largest = new StringBuilder();
            for (int i = 0; i < leaks.size(); i++) {
                MisuseReport leak = leaks.get(i);
                bytes += leak.byteSize();
                if (i < 3) {
                    largest.append(i == 0 ? "" : ", ").append(leak.message().substring("leak of ".length()));
                }
            }
            MisuseReport first = leaks.getFirst();
            log.report(new MisuseReport(MisuseKind.LEAK, "leaks at close: " + leaks.size() + " block"
                + (leaks.size() == 1 ? "" : "s") + ", " + bytes + " B; largest: " + largest, first.address(),
                first.byteSize(), first.byteAlignment(), opIndex, first.allocatedAtOp(), -1));
        } finally {
            inner.close();
        }
    }
}
