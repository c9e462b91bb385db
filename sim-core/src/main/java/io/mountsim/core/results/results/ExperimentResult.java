package io.mountsim.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run produced, ready for the report writers.
 *
 * @param name             the scenario's name (or "a vs b" for a comparison)
 * @param description      what was simulated, in plain words, for people
 * @param seed             the run's master seed
 * @param replications     replications per point
 * @param confidence       the confidence level of every half-width (e.g. 0.95)
 * @param run              what was simulated, as typed facts (scenarios, sweep, overrides)
 * @param points           one result per point, in index order
 * @param resolvedScenario the scenario with every default filled in, as nested maps, lists
 *                         and scalars in a stable order: only for summary.json, which
 *                         promises it; reports read {@code run}
 * @param healthCheckTimeoutSeconds the timeout to mark on latency charts (NaN = none)
 */
public record ExperimentResult(String name,
                               String description,
                               long seed,
                               int replications,
                               double confidence,
                               RunDescription run,
                               List<PointResult> points,
                               Map<String, Object> resolvedScenario,
                               double healthCheckTimeoutSeconds) {
    public ExperimentResult {
        points = List.copyOf(points);
        resolvedScenario = Collections.unmodifiableMap(new LinkedHashMap<>(resolvedScenario));
    }

    /** The swept keys in sweep order ("scenario" for a comparison). */
    public List<String> sweptKeys() {
        return run.sweptKeys();
    }

    /** True when the points are whole scenarios compared side by side. */
    public boolean comparison() {
        return run.comparison();
    }

    /** The command line's {@code --set KEY=VALUE} overrides, as given. */
    public List<String> overrides() {
        return run.overrides();
    }

    /** The same run with other points (a shard's, a merge's, a reduced copy). */
    public ExperimentResult withPoints(List<PointResult> newPoints) {
        return new ExperimentResult(name, description, seed, replications, confidence, run, newPoints,
                resolvedScenario, healthCheckTimeoutSeconds);
    }

    /** Metric names present in any point, in first-seen order. */
    public List<String> metricNames() {
        LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
        for (PointResult p : points) {
            p.metrics().keySet().forEach(k -> names.putIfAbsent(k, Boolean.TRUE));
        }
        return List.copyOf(names.keySet());
    }
}
