package org.planesearch.cli;

/**
 * A mistake in what the user asked for or gave (a bad flag value, a file that does not fit the
 * model). The program prints its message on one line and exits with {@link #exitCode()}; never a
 * stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(String message) {
        this(message, 2);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
