package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads several scenario files, collecting the problems of all of them before failing. */
final class Scenarios {
    private Scenarios() {
    }

    static List<Scenario> loadAll(List<Path> files, Overrides overrides) {
        Problems problems = new Problems();
        List<Scenario> out = loadAll(files, overrides, problems);
        problems.throwIfAny();
        return out;
    }

    /**
     * The files that load; the problems of the others go to {@code problems}, so that a
     * command can add its own checks (the output directory) and report everything at once.
     */
    static List<Scenario> loadAll(List<Path> files, Overrides overrides, Problems problems) {
        List<Scenario> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(ScenarioLoader.load(f, overrides));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        return out;
    }
}
