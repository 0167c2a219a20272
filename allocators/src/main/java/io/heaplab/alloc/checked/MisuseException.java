package io.heaplab.alloc.checked;

/**
 * Thrown by a {@link CheckedAllocator} in {@link ErrorMode#THROW} when it detects a misuse. The misused call had
 * no effect (see {@link ErrorMode#THROW}); its message is the report's stable message.
 *
 * @apiNote A misuse is a bug in the caller, as a double {@code Arena.close()} is: it is deliberately an unchecked
 * exception, as the JDK's {@code IllegalStateException} and {@code WrongThreadException} are.
 */
public final class MisuseException extends RuntimeException implements Misuse {

    private static final long serialVersionUID = 1L;

    /** The report; records are serializable components of this exception only in spirit, so it is transient. */
    private final transient MisuseReport report;

    /**
     * @param report the detected misuse
     */
    public MisuseException(MisuseReport report) {
        super(report.message());
        this.report = report;
    }

    /** {@return what was misused} */
    @Override
    public MisuseKind kind() {
        return report.kind();
    }

    /** {@return the full report} */
    public MisuseReport report() {
        return report;
    }
}
