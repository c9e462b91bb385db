package io.mountsim.models.kernel;

/**
 * Uncontended one-thread latency of each mount-path call on a host, in microseconds
 * ({@code kernel.syscallsUs} in a scenario). The model splits each into lock-held and
 * lock-free parts.
 */
public record SyscallCostsUs(double openTree,
                             double mountSetattr,
                             double moveMount,
                             double overlayMountBase,
                             double overlayMountPerLayer,
                             double umount,
                             double mountinfoReadBase,
                             double mountinfoReadPerMount) {
}
