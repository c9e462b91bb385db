package io.mountsim.api;

import io.mountsim.core.experiment.Replications;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.scenarios.run.ExperimentRunner;
import io.mountsim.scenarios.run.ProgressListener;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.run.RunBudget;
import io.mountsim.scenarios.run.Shard;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A validated scenario, ready to run: loaded from a file by {@link MountSim#load} or built
 * in code by {@link MountSim#scenario}. Every point of its sweep has been checked; running
 * it writes nothing.
 */
public final class Scenario {
    /**
     * Validates the scenario again with other run settings, the way the command line's
     * {@code --seed} and {@code --replications} are applied (before validation).
     */
    @FunctionalInterface
    interface Reloader {
        io.mountsim.scenarios.scenario.Scenario load(OptionalLong seed, OptionalInt replications);
    }

    private final io.mountsim.scenarios.scenario.Scenario scenario;
    private final Reloader reloader;
    private final List<Path> inputs;
    private final Optional<Path> file;
    private final String source;

    /**
     * @param reloader loads the scenario with run overrides (its problems already as the API's)
     * @param inputs   files the run reads, which no report may be written over
     * @param file     the scenario's file, when it came from one
     * @param source   how problems name the scenario: its file, or its name for a built one
     */
    Scenario(Reloader reloader, List<Path> inputs, Optional<Path> file, String source) {
        this.reloader = reloader;
        this.scenario = reloader.load(OptionalLong.empty(), OptionalInt.empty());
        this.inputs = List.copyOf(inputs);
        this.file = file;
        this.source = source;
    }

    /**
     * The scenario's {@code name:} (or its file name).
     *
     * @return the name
     */
    public String name() {
        return scenario.name();
    }

    /**
     * The name with the overrides applied to it, as reports and summary.json show it.
     *
     * @return the title
     */
    public String title() {
        return scenario.title();
    }

    /**
     * The scenario's {@code description:} or a generated one-line account of it.
     *
     * @return the description
     */
    public String description() {
        return scenario.description();
    }

    /**
     * The file the scenario was loaded from.
     *
     * @return the file, or empty for a scenario built in code
     */
    public Optional<Path> file() {
        return file;
    }

    /**
     * The swept keys in sweep order (the first varies slowest).
     *
     * @return the keys; empty without a sweep
     */
    public List<String> sweptKeys() {
        return scenario.sweptKeys();
    }

    /**
     * How many points the sweep expands to.
     *
     * @return 1 without a sweep
     */
    public int pointCount() {
        return scenario.points().size();
    }

    /**
     * The scenario's {@code run.seed}.
     *
     * @return the seed
     */
    public long seed() {
        return scenario.run().seed();
    }

    /**
     * The scenario's {@code run.replications} per point.
     *
     * @return the replications
     */
    public int replications() {
        return scenario.run().replications();
    }

    /**
     * The scenario's {@code run.confidence}.
     *
     * @return the confidence level of the metrics' intervals
     */
    public double confidence() {
        return scenario.run().confidence();
    }

    /**
     * What is valid but probably not meant, such as points that simulate the same thing
     * (the command line prints these as warnings).
     *
     * @return the warnings; usually empty
     */
    public List<String> warnings() {
        return scenario.warnings();
    }

    /**
     * Runs every point with the scenario's own settings on every core.
     *
     * @return the results
     * @throws ScenarioException when the run would exceed this JVM's heap (see
     *                           {@link RunOptions#ignoreBudget()})
     */
    public RunResult run() {
        return run(RunOptions.defaults());
    }

    /**
     * Runs every point. The same scenario, seed and replications give the same numbers
     * as {@code mountsim run}, on any number of threads.
     *
     * @param options seed and replication overrides, threads, progress callback
     * @return the results
     * @throws ScenarioException when an override is invalid or the run would exceed this
     *                           JVM's heap; nothing has run then
     */
    public RunResult run(RunOptions options) {
        io.mountsim.scenarios.scenario.Scenario toRun =
                options.seedOverride().isEmpty() && options.replicationsOverride().isEmpty()
                        ? scenario : reloader.load(options.seedOverride(), options.replicationsOverride());
        int threads = options.threadCount() == 0 ? Replications.defaultParallelism() : options.threadCount();
        checkBudget(toRun, source, threads, options.budgetIgnored());
        ProgressListener listener = (point, taskNs, done, total, pointsDone, pointsTotal) ->
                options.progress().accept(new Progress(done, total, pointsDone, pointsTotal));
        ExperimentResult result = new ExperimentRunner(ReplicationModel.simulation(), threads, listener)
                .run(toRun, Shard.all());
        return new RunResult(result, inputs);
    }

    /** The command line's heap check (RunBudget's estimate), before anything runs. */
    private static void checkBudget(io.mountsim.scenarios.scenario.Scenario s, String source, int threads, boolean ignored) {
        long heap = Runtime.getRuntime().maxMemory();
        RunBudget budget = RunBudget.of(s.points(), s.run().replications(), threads);
        if (!ignored && !budget.fits(heap)) {
            throw ScenarioException.of(source, "", String.format(Locale.ROOT,
                    "needs about %s of heap at its peak (%.1e simulated events) but this JVM has %s: start it with %s "
                    + "(jshell: -R%s), or use fewer starts, points, replications or threads, or RunOptions.ignoreBudget()",
                    RunBudget.bytes(budget.peakBytes()), budget.events(), RunBudget.bytes(heap), budget.xmxHint(),
                    budget.xmxHint()));
        }
    }

    /**
     * The scenario layer's form of this scenario, for code that uses the runner or the
     * loader directly.
     *
     * @return the validated scenario
     */
    public io.mountsim.scenarios.scenario.Scenario validated() {
        return scenario;
    }

    @Override
    public String toString() {
        return "Scenario[" + title() + ", " + pointCount() + " point(s) x " + replications() + " replication(s)]";
    }
}
