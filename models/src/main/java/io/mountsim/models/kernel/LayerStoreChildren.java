package io.mountsim.models.kernel;

/**
 * Which of the runtime's mounts land on the filesystem that holds the image layers, and
 * so become child mounts of the layer store's mount. It matters because open_tree()
 * (__do_loopback()) and clone_private_mount() call has_locked_children() on the source
 * mount, which runs is_subdir() for EVERY child of that mount under namespace_sem
 * (fs/namespace.c): with many starts in flight the check grows with the mounts they hold.
 */
public enum LayerStoreChildren {
    /** The layer store is a filesystem of its own (e.g. /var/lib/containerd on a dedicated volume). */
    NONE("none"),
    /**
     * containerd's defaults on a node with one root filesystem: the idmapped layer mounts go
     * to os.TempDir() ({@code /tmp/ovl-idmapped*}, containerd core/mount/mount_idmapped_linux.go)
     * on the same filesystem as /var/lib/containerd; rootfs overlays go under /run (tmpfs).
     */
    IDMAPPED("idmapped"),
    /** Everything on one filesystem: the calibration probe (mountbench.c mounts all under one tmpfs). */
    ALL("all");

    private final String key;

    LayerStoreChildren(String key) {
        this.key = key;
    }

    /** The value as written in a scenario file. */
    public String key() {
        return key;
    }

    /** Whether a mount of this kind becomes a child of the layer store's mount. */
    public boolean counts(MountKind kind) {
        return switch (this) {
            case NONE -> false;
            case IDMAPPED -> kind == MountKind.BIND;
            case ALL -> true;
        };
    }
}
