package io.mountsim.reports;

/**
 * A report input people can fix (a malformed or mismatched summary.json given to
 * {@code merge}, a missing shard directory). The message names the file and the problem;
 * the command line prints it and exits 2 instead of showing a stack trace.
 */
public final class ReportInputException extends RuntimeException {
    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
