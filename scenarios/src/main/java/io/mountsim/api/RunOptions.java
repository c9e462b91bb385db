package io.mountsim.api;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * How to run a scenario: the seed and replication overrides of {@code mountsim run --seed
 * --replications}, worker threads and a progress callback. Immutable; each method returns
 * a changed copy:
 *
 * <pre>{@code
 * RunOptions.defaults().seed(7).replications(3).onProgress(p -> System.err.println(p.fraction()))
 * }</pre>
 *
 * Results do not depend on the number of threads: each replication is seeded by the seed
 * and its index alone.
 */
public final class RunOptions {
    private static final Consumer<Progress> SILENT = p -> { };

    private final OptionalLong seed;
    private final OptionalInt replications;
    private final int threads;
    private final Consumer<Progress> progress;
    private final boolean ignoreBudget;

    private RunOptions(OptionalLong seed, OptionalInt replications, int threads, Consumer<Progress> progress,
                       boolean ignoreBudget) {
        this.seed = seed;
        this.replications = replications;
        this.threads = threads;
        this.progress = progress;
        this.ignoreBudget = ignoreBudget;
    }

    /**
     * The scenario's own seed and replications, every core, no progress callback.
     *
     * @return the default options
     */
    public static RunOptions defaults() {
        return new RunOptions(OptionalLong.empty(), OptionalInt.empty(), 0, SILENT, false);
    }

    /**
     * Replaces the scenario's {@code run.seed}.
     *
     * @param seed the master seed
     * @return a copy with the seed
     */
    public RunOptions seed(long seed) {
        return new RunOptions(OptionalLong.of(seed), replications, threads, progress, ignoreBudget);
    }

    /**
     * Replaces the scenario's {@code run.replications}; validated like
     * {@code --replications} (an integer in [1, 100000]) when the run starts.
     *
     * @param replications replications per point
     * @return a copy with the replications
     */
    public RunOptions replications(int replications) {
        return new RunOptions(seed, OptionalInt.of(replications), threads, progress, ignoreBudget);
    }

    /**
     * The worker threads to run replications on.
     *
     * @param threads at least 1
     * @return a copy with the threads
     * @throws IllegalArgumentException when {@code threads} is below 1
     */
    public RunOptions threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new RunOptions(seed, replications, threads, progress, ignoreBudget);
    }

    /**
     * Calls {@code callback} after each finished replication. It is called from the worker
     * threads, one call at a time per thread but concurrently across threads, so it must be
     * thread-safe (printing to a stream is).
     *
     * @param callback told the run's progress
     * @return a copy with the callback
     */
    public RunOptions onProgress(Consumer<Progress> callback) {
        return new RunOptions(seed, replications, threads, Objects.requireNonNull(callback, "callback"), ignoreBudget);
    }

    /**
     * Runs even when the estimated peak heap exceeds this JVM's maximum heap (like
     * {@code mountsim run --yes-i-know}); by default such a run is refused before it starts.
     *
     * @return a copy that skips the heap check
     */
    public RunOptions ignoreBudget() {
        return new RunOptions(seed, replications, threads, progress, true);
    }

    OptionalLong seedOverride() {
        return seed;
    }

    OptionalInt replicationsOverride() {
        return replications;
    }

    /** Worker threads; 0 means every core. */
    int threadCount() {
        return threads;
    }

    Consumer<Progress> progress() {
        return progress;
    }

    boolean budgetIgnored() {
        return ignoreBudget;
    }

    @Override
    public String toString() {
        return "RunOptions[seed=" + (seed.isPresent() ? seed.getAsLong() : "scenario's") + ", replications="
                + (replications.isPresent() ? replications.getAsInt() : "scenario's") + ", threads="
                + (threads == 0 ? "every core" : threads) + (ignoreBudget ? ", budget ignored" : "") + "]";
    }
}
