package io.mountsim.scenarios.probe;

/**
 * One online CPU as sysfs describes it (a results header's "topology:" line): core_id,
 * physical_package_id, NUMA node, the CPUs sharing its last-level cache and its SMT
 * siblings, both in the kernel's list syntax ("0-3,8"). -1 / "none" when sysfs lacks them.
 */
public record CpuTopology(int cpu, int core, int pkg, int node, String llc, String siblings) {
    public String headerValue() {
        return "cpu=" + cpu + " core=" + core + " package=" + pkg + " node=" + node + " llc=" + llc + " siblings=" + siblings;
    }
}
