package io.mountsim.scenarios.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user's input is wrong (exit code 2). Carries every problem found; the command line
 * prints them one per line and never a stack trace.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(Location location, String keyPath, String message) {
        return new InvalidInputException(List.of(new Problem(location, keyPath, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
