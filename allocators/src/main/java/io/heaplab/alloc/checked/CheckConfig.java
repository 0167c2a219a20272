package io.heaplab.alloc.checked;

/**
 * The settings of a {@link CheckedAllocator}.
 *
 * @param level           what is checked
 * @param mode            what happens on a misuse
 * @param quarantineBytes level FULL: the most bytes of freed blocks held back from reuse (FIFO); a freed block
 *                        larger than this is poisoned, verified and released at once
 * @param redzoneBytes    level FULL: bytes of canary after each block, a positive multiple of 8
 * @param maxReports      mode RECORD: how many reports are kept (every misuse is counted)
 */
public record CheckConfig(CheckLevel level, ErrorMode mode, long quarantineBytes, int redzoneBytes, int maxReports) {

    /** Default quarantine: 1 MiB of freed blocks (ASan keeps 256 MB; heaplab's heaps are small). */
    public static final long DEFAULT_QUARANTINE_BYTES = 1L << 20;
    /** Default redzone: 16 bytes, ASan's minimum redzone. */
    public static final int DEFAULT_REDZONE_BYTES = 16;
    /** Default number of reports kept in RECORD mode. */
    public static final int DEFAULT_MAX_REPORTS = 1000;

    /**
     * @throws NullPointerException     if {@code level} or {@code mode} is null
     * @throws IllegalArgumentException if {@code quarantineBytes} or {@code maxReports} is negative, or
     *                                  {@code redzoneBytes} is not a positive multiple of 8
     */
    public CheckConfig {
        java.util.Objects.requireNonNull(level, "level");
        java.util.Objects.requireNonNull(mode, "mode");
        if (quarantineBytes < 0 || maxReports < 0 || redzoneBytes <= 0 || redzoneBytes % 8 != 0) {
            throw new IllegalArgumentException("quarantine " + quarantineBytes + " B, redzone " + redzoneBytes
                + " B, max reports " + maxReports + ": expected quarantine >= 0, redzone a positive multiple of 8,"
                + " max reports >= 0");
        }
    }

    /**
     * {@return the default settings for a level and mode}
     *
     * @param level what is checked
     * @param mode  what happens on a misuse
     */
    public static CheckConfig of(CheckLevel level, ErrorMode mode) {
        return new CheckConfig(level, mode, DEFAULT_QUARANTINE_BYTES, DEFAULT_REDZONE_BYTES, DEFAULT_MAX_REPORTS);
    }
}
