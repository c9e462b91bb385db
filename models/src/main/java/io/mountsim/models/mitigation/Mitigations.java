package io.mountsim.models.mitigation;

import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;

/** Machine-side mitigations: SMT on/off and the cpuset the workload runs on. */
public record Mitigations(boolean smt, CpuSet cpuset) {
    public static Mitigations none() {
        return new Mitigations(true, new CpuSet.All());
    }

    /**
     * The machine as the workload sees it under these mitigations: SMT applied, then the
     * cpuset resolved against the online CPUs. Built anew on each call (tens of ms on a big
     * machine): share it through a {@link TopologyCache}.
     *
     * @throws IllegalArgumentException with a message for people when the spec is
     *                                  impossible ({@link Topology#problems}) or the cpuset
     *                                  names no CPU of this machine ({@link CpuSets#problems})
     */
    public Topology applyTo(MachineSpec machine) {
        Topology online = Topology.of(machine, smt);
        return cpuset instanceof CpuSet.All ? online : online.restrictedTo(CpuSets.resolve(cpuset, online));
    }
}
