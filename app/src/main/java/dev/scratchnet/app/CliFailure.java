package dev.scratchnet.app;

/**
 * A failure the command has already put into words for the user: the message is printed as is,
 * without a stack trace, and the process exits with {@link #exitCode()}.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliFailure(String message) {
        this(message, Failures.FAILURE, null);
    }

    CliFailure(String message, Throwable cause) {
        this(message, Failures.FAILURE, cause);
    }

    CliFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
