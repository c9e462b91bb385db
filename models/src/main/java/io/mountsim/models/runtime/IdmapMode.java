package io.mountsim.models.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the container runtime gives each container's layers its UID mapping. */
public enum IdmapMode {
    /** containerd before 2.2: per layer open_tree + mount_setattr + move_mount, then unmount each. */
    PER_LAYER,
    /** containerd 2.2+ (PR #12092): one idmapped mount of the layers' common parent. */
    COMMON_PARENT,
    /** New mount API: idmapped layer fds passed to fsconfig lowerdir+, nothing in the mount table. */
    FD_LOWERDIRS,
    /** No user namespace: a plain overlay mount. */
    NONE;

    /** The scenario-file spelling: per-layer, common-parent, fd-lowerdirs, none. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<IdmapMode> fromYaml(String s) {
        return Arrays.stream(values()).filter(m -> m.yamlName().equals(s)).findFirst();
    }
}
