package io.mountsim.models.lockbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.TimelineSpan;
import java.util.Comparator;
import java.util.List;
import io.mountsim.models.mitigation.CpuSets;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.topology.HardwareCosts;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.Topology;
import io.mountsim.models.workload.WorkloadSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LockBenchPropertiesTest {

    @Property(tries = 60)
    void neverTwoHoldersAndEveryCriticalSectionRuns(
            @ForAll @IntRange(min = 0, max = 4) int machineIndex,
            @ForAll boolean smt,
            @ForAll @IntRange(min = 1, max = 200) int threads,
            @ForAll @DoubleRange(min = 0, max = 200) double criticalSectionNs,
            @ForAll @LongRange(min = 1, max = 40) long iterations,
            @ForAll @DoubleRange(min = 0, max = 5000) double thinkNs,
            @ForAll GrantOrder order,
            @ForAll @IntRange(min = 0, max = 2) int cpusetChoice,
            @ForAll long seed) {
        String machine = MachinePresets.names().get(machineIndex);
        String cpuset = new String[] {"all", "socket:0", "0-5"}[cpusetChoice];
        Topology topology = new Mitigations(smt, CpuSets.parse(cpuset)).applyTo(MachinePresets.find(machine).orElseThrow());
        LockBenchResult r = LockBench.simulate(HardwareCosts.of(topology),
                new LockBenchConfig(threads, criticalSectionNs, iterations, thinkNs, order), seed, 0, 100_000);

        assertEquals(1, r.maxHolders(), "mutual exclusion");
        // ... checked again from the outside: the recorded hold spans never overlap.
        List<TimelineSpan> holds = r.timeline().spans().stream()
                .filter(s -> s.kind() == TimelineSpan.Kind.HOLD)
                .sorted(Comparator.comparingLong(TimelineSpan::startNs).thenComparingLong(TimelineSpan::endNs))
                .toList();
        assertEquals(threads * iterations, holds.size());
        for (int i = 1; i < holds.size(); i++) {
            assertTrue(holds.get(i).startNs() >= holds.get(i - 1).endNs(), "overlapping holds " + holds.get(i - 1)
                    + " and " + holds.get(i));
        }
        assertEquals(threads * iterations, r.criticalSections());
        // Critical sections never overlap, so the run lasts at least their sum (rounded to whole ns).
        assertTrue(r.totalSeconds() * 1e9 >= threads * iterations * criticalSectionNs - threads * iterations,
                "lasted " + r.totalSeconds() * 1e9 + " ns");
        assertTrue(r.crossSocketHandoffs() <= r.crossLlcHandoffs() && r.crossLlcHandoffs() <= r.handoffs());
        assertTrue(r.cpuUtilization() >= 0 && r.cpuUtilization() <= 1 + 1e-9, "utilization " + r.cpuUtilization());
        if (r.totalSeconds() > 0) {
            assertTrue(r.cpuUtilization() > 0);
        }
        assertTrue(r.spinFraction() >= 0 && r.spinFraction() <= 1);
        if (cpuset.equals("socket:0") || topology.sockets() == 1) {
            assertEquals(0, r.crossSocketHandoffs());
        }
    }

    /** The machine's kernel profile's wakeup and switch costs, as a scenario gets them. */
    static LockBench.SchedulerCosts costs(io.mountsim.models.topology.MachineSpec machine) {
        var profile = io.mountsim.models.calibration.KernelProfiles.defaultFor(machine);
        return new LockBench.SchedulerCosts(Math.round(profile.scheduler().idleWakeupUs() * 1000),
                Math.round(profile.scheduler().contextSwitchUs() * 1000));
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        var spec = new WorkloadSpec.LockBench(64, 5, 200, 30);
        var machine = MachinePresets.find("r5.metal").orElseThrow();
        ReplicationOutcome a = LockBench.run(Topology.of(machine), spec, costs(machine), 42, 0, false);
        ReplicationOutcome b = LockBench.run(Topology.of(machine), spec, costs(machine), 42, 0, false);
        ReplicationOutcome otherReplication = LockBench.run(Topology.of(machine), spec, costs(machine), 42, 1, false);
        ReplicationOutcome otherSeed = LockBench.run(Topology.of(machine), spec, costs(machine), 43, 0, false);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.metrics(), b.metrics());
        assertNotEquals(a.fingerprint(), otherReplication.fingerprint());
        assertNotEquals(a.fingerprint(), otherSeed.fingerprint());
    }

    @Test
    void outcomeCarriesTheLockbenchMetrics() {
        var spec = new WorkloadSpec.LockBench(8, 5, 100, 30);
        var m7a = MachinePresets.find("m7a.24xlarge").orElseThrow();
        ReplicationOutcome o = LockBench.run(Topology.of(m7a), spec, costs(m7a), 1, 0, false);
        double seconds = o.metrics().get(MetricNames.LOCKBENCH_SECONDS);
        double nsPer = o.metrics().get(MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION);
        assertEquals(seconds * 1e9 / 800, nsPer, 1e-6);
        assertTrue(o.metrics().get(MetricNames.SPIN_FRACTION) > 0.5, "8 threads on one lock mostly spin");
        // 8 threads x 100 critical sections: each is at least one engine event (its acquire)
        assertTrue(o.events() >= 800, "events " + o.events());
        double total = o.cpu().usefulWork() + o.cpu().spinning() + o.cpu().idle();
        assertEquals(1.0, total, 1e-9);
        assertTrue(o.timeline().isEmpty());
    }

    @Test
    void timelineShowsTheFirstSpansOnePerAllowedCpuLane() {
        var spec = new WorkloadSpec.LockBench(16, 5, 1000, 30);
        var r5 = MachinePresets.find("r5.metal").orElseThrow();
        ReplicationOutcome o = LockBench.run(new Mitigations(true, CpuSets.parse("socket:1")).applyTo(r5), spec, costs(r5), 1, 0, true);
        var timeline = o.timeline();
        assertEquals(16, timeline.lanes());
        long holds = timeline.spans().stream().filter(s -> s.kind() == TimelineSpan.Kind.HOLD).count();
        long waits = timeline.spans().stream().filter(s -> s.kind() == TimelineSpan.Kind.WAIT).count();
        assertTrue(holds + waits >= LockBench.TIMELINE_SPANS && holds + waits <= LockBench.TIMELINE_SPANS + 16);
        assertTrue(holds > 900 && waits > 900, holds + " holds, " + waits + " waits");
        assertTrue(timeline.spans().stream().allMatch(s -> s.lane() < 16 && s.endNs() <= timeline.windowEndNs()));
    }
}
