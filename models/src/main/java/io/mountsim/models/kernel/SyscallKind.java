package io.mountsim.models.kernel;

/**
 * The mount-path calls the model knows, with their names in output columns
 * ({@code syscallUsMean.<column>}) and whether the study counts them as mount operations.
 */
public enum SyscallKind {
    OPEN_TREE("openTree", false),
    MOUNT_SETATTR("mountSetattr", false),
    MOVE_MOUNT("moveMount", true),
    OVERLAY_MOUNT("overlayMount", true),
    UMOUNT("umount", true),
    UMOUNT_DETACH("umountDetach", true),
    /** The introspection pass's temporary rootfs, unmounted once read: not in the study's count. */
    UMOUNT_ROOTFS("umountRootfs", false),
    UNSHARE("unshare", false),
    /** mount(2) changing propagation only (MS_SLAVE|MS_REC etc.): not a mount operation in the study's count. */
    CHANGE_PROPAGATION("changePropagation", false),
    MOUNTINFO_READ("mountinfoRead", false),
    CLOSE_TREE("closeTree", false);

    private final String column;
    private final boolean mountOp;

    SyscallKind(String column, boolean mountOp) {
        this.column = column;
        this.mountOp = mountOp;
    }

    public String column() {
        return column;
    }

    /** The study counts overlay mounts, idmapped bind mounts (move_mount) and unmounts. */
    public boolean isMountOp() {
        return mountOp;
    }
}
