package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.SyscallKind;
import org.junit.jupiter.api.Test;

/**
 * runc create's work on the node's table, as runc 1.2 does it (libcontainer/rootfs_linux.go):
 * copy the namespace, make the copy a slave tree (prepareRoot(): MS_SLAVE|MS_REC), detach the
 * old root after pivot_root; no mountinfo read since runc 1.2.0 (rootfsParentMountPrivate()).
 */
class RuncNamespaceCopyTest {

    private static NodeRig runAlone(int runningPods) {
        NodeRig rig = new NodeRig(2);
        rig.kernel.seedRunningContainers(runningPods, 50, NodeSpec.POD_OTHER_MOUNTS);
        new KThread(rig.kernel, 1, new RuncNamespaceCopy(rig.kernel), null).start();
        rig.sim.run();
        return rig;
    }

    @Test
    void copiesMakesSlaveAndDetachesWithoutReadingMountinfo() {
        NodeRig rig = runAlone(200);
        var calls = rig.kernel.syscallLatencyUs();
        assertEquals(1, calls.get(SyscallKind.UNSHARE).count());
        assertEquals(1, calls.get(SyscallKind.CHANGE_PROPAGATION).count());
        assertEquals(1, calls.get(SyscallKind.UMOUNT_ROOTFS).count());
        assertEquals(0, calls.get(SyscallKind.MOUNTINFO_READ).count(), "runc >= 1.2 does not read mountinfo to find the rootfs's parent");
        assertEquals(3, rig.kernel.syscalls());
        assertEquals(0, rig.kernel.mountOps(), "propagation changes and runc's own detach are not the study's mount operations");
    }

    /**
     * do_change_type() holds mount_lock across change_mnt_propagation() of every mount in the
     * tree, so alone on the machine the MS_SLAVE|MS_REC pass grows by one mount_lock write
     * section per mount copied: 5 lines per pod (rootfs overlay + the pod's 4 others).
     */
    @Test
    void theSlavePassGrowsByOneLockSectionPerCopiedMount() {
        double small = runAlone(100).kernel.syscallLatencyUs().get(SyscallKind.CHANGE_PROPAGATION).mean();
        double large = runAlone(400).kernel.syscallLatencyUs().get(SyscallKind.CHANGE_PROPAGATION).mean();
        double perMountUs = (large - small) / (300.0 * (1 + NodeSpec.POD_OTHER_MOUNTS));
        double sectionUs = KernelProfiles.EPYC_2CORE.mountTable().lockSectionUs();
        assertEquals(sectionUs, perMountUs, 0.05 * sectionUs);
    }
}
