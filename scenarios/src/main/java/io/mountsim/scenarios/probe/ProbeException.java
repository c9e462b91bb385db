package io.mountsim.scenarios.probe;

/**
 * Why a probe run stopped, as one line that names the fix, with the exit code the command
 * returns: 2 for what the user can fix on the host (and for interruption), 1 for a probe
 * failing unexpectedly.
 */
public final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ProbeException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public static ProbeException hostProblem(String message) {
        return new ProbeException(message, 2);
    }

    public int exitCode() {
        return exitCode;
    }
}
