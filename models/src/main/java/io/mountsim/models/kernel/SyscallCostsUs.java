package io.mountsim.models.kernel;

/**
 * Uncontended one-thread latency of each mount-path call on a host, in microseconds
 * ({@code kernel.syscallsUs} in a scenario). The model splits each into lock-held and
 * lock-free parts.
 *
 * @param openTree                 open_tree(OPEN_TREE_CLONE) of a layer whose mount has no
 *                                 child mounts; each child adds {@code childMountCheck}
 * @param mountinfoReadPerMount    listing one mount line (a bind mount's length)
 * @param mountinfoReadPerLowerdir listing one lowerdir path in an overlay's line (the
 *                                 options are escaped byte by byte: string_escape_mem())
 * @param childMountCheck          has_locked_children(): is_subdir() for one child mount of
 *                                 the source mount, inside open_tree and clone_private_mount
 */
public record SyscallCostsUs(double openTree,
                             double mountSetattr,
                             double moveMount,
                             double overlayMountBase,
                             double overlayMountPerLayer,
                             double umount,
                             double mountinfoReadBase,
                             double mountinfoReadPerMount,
                             double mountinfoReadPerLowerdir,
                             double childMountCheck) {
}
