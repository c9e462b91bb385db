package io.mountsim.api;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a program, jshell or a notebook starts: load a scenario file or build a scenario
 * in code, then {@link Scenario#run() run} it and read its {@link RunResult}.
 *
 * <pre>{@code
 * RunResult r = MountSim.load(Path.of("scenarios/examples/quickstart.yaml")).run();
 * r.points().forEach(p -> System.out.println(p.label() + ": " + p.metric("startLatencyMsP99").mean()));
 * }</pre>
 */
public final class MountSim {
    private MountSim() {
    }

    /**
     * Reads and validates a scenario file, as {@code mountsim validate} does.
     *
     * @param file a scenario YAML file
     * @param sets overrides by dotted path, each like {@code mountsim run --set KEY=VALUE}:
     *             {@code "workload.containers=200"}, {@code "sweep.workload.maxConcurrentStarts=[1, 8]"};
     *             they name the run (its title) as on the command line
     * @return the validated scenario
     * @throws ScenarioException listing every problem of the file and the overrides
     */
    public static Scenario load(Path file, String... sets) {
        Objects.requireNonNull(file, "file");
        List<String> overrides = List.of(sets);
        Scenario.Reloader reloader = (seed, replications) -> {
            try {
                return ScenarioLoader.load(file, new Overrides(overrides, seed, replications));
            } catch (InvalidInputException e) {
                throw ScenarioException.of(e);
            }
        };
        return new Scenario(reloader, List.of(file), Optional.of(file), file.toString());
    }

    /**
     * Starts a scenario in code; see {@link ScenarioBuilder}.
     *
     * @param name the scenario's name (its {@code name:}), shown in reports
     * @return a builder with every setting at its default
     */
    public static ScenarioBuilder scenario(String name) {
        return new ScenarioBuilder(name);
    }
}
