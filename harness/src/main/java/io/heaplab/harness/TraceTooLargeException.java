package io.heaplab.harness;

/**
 * A trace whose blocks live at once do not fit this JVM's maximum heap ({@code -Xmx}). A user's input, not a bug:
 * the command line reports the message as one line and exits 2.
 */
public final class TraceTooLargeException extends IllegalArgumentException {

    /**
     * @param traceName      the trace
     * @param opsRead        operations read so far
     * @param liveBlocks     blocks live at once so far
     * @param neededBytes    the Java heap the trace needs, estimated; -1 if unknown (more than there is)
     * @param maxHeapBytes   the Java heap this JVM may use
     */
    TraceTooLargeException(String traceName, long opsRead, long liveBlocks, long neededBytes, long maxHeapBytes) {
        super("trace '" + traceName + "' does not fit in memory: after " + opsRead + " operations it has "
            + liveBlocks + " blocks live at once, which need "
            + (neededBytes < 0 ? "more Java heap than" : "about " + mib(neededBytes) + " MiB of Java heap;")
            + " this JVM may use " + mib(maxHeapBytes) + " MiB (raise it with HEAPLAB_JAVA_OPTS=-Xmx"
            + (Math.max(neededBytes, maxHeapBytes) * 2 / (1L << 30) + 1) + "g)");
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
