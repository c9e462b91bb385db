package io.mountsim.scenarios.diag;

/**
 * One user mistake: where it is, which key it concerns (dotted path, may be empty) and
 * what was expected. Printed as {@code quickstart.yaml:5: workload.containrs: unknown key;
 * did you mean workload.containers?}.
 */
public record Problem(Location location, String keyPath, String message) {

    /** One line each: a message with line breaks (SnakeYAML's have some) is joined with spaces. */
    public Problem {
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public String toString() {
        return keyPath.isEmpty()
                ? location + ": " + message
                : location + ": " + keyPath + ": " + message;
    }
}
