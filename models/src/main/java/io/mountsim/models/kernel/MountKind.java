package io.mountsim.models.kernel;

/** What a line of the mount table is, for what it costs to list and where it hangs. */
public enum MountKind {
    /** A clone of a directory attached with move_mount (an idmapped layer or layer parent). */
    BIND,
    /** An overlay root filesystem: its mountinfo line lists every lowerdir. */
    OVERLAY
}
