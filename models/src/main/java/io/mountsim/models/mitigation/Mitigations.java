package io.mountsim.models.mitigation;

/** Machine-side mitigations: SMT on/off and the cpuset the workload runs on. */
public record Mitigations(boolean smt, CpuSet cpuset) {
    public static Mitigations none() {
        return new Mitigations(true, new CpuSet.All());
    }
}
