package io.mountsim.scenarios.validation;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationSpec;
import io.mountsim.scenarios.run.ExperimentRunner;
import io.mountsim.scenarios.run.ProgressListener;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.run.Shard;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs shipped scenario files in-process through the code path of {@code mountsim run}:
 * {@link ScenarioLoader} (with the CLI's {@code --set} overrides) then
 * {@link ExperimentRunner} on the real {@link ReplicationModel#simulation() model}.
 *
 * <p>Several findings simulate the very same point (m7i.metal-24xl, 200 starts, per-layer,
 * systemd watching appears in three files). A replication is a pure function of
 * (spec, seed, replication index) - the runner's determinism contract - so the outcome of
 * one is kept and reused instead of simulated again. That only saves time: every number
 * is what an uncached {@code mountsim run} of the same file prints.
 */
final class ValidationRuns {
    /** Paths are relative to the scenarios module, where surefire runs. */
    static final Path MODULE_DIR = Path.of("");

    private record ReplicationKey(SimulationSpec spec, long seed, int replication, boolean withTimeline) {
    }

    private final Map<ReplicationKey, ReplicationOutcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, ExperimentResult> results = new ConcurrentHashMap<>();
    private final ReplicationModel model = ReplicationModel.simulation();

    /**
     * The result of {@code mountsim run FILE [--set KEY=VALUE]...}; the same file with the
     * same overrides is simulated once per instance.
     */
    ExperimentResult run(String file, String... sets) {
        String key = file + " " + String.join(" ", sets);
        ExperimentResult cached = results.get(key);
        if (cached != null) {
            return cached;
        }
        ExperimentResult result = new ExperimentRunner(this::replication, Runtime.getRuntime().availableProcessors(),
                ProgressListener.none()).run(load(file, sets), Shard.all());
        results.put(key, result);
        return result;
    }

    /** The scenario as {@code mountsim run} would load it. */
    static Scenario load(String file, String... sets) {
        return ScenarioLoader.load(MODULE_DIR.resolve(file),
                new Overrides(List.of(sets), OptionalLong.empty(), OptionalInt.empty()));
    }

    private ReplicationOutcome replication(SimulationSpec spec, long seed, int replication, boolean withTimeline) {
        ReplicationKey key = new ReplicationKey(spec, seed, replication, withTimeline);
        ReplicationOutcome known = outcomes.get(key);
        if (known != null) {
            return known;
        }
        ReplicationOutcome fresh = model.run(spec, seed, replication, withTimeline);
        outcomes.putIfAbsent(key, fresh);
        return fresh;
    }
}
