package io.mountsim.scenarios.run;

import io.mountsim.core.experiment.Replications;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.PointAggregator;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioPoint;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Runs a scenario's points and replications. Every (point, replication) pair is one task
 * on {@link Replications#run}, which returns results in task order; each replication is
 * seeded only by (seed, replication index), so the result is the same on any number of
 * threads and a shard's points equal the same points of an unsharded run.
 */
public final class ExperimentRunner {
    private final ReplicationModel model;
    private final int threads;
    private final ProgressListener progress;

    public ExperimentRunner(ReplicationModel model, int threads, ProgressListener progress) {
        this.model = model;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /** The points of {@code shard}, aggregated. */
    public ExperimentResult run(Scenario scenario, Shard shard) {
        List<ScenarioPoint> selected = scenario.points().stream().filter(p -> shard.includes(p.index())).toList();
        List<PointResult> points = runPoints(selected, scenario.run().seed(), scenario.run().replications(),
                scenario.run().confidence(), scenario.measured());
        return new ExperimentResult(scenario.title(), scenario.description(), scenario.run().seed(),
                scenario.run().replications(), scenario.run().confidence(), scenario.sweptKeys(), points,
                scenario.resolved(), scenario.healthCheckTimeoutSeconds(), false, scenario.overrides());
    }

    /**
     * Whole scenarios side by side, baseline first, all with the baseline's seed, so they
     * draw common random numbers and differences come from the scenarios, not the noise.
     */
    public ExperimentResult compare(List<Scenario> scenarios) {
        Scenario baseline = scenarios.get(0);
        List<ScenarioPoint> points = new ArrayList<>();
        List<Map<String, Object>> resolved = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            if (s.hasSweep()) {
                throw InvalidInputException.of(Location.of(s.file().toString()), "sweep",
                        "compare runs whole scenarios; remove the sweep (or run it with `mountsim run`)");
            }
            for (int j = 0; j < i; j++) {
                if (scenarios.get(j).name().equals(s.name())) {
                    throw InvalidInputException.of(Location.of(s.file().toString()), "name",
                            "'" + s.name() + "' is also the name of " + scenarios.get(j).file() + "; compared scenarios need distinct names");
                }
            }
            ScenarioPoint only = s.points().get(0);
            points.add(new ScenarioPoint(i, Map.of("scenario", s.name()), only.spec(), only.resolved()));
            resolved.add(s.resolved());
        }
        Map<Integer, Map<String, Double>> measured = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Map<String, Double> m = scenarios.get(i).measured().get(0);
            if (m != null) {
                measured.put(i, m);
            }
        }
        List<PointResult> results = runPoints(points, baseline.run().seed(), baseline.run().replications(),
                baseline.run().confidence(), measured);
        // every compared file gets the same --set overrides: they title the comparison once
        String name = Scenario.titled(String.join(" vs ", scenarios.stream().map(Scenario::name).toList()),
                baseline.overrides());
        LinkedHashMap<String, Object> all = new LinkedHashMap<>();
        all.put("name", name);
        all.put("compare", resolved);
        return new ExperimentResult(name, "comparison of " + scenarios.size() + " scenarios, baseline " + baseline.name()
                + ", common random numbers (seed " + baseline.run().seed() + ")", baseline.run().seed(),
                baseline.run().replications(), baseline.run().confidence(), List.of("scenario"), results, all,
                baseline.healthCheckTimeoutSeconds(), true, baseline.overrides());
    }

    private List<PointResult> runPoints(List<ScenarioPoint> points, long seed, int replications, double confidence,
                                        Map<Integer, Map<String, Double>> measured) {
        int total = points.size() * replications;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger pointsDone = new AtomicInteger();
        AtomicIntegerArray left = new AtomicIntegerArray(points.size());
        for (int i = 0; i < points.size(); i++) {
            left.set(i, replications);
        }
        List<ReplicationOutcome> outcomes = Replications.run(total, task -> {
            int p = task / replications;
            int rep = task % replications;
            ReplicationOutcome o = model.run(points.get(p).spec(), seed, rep, rep == 0);
            int pd = left.decrementAndGet(p) == 0 ? pointsDone.incrementAndGet() : pointsDone.get();
            progress.replicationDone(done.incrementAndGet(), total, pd, points.size());
            return withEvents(o);
        }, threads);
        List<PointResult> results = new ArrayList<>(points.size());
        for (int p = 0; p < points.size(); p++) {
            ScenarioPoint point = points.get(p);
            results.add(PointAggregator.aggregate(point.index(), point.parameters(),
                    outcomes.subList(p * replications, (p + 1) * replications), confidence,
                    measured.getOrDefault(point.index(), Map.of())));
        }
        return results;
    }

    /** The contract's {@code events} column, from the engine's count when the model did not name it. */
    private static ReplicationOutcome withEvents(ReplicationOutcome o) {
        if (o.metrics().containsKey(MetricNames.EVENTS)) {
            return o;
        }
        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>(o.metrics());
        metrics.put(MetricNames.EVENTS, (double) o.events());
        return new ReplicationOutcome(metrics, o.startLatenciesMs(), o.cpu(), o.timeline(), o.events(), o.fingerprint());
    }
}
