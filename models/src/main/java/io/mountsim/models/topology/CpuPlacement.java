package io.mountsim.models.topology;

/**
 * Where one logical CPU sits in the hierarchy (all ids machine-wide).
 *
 * @param cpu          Linux logical CPU number
 * @param socket       physical package
 * @param node         NUMA node
 * @param llc          last-level-cache domain
 * @param core         physical core
 * @param threadInCore 0 for the first hardware thread of its core, 1 for the SMT sibling
 */
public record CpuPlacement(int cpu, int socket, int node, int llc, int core, int threadInCore) {
}
