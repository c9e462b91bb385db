package io.mountsim.models.sched;

/**
 * A test machine with nothing but what a test asks for: one LLC, one socket, every
 * cache-line transfer costs the same {@code transferNs}, optionally SMT pairs
 * (0,1), (2,3), ... No contention term, so lock handoffs cost exactly {@code transferNs}.
 *
 * @param cpus            hardware threads
 * @param transferNs      cost of moving a line between two different CPUs
 * @param sameCpuCharged  when true, a transfer "to the same CPU" costs {@code transferNs}
 *                        too (the line is assumed evicted in between), so every lock
 *                        grant costs the same: what a queueing-theory check needs
 * @param smtPairs        whether CPUs 2k and 2k+1 are SMT siblings
 * @param smtSlowdown     stretch factor of work while the sibling computes
 */
public record FlatLayout(int cpus, double transferNs, boolean sameCpuCharged, boolean smtPairs, double smtSlowdown)
        implements CpuLayout {

    public static FlatLayout of(int cpus, double transferNs) {
        return new FlatLayout(cpus, transferNs, false, false, 1.0);
    }

    @Override
    public int siblingOf(int cpu) {
        if (!smtPairs) {
            return -1;
        }
        int s = cpu ^ 1;
        return s < cpus ? s : -1;
    }

    @Override
    public int llcOf(int cpu) {
        return 0;
    }

    @Override
    public int socketOf(int cpu) {
        return 0;
    }

    @Override
    public double transferNs(int fromCpu, int toCpu) {
        return fromCpu == toCpu && !sameCpuCharged ? 0 : transferNs;
    }

    @Override
    public double contentionNs(int spinners, int domainsInvolved) {
        return 0;
    }
}
