package io.mountsim.models;

import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.lockbench.LockBench;
import io.mountsim.models.sched.TopologyCpuLayout;
import io.mountsim.models.topology.Topology;
import io.mountsim.models.workload.MountSimulation;
import io.mountsim.models.workload.WorkloadSpec;

/** Runs one replication of one point: the single entry of the scenario layer into the models. */
public final class SimulationModel {
    private SimulationModel() {
    }

    /**
     * @param seed         the run's master seed
     * @param replication  replication index (selects the random substreams)
     * @param withTimeline record the lock timeline (costs memory; replication 0 only)
     */
    public static ReplicationOutcome runReplication(SimulationSpec spec, long seed, int replication, boolean withTimeline) {
        return spec.workload().accept(new WorkloadSpec.Visitor<>() {
            @Override
            public ReplicationOutcome containerStarts(WorkloadSpec.ContainerStarts starts) {
                return MountSimulation.run(layout(spec), spec.kernel(), spec.runtime(), spec.watchers(), spec.node(),
                        starts, seed, replication, withTimeline);
            }

            @Override
            public ReplicationOutcome trace(WorkloadSpec.Trace trace) {
                return MountSimulation.run(layout(spec), spec.kernel(), spec.runtime(), spec.watchers(), spec.node(),
                        trace, seed, replication, withTimeline);
            }

            @Override
            public ReplicationOutcome lockBench(WorkloadSpec.LockBench bench) {
                LockBench.SchedulerCosts costs = new LockBench.SchedulerCosts(
                        Math.round(spec.kernel().scheduler().idleWakeupUs() * 1000),
                        Math.round(spec.kernel().scheduler().contextSwitchUs() * 1000));
                return LockBench.run(spec.machine(), spec.mitigations(), bench, costs, seed, replication, withTimeline);
            }
        });
    }

    private static TopologyCpuLayout layout(SimulationSpec spec) {
        return new TopologyCpuLayout(Topology.of(spec.machine(), spec.mitigations()));
    }
}
