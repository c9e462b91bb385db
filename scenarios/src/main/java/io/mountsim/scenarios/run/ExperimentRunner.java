package io.mountsim.scenarios.run;

import io.mountsim.core.experiment.Replications;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointAggregator;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.Timeline;
import io.mountsim.reports.data.TimelineWindow;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioPoint;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;

/**
 * Runs a scenario's points and replications. Every (point, replication) pair is one task
 * on {@link Replications#run}, started in {@link #taskOrder} and put back in point order; each replication is
 * seeded only by (seed, replication index), so the result is the same on any number of
 * threads and a shard's points equal the same points of an unsharded run.
 */
public final class ExperimentRunner {
    private final ReplicationModel model;
    private final int threads;
    private final ProgressListener progress;

    private final LongSupplier clockNs;

    /**
     * Start latencies kept per replication for the distribution chart. A storm with more
     * starts keeps this many evenly spaced order statistics (the chart draws 1,001), so the
     * memory a run keeps no longer grows with starts x replications x points; smaller
     * storms keep every value, as before.
     */
    public static final int LATENCIES_KEPT_PER_REPLICATION = 100_001;

    public ExperimentRunner(ReplicationModel model, int threads, ProgressListener progress) {
        this(model, threads, progress, System::nanoTime);
    }

    /** @param clockNs times each task for the progress estimate (a test passes a synthetic clock) */
    ExperimentRunner(ReplicationModel model, int threads, ProgressListener progress, LongSupplier clockNs) {
        this.model = model;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.clockNs = clockNs;
    }

    /** The points of {@code shard}, aggregated. */
    public ExperimentResult run(Scenario scenario, Shard shard) {
        List<ScenarioPoint> selected = scenario.points().stream().filter(p -> shard.includes(p.index())).toList();
        List<PointResult> points = runPoints(selected, scenario.run().seed(), scenario.run().replications(),
                scenario.run().confidence(), scenario.measured());
        return new ExperimentResult(scenario.title(), scenario.description(), scenario.run().seed(),
                scenario.run().replications(), scenario.run().confidence(), RunDescriptions.of(scenario), points,
                scenario.resolved(), scenario.healthCheckTimeoutSeconds());
    }

    /**
     * Whole scenarios side by side, baseline first, all with the baseline's seed, so they
     * draw common random numbers and differences come from the scenarios, not the noise.
     */
    public ExperimentResult compare(List<Scenario> scenarios) {
        List<Problem> problems = compareProblems(scenarios);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Scenario baseline = scenarios.get(0);
        List<ScenarioPoint> points = new ArrayList<>();
        List<Map<String, Object>> resolved = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
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
        String name = comparisonName(scenarios);
        LinkedHashMap<String, Object> all = new LinkedHashMap<>();
        all.put("name", name);
        all.put("compare", resolved);
        return new ExperimentResult(name, "comparison of " + scenarios.size() + " scenarios, baseline " + baseline.name()
                + ", common random numbers (seed " + baseline.run().seed() + ")", baseline.run().seed(),
                baseline.run().replications(), baseline.run().confidence(), RunDescriptions.compared(scenarios), results,
                all, baseline.healthCheckTimeoutSeconds());
    }

    /** Why {@code scenarios} cannot be compared (a sweep, a name used twice); empty when they can. */
    public static List<Problem> compareProblems(List<Scenario> scenarios) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            if (s.hasSweep()) {
                problems.add(new Problem(Location.of(s.file().toString()), "sweep",
                        "compare runs whole scenarios; remove the sweep (or run it with `mountsim run`)"));
            }
            for (int j = 0; j < i; j++) {
                if (scenarios.get(j).name().equals(s.name())) {
                    problems.add(new Problem(Location.of(s.file().toString()), "name",
                            "'" + s.name() + "' is also the name of " + scenarios.get(j).file() + "; compared scenarios need distinct names"));
                }
            }
        }
        return problems;
    }

    /**
     * The name of a comparison of {@code scenarios}: "a vs b", with the --set overrides every
     * compared file got ("a vs b [workload.containers=200]").
     */
    public static String comparisonName(List<Scenario> scenarios) {
        return Scenario.titled(String.join(" vs ", scenarios.stream().map(Scenario::name).toList()),
                scenarios.isEmpty() ? List.of() : scenarios.get(0).overrides());
    }

    private List<PointResult> runPoints(List<ScenarioPoint> points, long seed, int replications, double confidence,
                                        Map<Integer, Map<String, Double>> measured) {
        int total = points.size() * replications;
        int[] order = taskOrder(points.size(), replications);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger pointsDone = new AtomicInteger();
        AtomicIntegerArray left = new AtomicIntegerArray(points.size());
        for (int i = 0; i < points.size(); i++) {
            left.set(i, replications);
        }
        List<ReplicationOutcome> ran = Replications.run(total, task -> {
            int p = order[task] / replications;
            int rep = order[task] % replications;
            long startNs = clockNs.getAsLong();
            ReplicationOutcome o = model.run(points.get(p).spec(), seed, rep, rep == 0);
            long taskNs = clockNs.getAsLong() - startNs;
            int pd = left.decrementAndGet(p) == 0 ? pointsDone.incrementAndGet() : pointsDone.get();
            progress.replicationDone(p, taskNs, done.incrementAndGet(), total, pd, points.size());
            return o.withChartData(boundedLatencies(o.startLatenciesMs()), chartable(o.timeline()));
        }, threads);
        // back in point-major order: replication r of point p at p * replications + r
        ReplicationOutcome[] byPoint = new ReplicationOutcome[total];
        for (int task = 0; task < total; task++) {
            byPoint[order[task]] = ran.get(task);
        }
        List<ReplicationOutcome> outcomes = List.of(byPoint);
        List<PointResult> results = new ArrayList<>(points.size());
        for (int p = 0; p < points.size(); p++) {
            ScenarioPoint point = points.get(p);
            results.add(PointAggregator.aggregate(point.index(), RunDescriptions.parameters(point),
                    outcomes.subList(p * replications, (p + 1) * replications), confidence,
                    measured.getOrDefault(point.index(), Map.of())));
        }
        return results;
    }

    /**
     * The order tasks start in, as point-major indices (point * replications + replication):
     * replication 0 of every point, then replication 1 of every point, and so on, the points
     * of each pass in a stride coprime with their count (about count / golden ratio), so any
     * prefix of a pass samples the whole sweep rather than its first keys. The progress
     * estimate then knows every point's cost after the first pass. Results do not depend on
     * the order: each replication is seeded by (seed, replication) alone.
     */
    static int[] taskOrder(int points, int replications) {
        int stride = Math.max(1, (int) Math.round(points / 1.618033988749895));
        while (gcd(stride, points) != 1) {
            stride++;
        }
        int[] order = new int[points * replications];
        int t = 0;
        for (int rep = 0; rep < replications; rep++) {
            for (int k = 0; k < points; k++) {
                int p = (int) ((long) k * stride % points);
                order[t++] = p * replications + rep;
            }
        }
        return order;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * The model records the whole replication's lock timeline (hundreds of thousands of
     * spans in a storm); cut it to the chart's window and overview as soon as the task ends,
     * so a many-point sweep never holds more than its running tasks' full timelines.
     */
    private static Timeline chartable(Timeline timeline) {
        return timeline.spans().size() <= TimelineWindow.MAX_SPANS ? timeline : TimelineWindow.limit(timeline);
    }

    /** At most {@link #LATENCIES_KEPT_PER_REPLICATION} latencies: the same array when it is that small. */
    private static double[] boundedLatencies(double[] all) {
        return all.length <= LATENCIES_KEPT_PER_REPLICATION ? all : orderStatistics(all, LATENCIES_KEPT_PER_REPLICATION);
    }

    /** {@code k} evenly spaced order statistics of {@code values}, the minimum and maximum included. */
    static double[] orderStatistics(double[] values, int k) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double[] out = new double[k];
        long last = sorted.length - 1L;
        for (int i = 0; i < k; i++) {
            out[i] = sorted[(int) (i * last / (k - 1))];
        }
        return out;
    }
}
