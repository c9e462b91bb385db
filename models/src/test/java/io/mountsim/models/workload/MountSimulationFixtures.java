package io.mountsim.models.workload;

import io.mountsim.models.SimulationSpec;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.topology.MachinePresets;
import java.util.Optional;
import java.util.OptionalInt;

/** Small specs for the mount-path tests. */
public final class MountSimulationFixtures {
    private MountSimulationFixtures() {
    }

    /** {@code containers} burst starts of {@code layers} layers on a preset, capped at {@code cap} (0 = none). */
    public static SimulationSpec starts(String preset, IdmapMode mode, int passes, boolean introspectionIdmap,
                                        int containers, int layers, int cap, int readers) {
        var machine = MachinePresets.find(preset).orElseThrow();
        var workload = new WorkloadSpec.ContainerStarts(containers, new LayerCount.Fixed(layers), new Arrival.Burst(),
                cap > 0 ? OptionalInt.of(cap) : OptionalInt.empty(), 0, 30);
        return new SimulationSpec(machine, KernelProfiles.defaultFor(machine),
                new RuntimeConfig(mode, passes, introspectionIdmap),
                new WatcherConfig(readers, Optional.empty()), workload, Mitigations.none());
    }
}
