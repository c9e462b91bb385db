package io.mountsim.scenarios.run;

/** Told after each finished replication (from worker threads; implementations synchronise). */
@FunctionalInterface
public interface ProgressListener {
    void replicationDone(int replicationsDone, int replicationsTotal, int pointsDone, int pointsTotal);

    static ProgressListener none() {
        return (a, b, c, d) -> {
        };
    }
}
