package io.mountsim.models.node;

import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.MountinfoFullRead;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;

/**
 * What runc create does with the node's mount table for each container, after the rootfs
 * is mounted: its init process starts in a new mount namespace, a copy of the node's whole
 * table (clone(CLONE_NEWNS): copy_mnt_ns() -> copy_tree() under namespace_sem); it reads
 * and parses all of that copy's mountinfo to find the rootfs's parent mount
 * (libcontainer/rootfs_linux.go getParentMount(): mountinfo.GetMounts(ParentsFilter(rootfs)),
 * which parses every line; containerd #5113 shows runc init's CPU growing with the mounts);
 * and after pivot_root it detaches the old root, the whole copy (umount_tree() under
 * namespace_sem and mount_lock). The container's own mounts (proc, sys, dev, ...) are left
 * out. The Go parse costs [est] what libmount's measured parse does per line.
 */
public final class RuncNamespaceCopy implements OpSource {
    private enum Phase { COPY, READ, PARSE, DETACH, DONE }

    private final Kernel kernel;
    private final int readBufferBytes;
    private Phase phase = Phase.COPY;
    private int copiedMounts;
    private MountinfoFullRead read;

    public RuncNamespaceCopy(Kernel kernel, int readBufferBytes) {
        this.kernel = kernel;
        this.readBufferBytes = readBufferBytes;
    }

    @Override
    public Op next(KThread thread) {
        switch (phase) {
            case COPY -> {
                copiedMounts = kernel.mounts();
                phase = Phase.READ;
                return kernel.programs().unshare(copiedMounts);
            }
            case READ -> {
                if (read == null) {
                    // the copy's table, taken as the node's now (the copy was made a moment ago)
                    read = new MountinfoFullRead(kernel, readBufferBytes);
                }
                Op call = read.next();
                if (call != null) {
                    return call;
                }
                phase = Phase.PARSE;
                return new Op.UserWork(Math.max(1, Math.round(Pid1Config.MEASURED_PARSE_NS_PER_LINE * read.lines()
                        + Pid1Config.MEASURED_PARSE_NS_PER_LOWERDIR * read.lowerdirs())));
            }
            case PARSE -> {
                phase = Phase.DETACH;
                return kernel.programs().detachOldRoot(copiedMounts);
            }
            default -> {
                phase = Phase.DONE;
                return null;
            }
        }
    }
}
