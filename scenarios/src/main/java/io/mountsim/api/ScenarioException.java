package io.mountsim.api;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problem;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A scenario (or a request about one, such as an output directory) is invalid. Carries
 * every problem found, the same ones {@code mountsim run} and {@code mountsim validate}
 * print one per line; the message is those lines. Thrown before anything is simulated or
 * written.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Not serialised: the problems are also the message. */
    private final transient List<ScenarioProblem> problems;

    private ScenarioException(InvalidInputException cause, List<ScenarioProblem> problems) {
        super(cause.getMessage(), cause);
        this.problems = List.copyOf(problems);
    }

    /** The scenario layer's exception as the API's, its problems unchanged. */
    static ScenarioException of(InvalidInputException e) {
        return relocated(e, UnaryOperator.identity());
    }

    /** One problem, at {@code source}, about {@code key}. */
    static ScenarioException of(String source, String key, String message) {
        return of(InvalidInputException.of(Location.of(source), key, message));
    }

    /** The exception with each problem's location passed through {@code relocate}. */
    static ScenarioException relocated(InvalidInputException e, UnaryOperator<Location> relocate) {
        return mapped(e, p -> new Problem(relocate.apply(p.location()), p.keyPath(), p.message()));
    }

    /** The exception with each problem passed through {@code change}. */
    static ScenarioException mapped(InvalidInputException e, UnaryOperator<Problem> change) {
        List<Problem> moved = e.problems().stream().map(change).toList();
        InvalidInputException cause = moved.equals(e.problems()) ? e : new InvalidInputException(moved);
        return new ScenarioException(cause, moved.stream().map(ScenarioProblem::new).toList());
    }

    /**
     * Every problem found, each file's in line order.
     *
     * @return at least one problem
     */
    public List<ScenarioProblem> problems() {
        return problems;
    }
}
