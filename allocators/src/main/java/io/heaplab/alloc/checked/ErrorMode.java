package io.heaplab.alloc.checked;

/** What a {@link CheckedAllocator} does when it detects a misuse. */
public enum ErrorMode {
    /**
     * Throw a {@link MisuseException} (tests, library use). The misused operation has no effect: the allocator and
     * every live block stay as they were.
     */
    THROW,
    /**
     * Count the misuse, keep its report (the first {@link CheckConfig#maxReports()} of them) and go on (replays,
     * like ASan's {@code halt_on_error=false}). The misused operation is ignored, so the allocator stays consistent;
     * the one exception is a free with a layout that does not fit, which frees the block with its recorded layout,
     * as the caller evidently meant to.
     */
    RECORD,
    /**
     * Print the report to standard error and halt the JVM at once with exit status 134 (as glibc and Scudo abort
     * with SIGABRT): nothing runs after a detected corruption.
     */
    ABORT
}
