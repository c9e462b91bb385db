package io.mountsim.models.runtime;

import io.mountsim.models.kernel.LayerStoreChildren;

/**
 * The container runtime's rootfs assembly.
 *
 * @param idmap                    idmap strategy
 * @param passes                   rootfs assemblies per start (shim + containerd = 2)
 * @param idmapIntrospectionPass   false models containerd 2.3, which skips the idmap for the
 *                                 read-only introspection pass (every pass but the last)
 * @param layerStoreChildren       which of its mounts land on the layer store's filesystem
 */
public record RuntimeConfig(IdmapMode idmap, int passes, boolean idmapIntrospectionPass,
                            LayerStoreChildren layerStoreChildren) {

    /** containerd's defaults on a node with one root filesystem ({@link LayerStoreChildren#IDMAPPED}). */
    public RuntimeConfig(IdmapMode idmap, int passes, boolean idmapIntrospectionPass) {
        this(idmap, passes, idmapIntrospectionPass, LayerStoreChildren.IDMAPPED);
    }
}
