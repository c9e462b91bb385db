package io.mountsim.core.random;

/**
 * The factory of independent named random streams for one run. Each random source of a
 * model (arrivals, layer counts, service times...) asks for its own stream by name, and
 * replication k uses substream k of every stream. So two scenarios compared side by side
 * draw the same numbers for the same purpose (common random numbers), and replication k
 * can be re-run alone with the same numbers.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** Stream {@code name} positioned at the start of substream {@code replication}. */
    public RandomStream stream(String name, int replication) {
        if (replication < 0) {
            throw new IllegalArgumentException("negative replication: " + replication);
        }
        return new RandomStream(masterSeed, name, replication);
    }
}
