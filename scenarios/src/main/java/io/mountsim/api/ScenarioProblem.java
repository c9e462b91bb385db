package io.mountsim.api;

import io.mountsim.scenarios.diag.Problem;

/**
 * One mistake in a scenario, exactly as the command line prints it, for example
 * {@code quickstart.yaml:5: workload.containrs: unknown key; did you mean workload.containers?}.
 */
public final class ScenarioProblem {
    private final Problem problem;

    ScenarioProblem(Problem problem) {
        this.problem = problem;
    }

    /**
     * Where the mistake is: a file name, a command-line style argument such as
     * {@code --replications 0}, or {@code <name> (built in code)} for a built scenario.
     *
     * @return the source of the mistaken value
     */
    public String source() {
        return problem.location().source();
    }

    /**
     * The 1-based line in {@link #source()}, or 0 when the source has no lines (a built
     * scenario, an option).
     *
     * @return the line, or 0
     */
    public int line() {
        return problem.location().line();
    }

    /**
     * The scenario key concerned, as a dotted path such as {@code workload.containers}.
     *
     * @return the key, or an empty string when the problem is not about one key
     */
    public String key() {
        return problem.keyPath();
    }

    /**
     * What is wrong and how to fix it, in one line.
     *
     * @return the message without location and key
     */
    public String message() {
        return problem.message();
    }

    /** The line the command line prints for this problem. */
    @Override
    public String toString() {
        return problem.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScenarioProblem p && p.problem.equals(problem);
    }

    @Override
    public int hashCode() {
        return problem.hashCode();
    }
}
