package io.mountsim.models;

import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.lockbench.LockBench;
import io.mountsim.models.mitigation.TopologyCache;
import io.mountsim.models.sched.TopologyCpuLayout;
import io.mountsim.models.topology.Topology;
import io.mountsim.models.workload.MountSimulation;
import io.mountsim.models.workload.WorkloadSpec;

/** Runs one replication of one point: the single entry of the scenario layer into the models. */
public final class SimulationModel {
    private SimulationModel() {
    }

    /**
     * One replication, with the machine's topology built for it alone: for a single run. A
     * caller running many replications passes a {@link TopologyCache} it keeps instead.
     *
     * @param seed         the run's master seed
     * @param replication  replication index (selects the random substreams)
     * @param withTimeline record the lock timeline (costs memory; replication 0 only)
     */
    public static ReplicationOutcome runReplication(SimulationSpec spec, long seed, int replication, boolean withTimeline) {
        return runReplication(spec, seed, replication, withTimeline, new TopologyCache());
    }

    /**
     * @param topologies where the machine's topology under the spec's mitigations is
     *                   built once and shared with the caller's other replications
     */
    public static ReplicationOutcome runReplication(SimulationSpec spec, long seed, int replication, boolean withTimeline,
                                                    TopologyCache topologies) {
        Topology topology = topologies.of(spec.machine(), spec.mitigations());
        return spec.workload().accept(new WorkloadSpec.Visitor<>() {
            @Override
            public ReplicationOutcome containerStarts(WorkloadSpec.ContainerStarts starts) {
                return MountSimulation.run(new TopologyCpuLayout(topology), spec.kernel(), spec.runtime(), spec.watchers(), spec.node(),
                        starts, seed, replication, withTimeline);
            }

            @Override
            public ReplicationOutcome trace(WorkloadSpec.Trace trace) {
                return MountSimulation.run(new TopologyCpuLayout(topology), spec.kernel(), spec.runtime(), spec.watchers(), spec.node(),
                        trace, seed, replication, withTimeline);
            }

            @Override
            public ReplicationOutcome lockBench(WorkloadSpec.LockBench bench) {
                LockBench.SchedulerCosts costs = new LockBench.SchedulerCosts(
                        Math.round(spec.kernel().scheduler().idleWakeupUs() * 1000),
                        Math.round(spec.kernel().scheduler().contextSwitchUs() * 1000));
                return LockBench.run(topology, bench, costs, seed, replication, withTimeline);
            }
        });
    }
}
