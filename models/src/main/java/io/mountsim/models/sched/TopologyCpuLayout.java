package io.mountsim.models.sched;

import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;

/**
 * The scheduler's view of a {@link Topology}: the CPUs the workload may use (after SMT
 * and cpuset mitigations), numbered densely, with the topology's distances.
 */
public final class TopologyCpuLayout implements CpuLayout {
    private final Topology topology;
    private final int[] logical;
    private final int[] sibling;

    public TopologyCpuLayout(Topology topology) {
        this.topology = topology;
        this.logical = topology.cpuArray();
        this.sibling = new int[logical.length];
        java.util.Map<Integer, Integer> dense = new java.util.HashMap<>();
        for (int i = 0; i < logical.length; i++) {
            dense.put(logical[i], i);
        }
        for (int i = 0; i < logical.length; i++) {
            sibling[i] = topology.siblingOf(logical[i]).stream()
                    .map(s -> dense.getOrDefault(s, -1)).findFirst().orElse(-1);
        }
    }

    public Topology topology() {
        return topology;
    }

    @Override
    public int cpus() {
        return logical.length;
    }

    @Override
    public int siblingOf(int cpu) {
        return sibling[cpu];
    }

    @Override
    public int llcOf(int cpu) {
        return topology.llcOf(logical[cpu]);
    }

    @Override
    public int socketOf(int cpu) {
        return topology.socketOf(logical[cpu]);
    }

    @Override
    public double transferNs(int fromCpu, int toCpu) {
        return fromCpu == toCpu ? 0 : topology.transferNs(logical[fromCpu], logical[toCpu]);
    }

    @Override
    public double smtSlowdown() {
        return topology.spec().smtSlowdown();
    }

    /**
     * Mesh: every spinner's request queues at the line's home agent; chiplets: one
     * request per CCD with spinners reaches the home (kernel-mount-locking.md section 6).
     */
    @Override
    public double contentionNs(int spinners, int domainsInvolved) {
        MachineSpec spec = topology.spec();
        int contenders = spec.interconnect() == Interconnect.MESH ? spinners : domainsInvolved;
        return spec.perSpinnerHandoffNs() * contenders;
    }
}
