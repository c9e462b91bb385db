package io.mountsim.models.node;

import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;

/**
 * What runc create does with the node's mount table for each container, after the rootfs
 * is mounted. Its init process starts in a new mount namespace, a copy of the node's whole
 * table (clone(CLONE_NEWNS): copy_mnt_ns() -> copy_tree() under namespace_sem). It makes
 * that whole copy a slave tree (libcontainer/rootfs_linux.go prepareRoot():
 * mount("", "/", "", MS_SLAVE|MS_REC): do_change_type() over every copied mount under
 * namespace_sem and mount_lock). After pivot_root it detaches the old root, the whole copy
 * again (umount_tree() under namespace_sem and mount_lock).
 *
 * <p>No mountinfo read: runc up to 1.1.14 read and parsed the copy's whole mountinfo to find
 * the rootfs's parent mount (getParentMount(): mountinfo.GetMounts(ParentsFilter(rootfs)),
 * the CPU containerd #5113 saw in runc init), but runc 1.2.0 replaced it (commit 13a6f56,
 * "runc run: fix mount leak", backported to 1.1.15) by rootfsParentMountPrivate(), which
 * tries mount(MS_PRIVATE) on the rootfs and its parents until one is a mount point: one
 * non-recursive propagation change on the rootfs's own mount, left out like the container's
 * own mounts (proc, sys, dev, ...). The study's containerd 2.0.5 pins runc v1.2.6
 * (containerd script/setup/runc-version). On a cgroup v1 host runc 1.2 would still parse
 * mountinfo twice per start (cgroups/v1_utils.go readCgroupMountinfo(), once per process:
 * runc create's cgroup manager on the host's table, runc init's mountCgroupV1() ->
 * getCgroupMounts() on the copy); cgroup v2 is assumed, whose cgroup mount needs no lookup
 * (mountCgroupV2()): the study does not say which its nodes ran.
 */
public final class RuncNamespaceCopy implements OpSource {
    private enum Phase { COPY, MAKE_SLAVE, DETACH, DONE }

    private final Kernel kernel;
    private Phase phase = Phase.COPY;
    private int copiedMounts;

    public RuncNamespaceCopy(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Op next(KThread thread) {
        switch (phase) {
            case COPY -> {
                copiedMounts = kernel.mounts();
                phase = Phase.MAKE_SLAVE;
                return kernel.programs().unshare(copiedMounts);
            }
            case MAKE_SLAVE -> {
                phase = Phase.DETACH;
                return kernel.programs().makeTreeSlave(copiedMounts);
            }
            case DETACH -> {
                phase = Phase.DONE;
                return kernel.programs().detachOldRoot(copiedMounts);
            }
            default -> {
                return null;
            }
        }
    }
}
