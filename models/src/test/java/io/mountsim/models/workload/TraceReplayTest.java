package io.mountsim.models.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.models.runtime.IdmapMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReplayTest {

    /** A thread that assembles one per-layer rootfs of {@code layers} layers, starting at {@code offsetNs}. */
    private static WorkloadSpec.TraceThread perLayerThread(int tid, int layers, long offsetNs) {
        List<WorkloadSpec.TraceCall> calls = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            calls.add(new WorkloadSpec.TraceCall(SyscallKind.OPEN_TREE, 0, offsetNs));
            calls.add(new WorkloadSpec.TraceCall(SyscallKind.MOUNT_SETATTR, 0, offsetNs));
            calls.add(new WorkloadSpec.TraceCall(SyscallKind.MOVE_MOUNT, 0, offsetNs));
        }
        calls.add(new WorkloadSpec.TraceCall(SyscallKind.OVERLAY_MOUNT, layers, offsetNs));
        for (int i = 0; i < layers; i++) {
            calls.add(new WorkloadSpec.TraceCall(SyscallKind.UMOUNT_DETACH, 0, offsetNs));
        }
        return new WorkloadSpec.TraceThread(tid, calls);
    }

    @Test
    void replaysEveryCallOfEveryThreadAndCountsThreadsAsStarts() {
        var trace = new WorkloadSpec.Trace("test", List.of(perLayerThread(101, 20, 0), perLayerThread(102, 20, 1_000),
                perLayerThread(103, 20, 5_000_000), perLayerThread(104, 20, 5_000_000)), 3, 0, 30);
        SimulationSpec base = MountSimulationFixtures.starts("r5.metal", IdmapMode.PER_LAYER, 1, true, 1, 20, 0, 0);
        SimulationSpec spec = new SimulationSpec(base.machine(), base.kernel(), base.runtime(), base.watchers(), trace,
                base.mitigations());
        ReplicationOutcome o = SimulationModel.runReplication(spec, 1, 0, false);
        assertEquals(4 * (20 * 3 + 1 + 20), o.metrics().get(MetricNames.SYSCALLS));
        assertEquals(4 * (20 + 1 + 20), o.metrics().get(MetricNames.MOUNT_OPS));
        assertEquals(4, o.startLatenciesMs().length);
        // the two late threads start 5 ms in, so the run lasts at least that long
        assertTrue(o.metrics().get(MetricNames.MAKESPAN_SECONDS) > 0.005);
    }
}
