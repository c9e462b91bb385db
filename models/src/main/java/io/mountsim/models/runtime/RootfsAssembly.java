package io.mountsim.models.runtime;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OverlayLowers;
import io.mountsim.models.kernel.SyscallPrograms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the container runtime does to give a container its root filesystem, as the
 * sequence of syscalls (and its own work between them) for one start:
 * {@code passes} assemblies, each by the idmap strategy (netflix-study.md; containerd
 * issue #12048 and PR #12092; calibration/README.md lists the same sequences). Every pass
 * but the last mounts a temporary rootfs that is unmounted again once it has been read.
 */
public final class RootfsAssembly {
    private final RuntimeConfig config;
    private final SyscallPrograms programs;
    private final long perStartNs;
    private final long perLayerNs;
    private final Map<Integer, List<Op>> byLayers = new HashMap<>();

    public RootfsAssembly(RuntimeConfig config, SyscallPrograms programs, KernelProfile profile) {
        this.config = config;
        this.programs = programs;
        this.perStartNs = Math.round(profile.runtime().perStartUs() * 1000);
        this.perLayerNs = Math.round(profile.runtime().perLayerUs() * 1000);
    }

    /** The ops of one start of an image with {@code layers} layers (shared, immutable). */
    public List<Op> opsFor(int layers) {
        return byLayers.computeIfAbsent(layers, this::build);
    }

    private List<Op> build(int layers) {
        List<Op> ops = new ArrayList<>();
        for (int pass = 0; pass < config.passes(); pass++) {
            boolean introspection = pass < config.passes() - 1;
            IdmapMode mode = introspection && !config.idmapIntrospectionPass() ? IdmapMode.NONE : config.idmap();
            assemble(ops, mode, layers);
            if (introspection) {
                // containerd reads the image's user database from a temporary mount
                // (mount.WithTempMount) and unmounts it; the last pass's rootfs stays
                ops.add(programs.umountRootfs(layers));
            }
        }
        return List.copyOf(ops);
    }

    private void assemble(List<Op> ops, IdmapMode mode, int layers) {
        ops.add(new Op.UserWork(perStartNs));
        switch (mode) {
            case PER_LAYER -> {
                // per layer: open_tree(OPEN_TREE_CLONE), mount_setattr(MOUNT_ATTR_IDMAP), move_mount
                for (int i = 0; i < layers; i++) {
                    ops.add(new Op.UserWork(perLayerNs));
                    ops.add(programs.openTree());
                    ops.add(programs.mountSetattr());
                    ops.add(programs.moveMount());
                }
                ops.add(programs.overlayMount(layers, OverlayLowers.IDMAPPED_PATHS));
                // the idmapped bind mounts are not needed once the overlay holds them
                for (int i = 0; i < layers; i++) {
                    ops.add(programs.umount(true));
                }
            }
            case COMMON_PARENT -> {
                // one idmapped mount of the layers' parent; lowerdirs are its subdirectories
                ops.add(programs.openTree());
                ops.add(programs.mountSetattr());
                ops.add(programs.moveMount());
                ops.add(programs.overlayMount(layers, OverlayLowers.IDMAPPED_PATHS));
                ops.add(programs.umount(true));
            }
            case FD_LOWERDIRS -> {
                // idmapped detached trees passed to fsconfig("lowerdir+") as fds: never attached,
                // so closing each fd dissolves its tree (namespace_sem, mount_lock, RCU)
                for (int i = 0; i < layers; i++) {
                    ops.add(new Op.UserWork(perLayerNs));
                    ops.add(programs.openTree());
                    ops.add(programs.mountSetattr());
                }
                ops.add(programs.overlayMount(layers, OverlayLowers.IDMAPPED_FDS));
                for (int i = 0; i < layers; i++) {
                    ops.add(programs.closeDetachedTree());
                }
            }
            case NONE -> ops.add(programs.overlayMount(layers, OverlayLowers.LAYER_STORE_PATHS));
        }
    }

    /**
     * Mount operations of one start as the study counts them: overlay mounts, attached
     * bind mounts and unmounts; 100 x 2 x (1 + 50 + 50) = 20,200 for the study's node.
     */
    public static long mountOpsPerStart(RuntimeConfig config, int layers) {
        long ops = 0;
        for (int pass = 0; pass < config.passes(); pass++) {
            boolean introspection = pass < config.passes() - 1;
            IdmapMode mode = introspection && !config.idmapIntrospectionPass() ? IdmapMode.NONE : config.idmap();
            ops += switch (mode) {
                case PER_LAYER -> 1 + 2L * layers;
                case COMMON_PARENT -> 3;
                case FD_LOWERDIRS, NONE -> 1;
            };
        }
        return ops;
    }
}
