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
 * @param sweptKeys        swept keys in sweep order ("scenario" for a comparison)
 * @param points           one result per point, in index order
 * @param resolvedScenario the scenario with every default filled in, as nested
 *                         maps, lists and scalars in a stable order (for summary.json)
 * @param healthCheckTimeoutSeconds the timeout to mark on latency charts (NaN = none)
 * @param comparison       true when points are whole scenarios compared side by side
 * @param overrides        the command line's {@code --set KEY=VALUE} overrides, as given (the
 *                         resolved scenario already holds their values; this says which
 *                         values did not come from the file)
 */
public record ExperimentResult(String name,
                               String description,
                               long seed,
                               int replications,
                               double confidence,
                               List<String> sweptKeys,
                               List<PointResult> points,
                               Map<String, Object> resolvedScenario,
                               double healthCheckTimeoutSeconds,
                               boolean comparison,
                               List<String> overrides) {
    public ExperimentResult {
        overrides = List.copyOf(overrides);
        sweptKeys = List.copyOf(sweptKeys);
        points = List.copyOf(points);
        resolvedScenario = Collections.unmodifiableMap(new LinkedHashMap<>(resolvedScenario));
    }

    /** A result without command-line overrides. */
    public ExperimentResult(String name, String description, long seed, int replications, double confidence,
                            List<String> sweptKeys, List<PointResult> points, Map<String, Object> resolvedScenario,
                            double healthCheckTimeoutSeconds, boolean comparison) {
        this(name, description, seed, replications, confidence, sweptKeys, points, resolvedScenario,
                healthCheckTimeoutSeconds, comparison, List.of());
    }

    /** The same run with other points (a shard's, a merge's, a reduced copy). */
    public ExperimentResult withPoints(List<PointResult> newPoints) {
        return new ExperimentResult(name, description, seed, replications, confidence, sweptKeys, newPoints,
                resolvedScenario, healthCheckTimeoutSeconds, comparison, overrides);
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
