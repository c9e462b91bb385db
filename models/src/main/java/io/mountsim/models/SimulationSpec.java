package io.mountsim.models;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.models.workload.WorkloadSpec;

/**
 * One fully resolved point to simulate: the scenario layer fills it, the models run it.
 *
 * @param node what already runs on the node before the storm ({@link NodeSpec#idle()}: nothing)
 */
public record SimulationSpec(MachineSpec machine,
                             KernelProfile kernel,
                             RuntimeConfig runtime,
                             WatcherConfig watchers,
                             WorkloadSpec workload,
                             Mitigations mitigations,
                             NodeSpec node) {

    /** A point on an idle node. */
    public SimulationSpec(MachineSpec machine, KernelProfile kernel, RuntimeConfig runtime, WatcherConfig watchers,
                          WorkloadSpec workload, Mitigations mitigations) {
        this(machine, kernel, runtime, watchers, workload, mitigations, NodeSpec.idle());
    }
}
