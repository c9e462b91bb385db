package io.mountsim.scenarios.diag;

/**
 * Where a value came from: a scenario file and its line and column (1-based), or a
 * command-line argument such as {@code --set workload.containers=200} (line 0).
 */
public record Location(String source, int line, int column) {

    public static Location of(String source) {
        return new Location(source, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    /** {@code quickstart.yaml:5} or the bare source when there is no line. */
    @Override
    public String toString() {
        return hasLine() ? source + ":" + line : source;
    }
}
