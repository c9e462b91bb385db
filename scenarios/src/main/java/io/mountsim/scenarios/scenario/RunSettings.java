package io.mountsim.scenarios.scenario;

/**
 * {@code run:} with the command line's overrides applied; the defaults are the key
 * table's ({@code ScenarioKeys.RUN_SEED}, {@code RUN_REPLICATIONS}, {@code RUN_CONFIDENCE}).
 */
public record RunSettings(long seed, int replications, double confidence) {
}
