package io.heaplab.workloads.inject;

import java.util.Locale;

/**
 * The misuses {@link FaultInjector} can inject, by their command-line names, and the trace operation each becomes
 * (B is a block freed at position i of the clean trace, s/al its size and alignment).
 *
 * <table>
 *   <caption>What each fault injects</caption>
 *   <tr><th>fault</th><th>operation</th><th>where</th></tr>
 *   <tr><td>double-free</td><td>{@code free B}</td><td>right after B's free</td></tr>
 *   <tr><td>double-free-after-reuse</td><td>{@code free B}</td><td>after the next {@value FaultInjector#REUSE_ALLOCS}
 *       allocations following B's free (or at the end), by which time B's memory has usually been reused</td></tr>
 *   <tr><td>invalid-free</td><td>{@code free-at B 2^40 s al}: an address of no heap</td><td>before B's free</td></tr>
 *   <tr><td>interior-free</td><td>{@code free-at B d s al}, {@code 0 < d < s}</td><td>before B's free</td></tr>
 *   <tr><td>wrong-layout</td><td>{@code free-at B 0 (2s + 4096) al}: a size larger than any usable size</td>
 *       <td>replaces B's free</td></tr>
 *   <tr><td>use-after-free-write</td><td>{@code write B 0 min(s, 8)}</td><td>right after B's free</td></tr>
 *   <tr><td>overflow-write</td><td>{@code write B s 1}: the byte just past the end</td><td>before B's free</td></tr>
 *   <tr><td>leak</td><td>B's free is removed</td><td>(the label names where it was)</td></tr>
 * </table>
 * After a faulted free, later operations on B's id use a fresh id, so the injected trace stays well formed apart
 * from the faults themselves.
 */
public enum FaultKind {
    DOUBLE_FREE,
    DOUBLE_FREE_AFTER_REUSE,
    INVALID_FREE,
    INTERIOR_FREE,
    WRONG_LAYOUT,
    USE_AFTER_FREE_WRITE,
    OVERFLOW_WRITE,
    LEAK;

    /** {@return the command-line name, e.g. {@code double-free-after-reuse}} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * {@return the fault named {@code name}}
     *
     * @param name a command-line name
     * @throws IllegalArgumentException if no fault has that name; the message lists them
     */
    public static FaultKind parse(String name) {
        for (FaultKind kind : values()) {
            if (kind.cliName().equals(name.strip())) {
                return kind;
            }
        }
        StringBuilder known = new StringBuilder();
        for (FaultKind kind : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(kind.cliName());
        }
        throw new IllegalArgumentException("unknown fault '" + name + "'; known: " + known);
    }
}
