package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.SyscallKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
     * Alone on the machine, the copy and the MS_SLAVE|MS_REC pass grow with the table as the
     * calibration host measured them (calibration/epyc-2core/runc-rslave.txt: least-squares
     * slopes over 22 to 2,022 mounts, recomputed here from the raw rows): 5 lines per pod
     * (rootfs overlay + the pod's 4 others), 100 and 300 pods.
     */
    @Test
    void theCopyAndTheSlavePassGrowPerMountAsMeasured() throws IOException {
        NodeRig small = runAlone(100);
        NodeRig large = runAlone(300);
        double mounts = 200.0 * (1 + NodeSpec.POD_OTHER_MOUNTS);
        double slaveNs = 1e3 * (large.kernel.syscallLatencyUs().get(SyscallKind.CHANGE_PROPAGATION).mean()
                - small.kernel.syscallLatencyUs().get(SyscallKind.CHANGE_PROPAGATION).mean()) / mounts;
        double copyNs = 1e3 * (large.kernel.syscallLatencyUs().get(SyscallKind.UNSHARE).mean()
                - small.kernel.syscallLatencyUs().get(SyscallKind.UNSHARE).mean()) / mounts;
        double[] measured = measuredSlopesNs(2_100);
        assertEquals(measured[0], copyNs, 0.05 * measured[0], "unshare ns per mount");
        assertEquals(measured[1], slaveNs, 0.05 * measured[1], "MS_SLAVE|MS_REC ns per mount");
    }

    /** Least-squares slopes (ns per mount) of the unshare and slave columns, rows up to {@code maxMounts}. */
    private static double[] measuredSlopesNs(int maxMounts) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = RuncNamespaceCopyTest.class.getResourceAsStream("/calibration/epyc-2core/runc-rslave.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (Integer.parseInt(f[1]) <= maxMounts) {
                    rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[3]), Double.parseDouble(f[4])});
                }
            }
        }
        double[] out = new double[2];
        for (int col = 1; col <= 2; col++) {
            double mx = 0, my = 0;
            for (double[] r : rows) {
                mx += r[0];
                my += r[col];
            }
            mx /= rows.size();
            my /= rows.size();
            double sxy = 0, sxx = 0;
            for (double[] r : rows) {
                sxy += (r[0] - mx) * (r[col] - my);
                sxx += (r[0] - mx) * (r[0] - mx);
            }
            out[col - 1] = 1e3 * sxy / sxx;
        }
        return out;
    }
}
