package io.heaplab.harness;

import io.heaplab.alloc.Allocator;
import io.heaplab.alloc.AllocatorSpec;
import io.heaplab.alloc.checked.CheckConfig;
import io.heaplab.alloc.checked.CheckLevel;
import io.heaplab.alloc.checked.CheckedAllocator;
import io.heaplab.alloc.checked.ErrorMode;
import io.heaplab.alloc.checked.MisuseKind;
import io.heaplab.alloc.checked.MisuseReport;
import io.heaplab.report.Detections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the allocator a replay measures under {@code --check}: the registered allocator itself at level
 * {@code OFF}, else wrapped in a {@link CheckedAllocator} in {@link ErrorMode#RECORD} mode (every misuse counted,
 * the call ignored, the replay goes on). Only research allocators can be wrapped: a native allocator's blocks are
 * not in a heaplab heap (no {@code memory()} to poison or guard), and a baseline's are not blocks at all.
 *
 * @implSpec Stateless.
 */
public final class CheckedAllocators {

    /** Report messages kept per pair in the results. */
    public static final int MESSAGES_KEPT = 3;

    private CheckedAllocators() {
    }

    /**
     * {@return a fresh allocator for {@code spec}, checked at {@code level}}
     *
     * @param spec      the allocator
     * @param heapBytes heap capacity for a research allocator
     * @param level     the check level
     * @throws UnsupportedOperationException if the level is not OFF and {@code spec} is not a research allocator, or
     *                                       the allocator is unavailable here
     * @throws IllegalArgumentException      if the allocator cannot be built over {@code heapBytes}
     */
    public static Allocator create(AllocatorSpec spec, long heapBytes, CheckLevel level) {
        if (level == CheckLevel.OFF) {
            return spec.create(heapBytes);
        }
        if (spec.kind() != AllocatorSpec.Kind.RESEARCH) {
            throw new UnsupportedOperationException(unchecked(spec, level));
        }
        return CheckedAllocator.of(spec.create(heapBytes), CheckConfig.of(level, ErrorMode.RECORD));
    }

    /** {@return the one-line reason a non-research allocator is not replayed under {@code --check level}} */
    static String unchecked(AllocatorSpec spec, CheckLevel level) {
        String kind = spec.kind() == AllocatorSpec.Kind.NATIVE ? "native" : "baseline";
        return "--check " + level.name().toLowerCase(java.util.Locale.ROOT) + " wraps research allocators only: a "
            + kind + " allocator's blocks are not in a heaplab heap, so they cannot be checked";
    }

    /**
     * {@return what a checked allocator detected so far, or {@code null} if {@code allocator} is not checked}
     *
     * @param allocator the allocator of a replay
     */
    public static Detections detections(Allocator allocator) {
        if (!(allocator instanceof CheckedAllocator checked)) {
            return null;
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (MisuseKind kind : MisuseKind.values()) {
            long n = checked.misuseCount(kind);
            if (n > 0) {
                byKind.put(kindName(kind), n);
            }
        }
        List<MisuseReport> reports = checked.reports();
        List<String> first = reports.subList(0, Math.min(MESSAGES_KEPT, reports.size())).stream()
            .map(MisuseReport::message).toList();
        return new Detections(checked.config().level().name().toLowerCase(java.util.Locale.ROOT),
            checked.misuseCount(), byKind, first);
    }

    /** {@return a kind as users write it: {@code DOUBLE_FREE} is {@code double-free}} */
    static String kindName(MisuseKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
