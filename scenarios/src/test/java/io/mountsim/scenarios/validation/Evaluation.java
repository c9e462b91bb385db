package io.mountsim.scenarios.validation;

import java.util.List;

/**
 * A finding checked against one simulation run.
 *
 * @param simulatedFigure mountsim's headline figure, with confidence intervals where there are any
 * @param checks          the finding's claims, each decided on the simulated numbers
 * @param notes           further numbers worth reporting that the finding does not claim anything about
 */
record Evaluation(String simulatedFigure, List<Check> checks, List<String> notes) {
    Evaluation {
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a finding needs at least one check");
        }
    }

    Verdict verdict() {
        return Verdict.of(checks);
    }

    List<Check> failing() {
        return checks.stream().filter(c -> !c.holds()).toList();
    }
}
