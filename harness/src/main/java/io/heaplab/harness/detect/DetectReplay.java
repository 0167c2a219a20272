package io.heaplab.harness.detect;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.checked.CheckedAllocator;
import io.heaplab.alloc.checked.TaggedAddress;
import io.heaplab.workloads.inject.FaultKind;
import io.heaplab.workloads.inject.FaultLabel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * Replays an {@link InjectedTrace} on one allocator, fault operations included, and records where each fault
 * landed (the untagged address it concerned) so that reports can be matched to labels.
 *
 * <h2>Semantics of the operations</h2>
 * <ul>
 *   <li>{@code alloc}, {@code free}, {@code realloc} as in any replay, except that a {@code free} of an id that is
 *       no longer live frees the id's last address with its last layout again (a double free).</li>
 *   <li>{@code write id offset length}: complements {@code length} bytes at the id's last address + offset (so the
 *       write always changes memory); skipped if that range is outside {@code memory()}.</li>
 *   <li>{@code free-at id delta size align}: frees the id's last (tagged) address + delta with that layout; with
 *       delta 0 the block counts as freed afterwards (a free with a wrong layout).</li>
 *   <li>Operations on an id whose allocation failed are skipped.</li>
 *   <li>At the end, blocks still live are freed, except those of {@code leak} labels: a trace is a window of a run,
 *       not a whole program.</li>
 * </ul>
 * When the allocator is a {@link CheckedAllocator}, each operation's op index is its trace position, and the
 * end-of-trace frees are numbered from the trace's length.
 *
 * @implSpec Not thread-safe. Allocates nothing per operation once its id tables are sized.
 */
public final class DetectReplay {

    private DetectReplay() {
    }

    /**
     * The outcome of one replay.
     *
     * @param targets      per label (in the trace's label order), the untagged address its fault concerned, or -1
     *                     if the fault could not be applied (its block's allocation had failed)
     * @param elapsedNanos time spent replaying, end-of-trace frees included
     */
    public record Result(long[] targets, long elapsedNanos) {
    }

    /**
     * Replays {@code trace} on {@code allocator}; does not close it.
     *
     * @param trace     the trace
     * @param allocator a fresh allocator (checked or not)
     * @return where each fault landed, and the time taken
     */
    public static Result replay(InjectedTrace trace, Allocator allocator) {
        return replay(trace, allocator, true);
    }

    /**
     * Replays {@code trace} on {@code allocator}; does not close it.
     *
     * @param trace       the trace
     * @param allocator   a fresh allocator (checked or not)
     * @param applyWrites whether {@code write} operations are performed; if not, their target is still recorded
     *                    (a level that does not check writes misses them either way, and performing them corrupts
     *                    allocators that keep free-list links inside free blocks, which would taint the rest of
     *                    the replay)
     * @return where each fault landed, and the time taken
     */
    public static Result replay(InjectedTrace trace, Allocator allocator, boolean applyWrites) {
        int ids = (int) (trace.maxId + 1);
        long[] address = new long[ids];
        long[] size = new long[ids];
        long[] align = new long[ids];
        boolean[] live = new boolean[ids];
        Arrays.fill(address, Allocator.FAILED);
        List<FaultLabel> labels = trace.labels();
        int[] labelAt = new int[trace.count + 1];
        Arrays.fill(labelAt, -1);
        boolean[] leaked = new boolean[ids];
        for (int l = 0; l < labels.size(); l++) {
            FaultLabel label = labels.get(l);
            if (label.kind() == FaultKind.LEAK) {
                if (label.id() < ids) {
                    leaked[(int) label.id()] = true;
                }
            } else if (label.position() < trace.count) {
                labelAt[(int) label.position()] = l;
            }
        }
        long[] targets = new long[labels.size()];
        Arrays.fill(targets, -1);
        CheckedAllocator checked = allocator instanceof CheckedAllocator c ? c : null;
        MemorySegment memory = allocator.memory();
        long start = System.nanoTime();
        for (int i = 0; i < trace.count; i++) {
            if (checked != null) {
                checked.setOpIndex(i);
            }
            int id = (int) trace.ids[i];
            long target = -1;
            switch (trace.kinds[i]) {
                case ALLOC -> {
                    long a = allocator.allocate(trace.sizes[i], trace.aligns[i]);
                    address[id] = a;
                    size[id] = trace.sizes[i];
                    align[id] = trace.aligns[i];
                    live[id] = a != Allocator.FAILED;
                }
                case FREE -> {
                    if (address[id] != Allocator.FAILED) {
                        target = TaggedAddress.untag(address[id]);
                        allocator.deallocate(address[id], size[id], align[id]);
                        live[id] = false;
                    }
                }
                case REALLOC -> {
                    if (live[id]) {
                        long r = allocator.reallocate(address[id], size[id], align[id], trace.sizes[i]);
                        if (r != Allocator.FAILED) {
                            address[id] = r;
                            size[id] = trace.sizes[i];
                        }
                    }
                }
                case WRITE -> {
                    if (address[id] != Allocator.FAILED && size[id] > 0) {
                        long at = TaggedAddress.untag(address[id]) + trace.offsets[i];
                        target = TaggedAddress.untag(address[id]);
                        if (applyWrites) {
                            complement(memory, at, trace.sizes[i]);
                        }
                    }
                }
                case FREE_AT -> {
                    if (address[id] != Allocator.FAILED && size[id] > 0) {
                        long a = address[id] + trace.offsets[i];
                        target = TaggedAddress.untag(a);
                        allocator.deallocate(a, trace.sizes[i], trace.aligns[i]);
                        if (trace.offsets[i] == 0) {
                            live[id] = false;
                        }
                    }
                }
            }
            if (labelAt[i] >= 0) {
                targets[labelAt[i]] = target;
            }
        }
        long index = trace.count;
        for (int id = 0; id < ids; id++) {
            if (live[id] && !leaked[id]) {
                if (checked != null) {
                    checked.setOpIndex(index++);
                }
                allocator.deallocate(address[id], size[id], align[id]);
            }
        }
        long elapsed = System.nanoTime() - start;
        for (int l = 0; l < labels.size(); l++) {
            FaultLabel label = labels.get(l);
            if (label.kind() == FaultKind.LEAK && label.id() < ids && live[(int) label.id()]) {
                targets[l] = TaggedAddress.untag(address[(int) label.id()]);
            }
        }
        if (checked != null) {
            checked.setOpIndex(index);
        }
        return new Result(targets, elapsed);
    }

    private static void complement(MemorySegment memory, long at, long length) {
        if (at < 0 || length <= 0 || at > memory.byteSize() - length) {
            return;
        }
        for (long k = 0; k < length; k++) {
            byte b = memory.get(ValueLayout.JAVA_BYTE, at + k);
            memory.set(ValueLayout.JAVA_BYTE, at + k, (byte) ~b);
        }
    }
}
