package io.mountsim.scenarios.run;

/**
 * What is left of a run, in the time its tasks take, learnt while it runs: a point whose
 * replications have been seen costs their mean per remaining replication; a point not
 * seen yet costs the mean task of the points seen. The runner starts every point once
 * before repeating any ({@link ExperimentRunner}), so after the first pass (a tenth of
 * the work at the default 10 replications) every point's cost is its own, and sweeps whose
 * points differ tenfold in cost still get a time left that holds.
 */
final class RemainingWork {
    private final int replications;
    private final int[] done;
    private final long[] spentNs;
    private long allSpentNs;
    private int allDone;

    RemainingWork(int points, int replications) {
        this.replications = replications;
        this.done = new int[points];
        this.spentNs = new long[points];
    }

    void finished(int point, long taskNs) {
        done[point]++;
        spentNs[point] += taskNs;
        allSpentNs += taskNs;
        allDone++;
    }

    /**
     * The wall time left, given the wall time so far: the estimated task time left over the
     * task time spent, times the wall time so far (which carries the parallelism in it).
     */
    double leftSeconds(double elapsedSeconds) {
        if (allDone == 0 || allSpentNs == 0) {
            return Double.NaN;
        }
        double meanTask = (double) allSpentNs / allDone;
        double leftNs = 0;
        for (int p = 0; p < done.length; p++) {
            int remaining = replications - done[p];
            if (remaining > 0) {
                leftNs += remaining * (done[p] > 0 ? (double) spentNs[p] / done[p] : meanTask);
            }
        }
        return elapsedSeconds * leftNs / allSpentNs;
    }
}
