package io.heaplab.alloc.checked;

/**
 * How much a {@link CheckedAllocator} checks, and what it costs (the cost classes of heaplab's detection notes).
 *
 * <table>
 *   <caption>What each level detects</caption>
 *   <tr><th>level</th><th>detects</th><th>cost</th></tr>
 *   <tr><td>{@link #OFF}</td><td>nothing: the inner allocator itself is used</td><td>none</td></tr>
 *   <tr><td>{@link #CHEAP}</td><td>double free (also after reuse, by generation tag), invalid (foreign), interior
 *       and misaligned free, a free or realloc whose layout does not fit, use from a second thread, leaks at
 *       close</td><td>O(1) per allocate/free: one out-of-band hash-table probe; nothing allocated per operation</td></tr>
 *   <tr><td>{@link #FULL}</td><td>CHEAP, plus write after free (poison verified when the block leaves the
 *       quarantine), heap overflow into a redzone (checked on free, realloc and {@link CheckedAllocator#verify()}),
 *       allocation and free sites (op indices) in every report</td><td>O(block size) per free (poison fill and
 *       verification), a redzone per block, a quarantine of freed blocks bounded in bytes</td></tr>
 * </table>
 */
public enum CheckLevel {
    /** No checks: {@link CheckedAllocator#wrap} returns the inner allocator itself. */
    OFF,
    /** O(1) checks on every allocate, free and realloc. */
    CHEAP,
    /** CHEAP plus poison, quarantine and redzones. */
    FULL;

    /**
     * {@return the level named {@code name}, case-insensitively}
     *
     * @param name {@code off}, {@code cheap} or {@code full}
     * @throws IllegalArgumentException if {@code name} is none of these; the message lists them
     */
    public static CheckLevel parse(String name) {
        for (CheckLevel level : values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown check level '" + name + "'; expected off, cheap or full");
    }
}
