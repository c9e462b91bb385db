package io.mountsim.scenarios.run;

/** Told after each finished replication (from worker threads; implementations synchronise). */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param point             the finished task's point, by position in the run (0 to pointsTotal - 1)
     * @param taskNs            how long the task took
     * @param replicationsDone  tasks finished so far, this one included
     */
    void replicationDone(int point, long taskNs, int replicationsDone, int replicationsTotal, int pointsDone,
                         int pointsTotal);

    static ProgressListener none() {
        return (a, b, c, d, e, f) -> {
        };
    }
}
