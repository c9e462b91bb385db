package io.mountsim.models.mitigation;

import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topologies built once per (machine, mitigations) and shared by whoever holds this cache:
 * a run keeps one, so every replication of every point on the same machine uses one
 * topology instead of rebuilding it (tens of ms each on a big machine: one Dijkstra per
 * CPU). Topologies are immutable; keys compare by record equality, so an inline machine
 * equal to a preset shares its entry. Safe for concurrent replications. It lives as long
 * as its owner (no global state: two runs in one JVM do not share or leak entries).
 */
public final class TopologyCache {
    private record Key(MachineSpec machine, Mitigations mitigations) {
    }

    private final Map<Key, Topology> built = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException as {@link Mitigations#applyTo} */
    public Topology of(MachineSpec machine, Mitigations mitigations) {
        return built.computeIfAbsent(new Key(machine, mitigations), k -> mitigations.applyTo(machine));
    }
}
