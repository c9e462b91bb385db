package io.mountsim.models.topology;

import java.util.EnumMap;
import java.util.Map;

/**
 * The figures that are estimates ([est]) rather than measured or read off a source's table,
 * the presets' hardware figures and the busy node's (issue 15: the node inputs of
 * scenarios/examples/busy-node.yaml, which the netflix finding scenarios carry), so that a sensitivity run can scale each one (x0.5, x2) and
 * see which verdicts flip (scenarios' Sensitivity tool; VALIDATION.md's sensitivity table).
 * In normal runs every factor is 1 and nothing changes.
 *
 * <p>The factors are process-wide: set them only from a tool that runs one setting at a
 * time, before any scenario is bound ({@link #withScaled}).
 */
public enum EstimatedParameter {
    /** {@link MachineSpec#spinningSiblingSlowdown()} of the presets: the excess over 1 is scaled. */
    SPINNING_SIBLING_SLOWDOWN("spinning-sibling slowdown excess (1.05 -> 1.025 / 1.10)"),
    /** The host's exposed-L3 share of the child walk carried to other machines ({@link MemoryHierarchy}). */
    CHILD_WALK_L3_EXPOSED("exposed L3 part of the child walk (3.6 of 25.5 ns per child)"),
    /** Sapphire Rapids' L3 latency, read off a chart (m7i presets' {@link MemoryHierarchy}). */
    SAPPHIRE_RAPIDS_L3("Sapphire Rapids L3 latency (33 ns, read off a chart)"),
    /** {@link MachineSpec#perSpinnerHandoffNs()} of the presets (derived from a queueing model). */
    PER_SPINNER_HANDOFF("per-spinner / per-CCD handoff queueing (23.5-50 ns)"),
    /** How much a spinner on another socket weighs at the line's home ({@link CoherenceModel}). */
    REMOTE_SOCKET_WEIGHT("weight of a remote-socket spinner (crossSocket/llc, 2.1-2.9)"),
    /**
     * The busy node's CPU load ({@code node.cpuLoad.utilization}, 0.3 [est]): the running
     * containers' utilization per CPU, capped below 1 (the SMT mechanisms' input).
     */
    NODE_CPU_LOAD("busy node: running containers' CPU utilization (0.3 per CPU)"),
    /**
     * systemd's own work per mount-table line beyond libmount's parse
     * ({@code watchers.systemd.unitNsPerLine}, 800 ns [est]): half of PID 1's per-line cost.
     */
    PID1_UNIT_NS_PER_LINE("busy node: PID 1's unit bookkeeping per line (800 ns)"),
    /** The running containers' path walks ({@code node.pathLookupsPerContainerPerSecond}, 1000 [est]): mount_lock readers. */
    NODE_PATH_LOOKUPS("busy node: path walks per running container (1000 per s)"),
    /**
     * The running workloads' LLC footprint per busy CPU ({@code node.cpuLoad.llcFootprintMb},
     * 2 MB [est]): what they keep in the child walk's LLC ({@link MemoryHierarchy#evictedShare}).
     */
    NODE_LLC_FOOTPRINT("busy node: LLC footprint per busy CPU (2 MB)");

    private static final Map<EstimatedParameter, Double> SCALE = new EnumMap<>(EstimatedParameter.class);

    private final String description;

    EstimatedParameter(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The factor this parameter is scaled by now (1 unless a sensitivity run set one). */
    public double scale() {
        synchronized (EstimatedParameter.class) {
            return SCALE.getOrDefault(this, 1.0);
        }
    }

    /** Runs {@code body} with this parameter scaled by {@code factor}, then restores it. */
    public <T> T withScaled(double factor, java.util.function.Supplier<T> body) {
        synchronized (EstimatedParameter.class) {
            SCALE.put(this, factor);
        }
        try {
            return body.get();
        } finally {
            synchronized (EstimatedParameter.class) {
                SCALE.remove(this);
            }
        }
    }

    /** True when any parameter is scaled (the presets must then be rebuilt). */
    static boolean anyScaled() {
        synchronized (EstimatedParameter.class) {
            return !SCALE.isEmpty();
        }
    }
}
