package io.heaplab.cli;

/** The exit codes of every heaplab command. */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed for a reason other than the user's input (a bug, an I/O error, a failed measurement). */
    public static final int FAILURE = 1;
    /** The user's input was bad: an unknown option, name or file, a malformed trace. A one-line message says why. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
