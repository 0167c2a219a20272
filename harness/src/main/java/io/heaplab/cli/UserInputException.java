package io.heaplab.cli;

/**
 * A mistake in what the user asked for (unknown allocator, unreadable file, malformed trace). heaplab prints its
 * message on one line, without a stack trace, and exits with {@link ExitCode#BAD_INPUT}.
 */
public final class UserInputException extends RuntimeException {

    /** @param message one line saying what was wrong and, where possible, what was expected */
    public UserInputException(String message) {
        super(message);
    }

    /**
     * @param message one line saying what was wrong
     * @param cause   the underlying exception
     */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
