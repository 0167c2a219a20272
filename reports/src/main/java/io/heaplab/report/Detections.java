package io.heaplab.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The misuses a checked replay ({@code --check cheap|full}) detected on one pair.
 *
 * @param level    the check level, {@code cheap} or {@code full}
 * @param total    misuses detected in all
 * @param byKind   per misuse kind ({@code double-free}, {@code invalid-free}, ...), the kinds detected at least once,
 *                 in the order of the checked layer's kinds
 * @param messages the first few reports' messages, oldest first
 * @implSpec Immutable.
 */
public record Detections(String level, long total, Map<String, Long> byKind, List<String> messages) {

    /** Copies the collections (keeping their order) and checks for nulls. */
    public Detections {
        Objects.requireNonNull(level, "level");
        byKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byKind));
        messages = List.copyOf(messages);
    }

    /** {@return one line, e.g. {@code detections: 3 (double-free 2, invalid-free 1)}} */
    public String summary() {
        return "detections: " + total + (byKind.isEmpty() ? "" : byKind.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")")));
    }

    /** {@return the per-kind counts as one CSV/text cell, e.g. {@code double-free=2;invalid-free=1}} */
    public String kindsCell() {
        return byKind.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
}
