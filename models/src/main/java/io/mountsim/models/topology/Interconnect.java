package io.mountsim.models.topology;

/**
 * How a socket's cores keep one contended cache line coherent.
 * MESH: Intel's mesh, each line homed at one CHA whose request table serializes
 * requests for it, so every extra spinner slows every handoff.
 * CHIPLET: AMD's CCDs, each with its own L3 and coherence domain, so the penalty grows
 * with the number of domains involved rather than with every spinner.
 * (shared/design/kernel-mount-locking.md, section 6)
 */
public enum Interconnect {
    MESH, CHIPLET;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
