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

    /** Loads every file; prints each scenario's warnings to {@code err} as "FILE: warning: ...". */
    static List<Scenario> loadAll(List<Path> files, Overrides overrides, java.io.PrintStream err) {
        List<Scenario> all = loadAll(files, overrides);
        for (Scenario s : all) {
            s.warnings().forEach(w -> err.println(s.file() + ": warning: " + w));
        }
        return all;
    }

    static List<Scenario> loadAll(List<Path> files, Overrides overrides) {
        Problems problems = new Problems();
        List<Scenario> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(ScenarioLoader.load(f, overrides));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        problems.throwIfAny();
        return out;
    }
}
