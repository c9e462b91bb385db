package io.mountsim.models.topology;

/**
 * One-way cache-line transfer latency between two hardware threads, by how far apart
 * they sit (nviennot core-to-core-latency figures, kernel-mount-locking.md section 6).
 */
public record CoreToCoreNs(double smt, double llc, double crossLlc, double crossSocket) {
    public CoreToCoreNs {
        if (!(smt > 0 && llc > 0 && crossLlc > 0 && crossSocket > 0)) {
            throw new IllegalArgumentException("core-to-core latencies must be positive");
        }
    }
}
