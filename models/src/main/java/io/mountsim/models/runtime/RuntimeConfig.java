package io.mountsim.models.runtime;

/**
 * The container runtime's rootfs assembly.
 *
 * @param idmap                    idmap strategy
 * @param passes                   rootfs assemblies per start (shim + containerd = 2)
 * @param idmapIntrospectionPass   false models containerd 2.3, which skips the idmap for the
 *                                 read-only introspection pass (every pass but the last)
 */
public record RuntimeConfig(IdmapMode idmap, int passes, boolean idmapIntrospectionPass) {
}
