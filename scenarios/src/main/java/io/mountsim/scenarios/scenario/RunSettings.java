package io.mountsim.scenarios.scenario;

/** {@code run:} with the command line's overrides applied. */
public record RunSettings(long seed, int replications, double confidence) {
    /** The contract's example values (shared/spec/scenario-format.md, run:). */
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_REPLICATIONS = 10;
    public static final double DEFAULT_CONFIDENCE = 0.95;
}
