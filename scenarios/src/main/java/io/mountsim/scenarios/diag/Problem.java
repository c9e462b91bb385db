package io.mountsim.scenarios.diag;

/**
 * One user mistake: where it is, which key it concerns (dotted path, may be empty) and
 * what was expected. Printed as {@code quickstart.yaml:5: workload.containrs: unknown key;
 * did you mean workload.containers?}.
 */
public record Problem(Location location, String keyPath, String message) {

    @Override
    public String toString() {
        return keyPath.isEmpty()
                ? location + ": " + message
                : location + ": " + keyPath + ": " + message;
    }
}
