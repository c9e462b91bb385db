package io.mountsim.models.kernel;

/** Where an overlay mount's lower layers come from, which decides what mounting them costs. */
public enum OverlayLowers {
    /** lowerdir= paths straight into the layer store (no idmap). */
    LAYER_STORE_PATHS,
    /** lowerdir= paths into idmapped mounts (per layer, or subdirectories of one parent). */
    IDMAPPED_PATHS,
    /** fsconfig("lowerdir+") with idmapped detached trees as fds: no lookups. */
    IDMAPPED_FDS
}
