package io.mountsim.models.topology;

import java.util.EnumMap;
import java.util.Map;

/**
 * The hardware figures the presets use that are estimates ([est]) rather than measured or
 * read off a source's table, so that a sensitivity run can scale each one (x0.5, x2) and
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
    REMOTE_SOCKET_WEIGHT("weight of a remote-socket spinner (crossSocket/llc, 2.1-2.9)");

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
