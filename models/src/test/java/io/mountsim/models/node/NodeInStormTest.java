package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.workload.MountSimulation;
import io.mountsim.models.workload.MountSimulationFixtures;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.models.workload.WorkloadSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The node inside a storm of starts: health checks that count PID 1, and the idle default. */
class NodeInStormTest {

    private static SimulationSpec withNode(SimulationSpec base, WatcherConfig watchers, NodeSpec node, double timeoutSeconds) {
        WorkloadSpec.ContainerStarts c = (WorkloadSpec.ContainerStarts) base.workload();
        WorkloadSpec.ContainerStarts w = new WorkloadSpec.ContainerStarts(c.containers(), c.layers(), c.arrival(),
                c.maxConcurrentStarts(), c.pathLookupsPerCpuPerSecond(), timeoutSeconds);
        return new SimulationSpec(base.machine(), base.kernel(), base.runtime(), watchers, w, base.mitigations(), node);
    }

    /**
     * PID 1 answers one request at a time: with 50 ms of work per StartTransientUnit, the
     * k-th start to finish cannot finish before k x 50 ms, and a start counts as failed when
     * runtime, PID 1 and kernel together pass the timeout.
     */
    @Test
    void startsWaitForPid1AndItsTimeCountsAgainstTheHealthCheck() {
        SimulationSpec base = MountSimulationFixtures.starts("m7i.metal-24xl", IdmapMode.COMMON_PARENT, 2, true, 40, 5, 0, 0);
        Pid1Config d = Pid1Config.defaults();
        Pid1Config slow = new Pid1Config(d.rateLimitBurst(), d.rateLimitSeconds(), d.parseNsPerLine(), d.parseNsPerLowerdir(),
                d.unitNsPerLine(), 1, 50_000, 1.0);
        WatcherConfig watchers = new WatcherConfig(0, Optional.empty(), 4096, Optional.of(slow), List.of());
        SimulationSpec spec = withNode(base, watchers, NodeSpec.idle(), 1.0);
        ReplicationOutcome o = SimulationModel.runReplication(spec, 42, 0, false);

        double[] latencies = o.startLatenciesMs().clone();
        Arrays.sort(latencies);
        for (int k = 0; k < latencies.length; k++) {
            assertTrue(latencies[k] >= 50.0 * (k + 1), "start " + k + " done after " + latencies[k] + " ms");
        }
        long over = Arrays.stream(latencies).filter(ms -> ms > 1000).count();
        assertTrue(over >= 20, "40 x 50 ms of PID 1 work: at least 20 starts pass 1 s, got " + over);
        assertEquals(over, o.metrics().get(MetricNames.FAILED_STARTS));
        assertTrue(o.metrics().get(NodeRuntime.DBUS_TIMEOUTS) > 0);
        assertTrue(o.metrics().get(MountSimulation.PID1_WAIT_MS_MEAN) > 500);
    }

    /**
     * Requests before the rootfs (a pod's slice and sandbox scope) hold the assembly back:
     * with one request before and one after, the k-th start to finish needed 2 (k + 1)
     * answers of 20 ms each, and its wait for PID 1 is part of its latency.
     */
    @Test
    void requestsBeforeTheRootfsDelayTheAssembly() {
        SimulationSpec base = MountSimulationFixtures.starts("m7i.metal-24xl", IdmapMode.COMMON_PARENT, 2, true, 30, 5, 0, 0);
        Pid1Config d = Pid1Config.defaults();
        Pid1Config pod = new Pid1Config(d.rateLimitBurst(), d.rateLimitSeconds(), d.parseNsPerLine(), d.parseNsPerLowerdir(),
                d.unitNsPerLine(), 1, 20_000, d.dbusTimeoutSeconds(), 1);
        WatcherConfig watchers = new WatcherConfig(0, Optional.empty(), 4096, Optional.of(pod), List.of());
        ReplicationOutcome o = SimulationModel.runReplication(withNode(base, watchers, NodeSpec.idle(), 30), 42, 0, false);
        double[] latencies = o.startLatenciesMs().clone();
        Arrays.sort(latencies);
        for (int k = 0; k < latencies.length; k++) {
            assertTrue(latencies[k] >= 2 * 20.0 * (k + 1), "start " + k + " done after " + latencies[k] + " ms");
        }
        // every start waits for both of its answers, and the rootfs work is small beside 1.2 s of PID 1
        assertTrue(o.metrics().get(MountSimulation.PID1_WAIT_MS_MEAN) > 0.5 * o.metrics().get(MetricNames.START_LATENCY_MS_MEAN));
    }

    /** Without node keys nothing of the node runs: the same metrics, the same event sequence. */
    @Test
    void anIdleNodeChangesNothing() {
        SimulationSpec base = MountSimulationFixtures.starts("r5.metal", IdmapMode.PER_LAYER, 2, true, 20, 10, 0, 1);
        SimulationSpec explicit = new SimulationSpec(base.machine(), base.kernel(), base.runtime(),
                new WatcherConfig(1, Optional.empty(), WatcherConfig.DEFAULT_READ_BUFFER_BYTES, Optional.empty(), List.of()),
                base.workload(), base.mitigations(), NodeSpec.idle());
        ReplicationOutcome a = SimulationModel.runReplication(base, 7, 0, false);
        ReplicationOutcome b = SimulationModel.runReplication(explicit, 7, 0, false);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.metrics().keySet(), b.metrics().keySet());
        a.metrics().forEach((k, v) -> {
            if (!k.equals(MetricNames.WALL_SECONDS)) {
                assertEquals(v, b.metrics().get(k), k);
            }
        });
        assertFalse(a.metrics().containsKey(NodeRuntime.MOUNT_TABLE_LINES_INITIAL));
    }

    /**
     * With runc's namespace copy, every start pays for the node's table: copy_tree per
     * mount and the copy made a slave tree (do_change_type()), both as measured, and the old
     * root's detach (one mount_lock section per mount). No mountinfo read or parse since runc 1.2, so the lowerdirs the lines list cost
     * nothing here. One start at a time, so only the table differs between the two runs.
     */
    @Test
    void runcsNamespaceCopyMakesEveryStartPayForTheTable() {
        SimulationSpec base = MountSimulationFixtures.starts("m7i.metal-24xl", IdmapMode.COMMON_PARENT, 2, true, 20, 5, 1, 0);
        int running = 300;
        int layers = 50;
        double empty = SimulationModel.runReplication(withNode(base, WatcherConfig.none(),
                new NodeSpec(0, layers, 3, Optional.empty(), 0, true), 30), 42, 0, false)
                .metrics().get(MetricNames.START_LATENCY_MS_MEAN);
        double busy = SimulationModel.runReplication(withNode(base, WatcherConfig.none(),
                new NodeSpec(running, layers, 3, Optional.empty(), 0, true), 30), 42, 0, false)
                .metrics().get(MetricNames.START_LATENCY_MS_MEAN);
        var p = base.kernel();
        // measured on the calibration host (calibration/epyc-2core/runc-rslave.txt): 1.4 us per
        // mount copied, 0.05 us per mount made slave; the detach's 0.30 us section per mount [est]
        double perLineUs = 1.4 + 0.05 + p.mountTable().lockSectionUs();
        double expectedMs = running * 4 * perLineUs / 1e3;
        assertEquals(expectedMs, busy - empty, 0.1 * expectedMs);
    }

    /** The running containers' lines are in the table before the first start. */
    @Test
    void runningContainersSeedTheTable() {
        SimulationSpec base = MountSimulationFixtures.starts("m7i.metal-24xl", IdmapMode.COMMON_PARENT, 2, true, 5, 5, 0, 0);
        NodeSpec node = new NodeSpec(150, 40, 3, Optional.empty(), 0);
        ReplicationOutcome o = SimulationModel.runReplication(withNode(base, WatcherConfig.none(), node, 30), 42, 0, false);
        assertEquals(base.kernel().mountTable().baselineMounts() + 150 * 4, o.metrics().get(NodeRuntime.MOUNT_TABLE_LINES_INITIAL));
    }
}
