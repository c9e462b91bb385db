package io.mountsim.models.sched;

import io.mountsim.models.topology.CoherenceModel;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MemoryHierarchy;
import io.mountsim.models.topology.SpinnerCensus;
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
    public int nodeOf(int cpu) {
        return topology.nodeOf(logical[cpu]);
    }

    @Override
    public double transferNs(int fromCpu, int toCpu) {
        return fromCpu == toCpu ? 0 : topology.transferNs(logical[fromCpu], logical[toCpu]);
    }

    @Override
    public double smtSlowdown() {
        return topology.spec().smtSlowdown();
    }

    @Override
    public double spinningSiblingSlowdown() {
        return topology.spec().spinningSiblingSlowdown();
    }

    @Override
    public MemoryHierarchy memory() {
        return topology.spec().memory();
    }

    /**
     * A line priced by the machine's {@link CoherenceModel} (per spinner on a mesh, per LLC
     * domain on chiplets, remote sockets weighted) over a live {@link SpinnerCensus}.
     */
    @Override
    public ContendedLine contendedLine(int homeSocket) {
        SpinnerCensus census = new SpinnerCensus(topology, Math.min(homeSocket, topology.spec().sockets() - 1));
        CoherenceModel model = CoherenceModel.of(topology.spec());
        return new ContendedLine() {
            @Override
            public void addPoller(int cpu) {
                census.add(logical[cpu], 1.0);
            }

            @Override
            public void removePoller(int cpu) {
                census.remove(logical[cpu], 1.0);
            }

            @Override
            public int pollers() {
                return census.spinners();
            }

            @Override
            public double queueNs() {
                return census.spinners() == 0 ? 0 : model.queueNs(census);
            }
        };
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
