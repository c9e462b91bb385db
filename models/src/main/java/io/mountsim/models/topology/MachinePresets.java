package io.mountsim.models.topology;

import java.util.List;
import java.util.Optional;

/**
 * The named machines of the study and {@code host}. STUB: to be filled by the topology
 * work (issue 3) with sourced numbers.
 */
public final class MachinePresets {
    private MachinePresets() {
    }

    public static List<String> names() {
        return List.of("r5.metal", "m7i.metal-24xl", "m7i.metal-48xl", "m7a.24xlarge", "m7a.metal-48xl", "host");
    }

    public static Optional<MachineSpec> find(String name) {
        return Optional.empty();
    }
}
