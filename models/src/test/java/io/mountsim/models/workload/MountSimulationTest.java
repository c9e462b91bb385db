package io.mountsim.models.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.runtime.IdmapMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MountSimulationTest {
    private static final SimulationSpec SMALL =
            MountSimulationFixtures.starts("m7i.metal-24xl", IdmapMode.PER_LAYER, 2, true, 40, 10, 0, 1);

    @Test
    void sameSeedSameEventSequenceAndMetrics() {
        ReplicationOutcome a = SimulationModel.runReplication(SMALL, 11, 2, false);
        ReplicationOutcome b = SimulationModel.runReplication(SMALL, 11, 2, false);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.events(), b.events());
        assertEquals(withoutWall(a.metrics()), withoutWall(b.metrics()));
    }

    @Test
    void anotherSeedOrReplicationGivesAnotherRun() {
        long base = SimulationModel.runReplication(SMALL, 11, 2, false).fingerprint();
        assertNotEquals(base, SimulationModel.runReplication(SMALL, 12, 2, false).fingerprint());
        assertNotEquals(base, SimulationModel.runReplication(SMALL, 11, 3, false).fingerprint());
    }

    @Test
    void everyStartIsMeasuredAndTheCpuBreakdownAddsUp() {
        ReplicationOutcome o = SimulationModel.runReplication(SMALL, 5, 0, false);
        assertEquals(40, o.startLatenciesMs().length);
        var cpu = o.cpu();
        assertEquals(1.0, cpu.usefulWork() + cpu.spinning() + cpu.idle(), 1e-9);
        assertTrue(o.metrics().get(MetricNames.START_LATENCY_MS_P50) <= o.metrics().get(MetricNames.START_LATENCY_MS_P99));
        assertEquals(0.0, o.metrics().get(MetricNames.QUEUE_WAIT_MS_MEAN), "no cap, no queueing");
    }

    @Test
    void aConcurrencyCapQueuesStartsBeforeTheirFirstSyscall() {
        SimulationSpec capped = MountSimulationFixtures.starts("m7i.metal-24xl", IdmapMode.PER_LAYER, 2, true, 40, 10, 4, 0);
        ReplicationOutcome o = SimulationModel.runReplication(capped, 5, 0, false);
        assertTrue(o.metrics().get(MetricNames.QUEUE_WAIT_MS_MEAN) > 0);
        // latency counts from the slot: no start waits for more than a few of its own peers
        double makespanMs = o.metrics().get(MetricNames.MAKESPAN_SECONDS) * 1000;
        assertTrue(o.metrics().get(MetricNames.START_LATENCY_MS_MAX) < makespanMs / 4,
                "a capped start's latency excludes its queueing");
    }

    @Test
    void startsSlowerThanTheHealthCheckCountAsFailed() {
        var w = (WorkloadSpec.ContainerStarts) SMALL.workload();
        ReplicationOutcome normal = SimulationModel.runReplication(SMALL, 5, 0, false);
        double p50Seconds = normal.metrics().get(MetricNames.START_LATENCY_MS_P50) / 1000;
        var strict = new SimulationSpec(SMALL.machine(), SMALL.kernel(), SMALL.runtime(), SMALL.watchers(),
                new WorkloadSpec.ContainerStarts(w.containers(), w.layers(), w.arrival(), OptionalInt.empty(),
                        w.pathLookupsPerCpuPerSecond(), p50Seconds), SMALL.mitigations());
        ReplicationOutcome o = SimulationModel.runReplication(strict, 5, 0, false);
        long slower = java.util.Arrays.stream(o.startLatenciesMs()).filter(ms -> ms > p50Seconds * 1000).count();
        assertEquals((double) slower, o.metrics().get(MetricNames.FAILED_STARTS));
        assertTrue(slower > 0 && slower < 40);
    }

    @Test
    void timelineShowsNoOverlappingWriteHoldsOfTheMountLock() {
        ReplicationOutcome o = SimulationModel.runReplication(SMALL, 5, 0, true);
        List<TimelineSpan> holds = new ArrayList<>();
        for (TimelineSpan s : o.timeline().spans()) {
            if (s.resource().equals("mount_lock") && s.kind() == TimelineSpan.Kind.HOLD) {
                holds.add(s);
            }
        }
        assertTrue(holds.size() > 100, "mount_lock write sections recorded: " + holds.size());
        holds.sort(Comparator.comparingLong(TimelineSpan::startNs));
        for (int i = 1; i < holds.size(); i++) {
            assertTrue(holds.get(i).startNs() >= holds.get(i - 1).endNs(), "mount_lock held twice at once");
        }
        assertTrue(SimulationModel.runReplication(SMALL, 5, 0, false).timeline().isEmpty());
    }

    private static Map<String, Double> withoutWall(Map<String, Double> m) {
        var copy = new java.util.LinkedHashMap<>(m);
        copy.remove(MetricNames.WALL_SECONDS);
        return copy;
    }
}
