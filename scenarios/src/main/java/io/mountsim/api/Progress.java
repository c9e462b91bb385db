package io.mountsim.api;

/**
 * How far a run is, told after each finished replication.
 *
 * @param replicationsDone  replications finished so far, the one just finished included
 * @param replicationsTotal replications the run has (points times replications per point)
 * @param pointsDone        points whose every replication has finished
 * @param pointsTotal       points the run has
 */
public record Progress(int replicationsDone, int replicationsTotal, int pointsDone, int pointsTotal) {
    /**
     * The finished share of the replications.
     *
     * @return a fraction in [0, 1]
     */
    public double fraction() {
        return replicationsTotal == 0 ? 1.0 : (double) replicationsDone / replicationsTotal;
    }
}
