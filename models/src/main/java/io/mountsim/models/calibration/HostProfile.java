package io.mountsim.models.calibration;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.topology.MachineSpec;
import java.util.Map;

/**
 * A host as a profile file describes it: its machine (topology and hardware costs) and
 * every kernel cost, with each number's provenance under its {@link ProfileFields} key.
 */
public record HostProfile(String name, MachineSpec machine, KernelProfile kernel, Map<String, Provenance> provenance) {
    public HostProfile {
        provenance = Map.copyOf(provenance);
    }
}
