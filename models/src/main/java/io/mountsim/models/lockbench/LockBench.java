package io.mountsim.models.lockbench;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.topology.HardwareCosts;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import io.mountsim.models.workload.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code workload.kind: lockbench}: Netflix's global-lock-bench on a simulated machine.
 * See {@link LockBenchSimulation} for what is modelled.
 */
public final class LockBench {
    /** Extra columns beside the contract's (scenario-format.md allows added columns). */
    public static final String HANDOFFS = "lockbenchHandoffs";
    public static final String CROSS_SOCKET_HANDOFFS = "lockbenchCrossSocketHandoffs";
    public static final String MEAN_HANDOFF_NS = "lockbenchMeanHandoffNs";

    private LockBench() {
    }

    /** Lock spans kept for the timeline chart: enough to show a few hundred handoffs. */
    public static final int TIMELINE_SPANS = 2_000;

    /** One replication of the scenario's lockbench point, without a timeline. */
    public static ReplicationOutcome run(MachineSpec machine, Mitigations mitigations, WorkloadSpec.LockBench spec,
                                         long seed, int replication) {
        return run(machine, mitigations, spec, seed, replication, false);
    }

    /**
     * One replication of the scenario's lockbench point.
     *
     * @param withTimeline record the first {@link #TIMELINE_SPANS} lock spans (lanes = allowed CPUs)
     */
    public static ReplicationOutcome run(MachineSpec machine, Mitigations mitigations, WorkloadSpec.LockBench spec,
                                         long seed, int replication, boolean withTimeline) {
        HardwareCosts hardware = HardwareCosts.of(Topology.of(machine, mitigations));
        return toOutcome(new LockBenchSimulation(hardware, LockBenchConfig.of(spec), seed, replication,
                withTimeline ? TIMELINE_SPANS : 0).run());
    }

    /** The full result, for any hardware costs and configuration (tests, the Markov check). */
    public static LockBenchResult simulate(HardwareCosts hardware, LockBenchConfig config, long seed, int replication) {
        return simulate(hardware, config, seed, replication, 0);
    }

    /** As {@link #simulate(HardwareCosts, LockBenchConfig, long, int)}, recording up to {@code timelineSpans} spans. */
    public static LockBenchResult simulate(HardwareCosts hardware, LockBenchConfig config, long seed, int replication,
                                           int timelineSpans) {
        return new LockBenchSimulation(hardware, config, seed, replication, timelineSpans).run();
    }

    static ReplicationOutcome toOutcome(LockBenchResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.LOCKBENCH_SECONDS, r.totalSeconds());
        m.put(MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION, r.nsPerCriticalSection());
        m.put(MetricNames.CPU_UTILIZATION, r.cpuUtilization());
        m.put(MetricNames.SPIN_FRACTION, r.spinFraction());
        m.put(HANDOFFS, (double) r.handoffs());
        m.put(CROSS_SOCKET_HANDOFFS, (double) r.crossSocketHandoffs());
        m.put(MEAN_HANDOFF_NS, r.meanHandoffNs());
        m.put(MetricNames.EVENTS, (double) r.events());
        double spinning = r.cpuUtilization() * r.spinFraction();
        CpuBreakdown cpu = new CpuBreakdown(r.cpuUtilization() - spinning, spinning, 1 - r.cpuUtilization(), 0);
        return new ReplicationOutcome(m, new double[0], cpu, r.timeline(), r.events(), r.fingerprint());
    }
}
