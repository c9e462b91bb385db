package io.mountsim.scenarios;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Helpers for writing scenario text to files and collecting the problems it has. */
public final class TestFiles {
    /** The shipped scenario directories, from the module directory surefire runs in. */
    public static final Path EXAMPLES = Path.of("examples");
    public static final Path NETFLIX = Path.of("netflix");

    public static final String MINIMAL = String.join("\n",
            "name: minimal",
            "machine: m7i.metal-24xl",
            "workload:",
            "  containers: 10",
            "  layers: 5",
            "run:",
            "  replications: 2",
            "");

    private TestFiles() {
    }

    public static Path write(Path dir, String name, String text) {
        try {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario load(Path dir, String text, String... sets) {
        return ScenarioLoader.load(write(dir, "s.yaml", text), new Overrides(List.of(sets), OptionalLong.empty(), OptionalInt.empty()));
    }

    /** The problems of an invalid scenario; fails the test if it is valid. */
    public static List<Problem> problems(Path dir, String text, String... sets) {
        try {
            load(dir, text, sets);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected the scenario to be invalid:\n" + text);
    }
}
