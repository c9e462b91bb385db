package io.mountsim.models.lockbench;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.sched.SchedulerParams;
import io.mountsim.models.sched.TopologyCpuLayout;
import io.mountsim.models.topology.HardwareCosts;
import io.mountsim.models.topology.Topology;
import io.mountsim.models.workload.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code workload.kind: lockbench}: Netflix's global-lock-bench on a simulated machine,
 * run on the CPU scheduler ({@link ScheduledLockBench}). The fluid model without a
 * scheduler ({@link LockBenchSimulation}: threads sharing a CPU run at 1/m speed) stays
 * for the analytic checks against the ticket-lock Markov model.
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

    /**
     * One replication of the scenario's lockbench point on {@code topology} (the machine
     * under the scenario's mitigations), on the CPU scheduler the mount path
     * runs on ({@link ScheduledLockBench}), with the machine's kernel profile's wakeup and
     * context-switch costs.
     *
     * @param withTimeline record the first {@link #TIMELINE_SPANS} lock spans (lanes = allowed CPUs)
     */
    public static ReplicationOutcome run(Topology topology, WorkloadSpec.LockBench spec,
                                         SchedulerCosts costs, long seed, int replication, boolean withTimeline) {
        return toOutcome(simulateScheduled(topology, LockBenchConfig.of(spec), costs, seed,
                replication, withTimeline ? TIMELINE_SPANS : 0));
    }

    /** Wakeup and context-switch costs of the kernel the benchmark runs on, ns. */
    public record SchedulerCosts(long idleWakeupNs, long contextSwitchNs) {
    }

    /** global-lock-bench on the CPU scheduler: lock-holder preemption included. */
    public static LockBenchResult simulateScheduled(Topology topology, LockBenchConfig config, SchedulerCosts costs,
                                                    long seed, int replication, int timelineSpans) {
        TopologyCpuLayout layout = new TopologyCpuLayout(topology);
        SchedulerParams params = new SchedulerParams(SchedulerParams.defaultSliceNs(layout.cpus()), costs.idleWakeupNs(),
                costs.contextSwitchNs(), false, SchedulerParams.HZ_250_TICK_NS);
        return new ScheduledLockBench(layout, params, topology.spec().pauseNs(), config, seed, replication,
                timelineSpans).run();
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
        double spinning = r.cpuUtilization() * r.spinFraction();
        CpuBreakdown cpu = new CpuBreakdown(r.cpuUtilization() - spinning, spinning, 1 - r.cpuUtilization(), 0);
        return ReplicationOutcome.builder().metrics(m).events(r.events()).cpu(cpu).timeline(r.timeline())
                .fingerprint(r.fingerprint()).build();
    }
}
