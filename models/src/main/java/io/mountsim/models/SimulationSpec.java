package io.mountsim.models;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.models.workload.WorkloadSpec;

/** One fully resolved point to simulate: the scenario layer fills it, the models run it. */
public record SimulationSpec(MachineSpec machine,
                             KernelProfile kernel,
                             RuntimeConfig runtime,
                             WatcherConfig watchers,
                             WorkloadSpec workload,
                             Mitigations mitigations) {
}
