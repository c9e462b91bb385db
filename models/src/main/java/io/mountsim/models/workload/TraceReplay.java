package io.mountsim.models.workload;

import io.mountsim.core.engine.Simulation;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;
import io.mountsim.models.kernel.OverlayLowers;
import io.mountsim.models.kernel.SyscallPrograms;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Replays the structure of a recorded strace log: one kernel thread per traced thread,
 * starting at its first call's offset, issuing the same calls in the same order (overlay
 * mounts with their layer counts). Each traced thread counts as one start whose latency
 * runs from its first call to its last. Calls over the whole mount table (unshare, a
 * mountinfo read) are sized by the table as it is when they are issued.
 */
final class TraceReplay {
    private final Simulation sim;
    private final Kernel kernel;
    private final WorkloadSpec.Trace trace;
    private final long[] beginNs;
    private final long[] doneNs;
    private int completed;

    private final HostNoise noise;

    TraceReplay(Kernel kernel, WorkloadSpec.Trace trace, io.mountsim.core.random.RandomStream noise) {
        this.noise = new HostNoise(noise, kernel.profile().host().workCv());
        this.sim = kernel.scheduler().simulation();
        this.kernel = kernel;
        this.trace = trace;
        this.beginNs = new long[trace.threads().size()];
        this.doneNs = new long[trace.threads().size()];
    }

    void begin() {
        for (int i = 0; i < trace.threads().size(); i++) {
            WorkloadSpec.TraceThread thread = trace.threads().get(i);
            long offset = thread.calls().isEmpty() ? 0 : thread.calls().get(0).startOffsetNs();
            beginNs[i] = offset;
            final int index = i;
            double scale = noise.draw();
            sim.scheduleAt(offset, () -> {
                KThread t = new KThread(kernel, thread.tid(), callsOf(thread), done -> complete(index));
                t.setWorkScale(scale);
                t.start();
            });
        }
        if (trace.threads().isEmpty()) {
            sim.stop();
        }
    }

    /** The thread's calls as programs, each built when the thread issues it. */
    private OpSource callsOf(WorkloadSpec.TraceThread thread) {
        Iterator<WorkloadSpec.TraceCall> calls = thread.calls().iterator();
        return t -> calls.hasNext() ? program(calls.next()) : null;
    }

    private Op program(WorkloadSpec.TraceCall call) {
        SyscallPrograms programs = kernel.programs();
        return switch (call.kind()) {
            case OPEN_TREE -> programs.openTree();
            case MOUNT_SETATTR -> programs.mountSetattr();
            case MOVE_MOUNT -> programs.moveMount();
            case OVERLAY_MOUNT -> programs.overlayMount(Math.max(1, call.layers()), OverlayLowers.IDMAPPED_PATHS);
            case UMOUNT -> programs.umount(false);
            case UMOUNT_DETACH -> programs.umount(true);
            case UMOUNT_ROOTFS -> programs.umountRootfs(Math.max(1, call.layers()));
            case UNSHARE -> programs.unshare(kernel.mounts());
            case CHANGE_PROPAGATION -> programs.makeTreeSlave(kernel.mounts());
            case MOUNTINFO_READ -> programs.mountinfoRead(programs.mountinfoReadNs(kernel.mounts(), kernel.listedLowerdirs()));
            case CLOSE_TREE -> programs.closeDetachedTree();
        };
    }

    private void complete(int index) {
        doneNs[index] = sim.now();
        completed++;
        if (completed == beginNs.length) {
            sim.stop();
        }
    }

    List<StartRecord> records() {
        List<StartRecord> out = new ArrayList<>(beginNs.length);
        for (int i = 0; i < beginNs.length; i++) {
            out.add(new StartRecord(beginNs[i], beginNs[i], doneNs[i]));
        }
        return out;
    }
}
