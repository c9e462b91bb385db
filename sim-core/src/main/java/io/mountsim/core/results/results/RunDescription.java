package io.mountsim.core.results;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a run simulated, typed: built once by the scenarios layer from the validated
 * scenario and carried in the {@link ExperimentResult}, so the reports read facts rather
 * than re-parse the resolved scenario (which exists only to be written to summary.json).
 *
 * @param scenarios  the scenario run, or a comparison's scenarios with the baseline first
 * @param sweep      the swept keys in sweep order with the values they take (a comparison:
 *                   one axis {@code scenario} over the scenarios' names); empty without a sweep
 * @param points     the whole run's number of points (the sweep's size), whatever a shard holds
 * @param comparison true when the points are whole scenarios compared side by side
 * @param overrides  the command line's {@code --set KEY=VALUE} overrides, as given (the
 *                   settings already hold their values; this says which did not come from the file)
 */
public record RunDescription(List<ScenarioDescription> scenarios,
                             List<SweepAxis> sweep,
                             long points,
                             boolean comparison,
                             List<String> overrides) {
    public RunDescription {
        scenarios = List.copyOf(scenarios);
        sweep = List.copyOf(sweep);
        overrides = List.copyOf(overrides);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("a run describes at least one scenario");
        }
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, got " + points);
        }
    }

    /** One scenario, not swept, without overrides: a single point. */
    public static RunDescription single(ScenarioDescription scenario) {
        return new RunDescription(List.of(scenario), List.of(), 1, false, List.of());
    }

    /** The swept keys in sweep order ({@code scenario} for a comparison). */
    public List<String> sweptKeys() {
        return sweep.stream().map(SweepAxis::key).toList();
    }

    /** The scenario run, or a comparison's baseline. */
    public ScenarioDescription baseline() {
        return scenarios.get(0);
    }

    /**
     * The machine every point ran on, for titles and the headline: a comparison's machines
     * once each ("r5.metal vs m7i.metal-24xl"); empty when unknown or when the machine itself
     * was swept (then each point names its own).
     */
    public Optional<String> commonMachine() {
        if (sweptKeys().stream().anyMatch(k -> ScenarioDescription.isUnder(k, "machine"))) {
            return Optional.empty();
        }
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        for (ScenarioDescription s : scenarios) {
            if (!s.machineLabel().isEmpty()) {
                labels.add(s.machineLabel());
            }
        }
        return labels.isEmpty() ? Optional.empty() : Optional.of(String.join(" vs ", labels));
    }
}
