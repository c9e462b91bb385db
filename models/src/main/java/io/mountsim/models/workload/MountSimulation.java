package io.mountsim.models.workload;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.core.stats.SampleSet;
import io.mountsim.core.stats.Tally;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.models.node.NodeRuntime;
import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.runtime.RootfsAssembly;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.sched.CpuLayout;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedulerParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One replication of a mount-path workload (container starts or a replayed trace) on a
 * simulated machine and kernel, and the metrics of the output contract it yields.
 */
public final class MountSimulation {
    /** Full re-reads of mountinfo by the watchers (the probe's reader_reads), when there are watchers. */
    public static final String MOUNTINFO_READS = "mountinfoReads";

    /**
     * Per start, the time from its rootfs being ready to PID 1's last reply (its scope unit
     * started), ms: what the starts waited for PID 1.
     */
    public static final String PID1_WAIT_MS_MEAN = "pid1WaitMsMean";

    /**
     * Lock timeline spans kept per lock (replication 0 only): enough for a whole storm, so
     * the report can zoom on its busiest stretch and summarise the rest; the runner cuts it
     * down right after the replication. A bound still, so a huge run cannot exhaust memory.
     */
    public static final int TIMELINE_SPANS_PER_LOCK = 500_000;

    private MountSimulation() {
    }

    /**
     * A replication of container starts.
     *
     * @param node what already runs on the node: its mount-table lines, CPU load and path
     *             walks; PID 1 and the other watchers of {@code watchers} run beside the starts
     */
    public static ReplicationOutcome run(CpuLayout layout, KernelProfile profile, RuntimeConfig runtime,
                                         WatcherConfig watchers, NodeSpec node, WorkloadSpec.ContainerStarts starts,
                                         long seed, int replication, boolean withTimeline) {
        return run(layout, profile, runtime, watchers, node, starts.pathLookupsPerCpuPerSecond(),
                starts.healthCheckTimeoutSeconds(), seed, replication, withTimeline, r -> {
                    RootfsAssembly assembly = new RootfsAssembly(runtime, r.kernel().programs(), profile);
                    MountStorm storm = new MountStorm(r.kernel(), assembly, starts, watchers, r.streams(), replication,
                            r.nodeRuntime() != null ? r.nodeRuntime().pid1() : Optional.empty(),
                            node.runcNamespaceCopy());
                    storm.begin();
                    return () -> new Driven(storm.records(), storm.watcherReads(), storm.pid1WaitMs());
                });
    }

    /** A replication of a replayed strace log, on a node as in {@link #run(CpuLayout, KernelProfile, RuntimeConfig, WatcherConfig, NodeSpec, WorkloadSpec.ContainerStarts, long, int, boolean)}. */
    public static ReplicationOutcome run(CpuLayout layout, KernelProfile profile, RuntimeConfig runtime,
                                         WatcherConfig watchers, NodeSpec node, WorkloadSpec.Trace trace,
                                         long seed, int replication, boolean withTimeline) {
        return run(layout, profile, runtime, watchers, node, trace.pathLookupsPerCpuPerSecond(),
                trace.healthCheckTimeoutSeconds(), seed, replication, withTimeline, r -> {
                    TraceReplay replay = new TraceReplay(r.kernel(), trace, r.streams().stream("hostNoise", replication));
                    replay.begin();
                    return () -> new Driven(replay.records(), 0, null);
                });
    }

    /** The machine a mount-path workload starts on: the kernel, the random streams, the node's runtime (or null). */
    private record Ready(Kernel kernel, RandomStreams streams, NodeRuntime nodeRuntime) {
    }

    /** What a mount-path workload left once the simulation ran out of events. */
    private record Driven(List<StartRecord> records, long mountinfoReads, Tally pid1WaitMs) {
    }

    /** Starts a mount-path workload on the ready machine; the answer reads its results after the run. */
    private interface Starter extends Function<Ready, Supplier<Driven>> {
    }

    private static ReplicationOutcome run(CpuLayout layout, KernelProfile profile, RuntimeConfig runtime,
                                          WatcherConfig watchers, NodeSpec node, double lookups,
                                          double healthCheckTimeoutSeconds, long seed, int replication,
                                          boolean withTimeline, Starter starter) {
        long wallStart = System.nanoTime();
        Simulation sim = new Simulation();
        RandomStreams streams = new RandomStreams(seed);
        KernelProfile.CrossCpuWakeup cross = profile.scheduler().crossCpuWakeup();
        SchedulerParams sp = new SchedulerParams(SchedulerParams.defaultSliceNs(layout.cpus()),
                Math.round(profile.scheduler().idleWakeupUs() * 1000), Math.round(profile.scheduler().contextSwitchUs() * 1000),
                profile.scheduler().preemptible(), 0, new SchedulerParams.CrossWake(Math.round(cross.wakerUs() * 1000),
                Math.round(cross.wokenUs() * 1000), Math.round(cross.wakerIdleTargetUs() * 1000)));
        CpuScheduler sched = new CpuScheduler(sim, layout, sp);
        Kernel kernel = new Kernel(sched, profile, lookups, node.pathLookupsPerSecond(),
                streams.stream("pathLookups", replication), withTimeline ? TIMELINE_SPANS_PER_LOCK : 0,
                runtime.layerStoreChildren());
        boolean nodeModelled = !node.isIdle() || watchers.systemd().isPresent() || !watchers.others().isEmpty();
        NodeRuntime nodeRuntime = nodeModelled
                ? NodeRuntime.start(kernel, node, watchers.systemd(), watchers.others(), watchers.readBufferBytes(),
                        streams.stream("nodeLoad", replication))
                : null;
        Supplier<Driven> results = starter.apply(new Ready(kernel, streams, nodeRuntime));
        sim.run();
        Driven driven = results.get();
        ReplicationOutcome.Builder outcome = outcome(sim, sched, kernel, driven.records(), healthCheckTimeoutSeconds,
                withTimeline, (System.nanoTime() - wallStart) / 1e9);
        if (watchers.mountinfoReaders() > 0) {
            outcome.metric(MOUNTINFO_READS, driven.mountinfoReads());
        }
        if (nodeRuntime != null) {
            outcome.metrics(nodeRuntime.metrics());
            Tally pid1WaitMs = driven.pid1WaitMs();
            if (pid1WaitMs != null && nodeRuntime.pid1().isPresent()) {
                outcome.metric(PID1_WAIT_MS_MEAN, pid1WaitMs.count() > 0 ? pid1WaitMs.mean() : 0);
            }
        }
        return outcome.build();
    }

    /** The contract's metrics and chart data of a finished replication; the caller adds its workload's own metrics. */
    private static ReplicationOutcome.Builder outcome(Simulation sim, CpuScheduler sched, Kernel kernel,
                                              List<StartRecord> records, double timeoutSeconds,
                                              boolean withTimeline, double wallSeconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        SampleSet latency = new SampleSet();
        Tally queueWait = new Tally();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double[] latencies = new double[records.size()];
        for (int i = 0; i < records.size(); i++) {
            StartRecord r = records.get(i);
            latencies[i] = r.latencyMs();
            latency.add(latencies[i]);
            queueWait.add(r.queueWaitMs());
            first = Math.min(first, r.arrivalNs());
            last = Math.max(last, r.doneNs());
        }
        double makespanSeconds = records.isEmpty() ? 0 : (last - first) / 1e9;
        m.put(MetricNames.STARTS_PER_SECOND, makespanSeconds > 0 ? records.size() / makespanSeconds : 0);
        m.put(MetricNames.START_LATENCY_MS_MEAN, latency.mean());
        m.put(MetricNames.START_LATENCY_MS_P50, latency.percentile(50));
        m.put(MetricNames.START_LATENCY_MS_P95, latency.percentile(95));
        m.put(MetricNames.START_LATENCY_MS_P99, latency.percentile(99));
        m.put(MetricNames.START_LATENCY_MS_MAX, latency.max());
        m.put(MetricNames.QUEUE_WAIT_MS_MEAN, queueWait.mean());
        m.put(MetricNames.MAKESPAN_SECONDS, makespanSeconds);
        m.put(MetricNames.FAILED_STARTS, (double) latency.countAbove(timeoutSeconds * 1000));
        m.put(MetricNames.MOUNT_OPS, (double) kernel.mountOps());
        m.put(MetricNames.SYSCALLS, (double) kernel.syscalls());
        m.put(MetricNames.NAMESPACE_SEM_WAIT_MS_MEAN, kernel.namespaceSem().stats().waitNs().mean() / 1e6);
        m.put(MetricNames.MOUNT_LOCK_WAIT_US_MEAN, kernel.mountLock().stats().waitNs().mean() / 1e3);
        m.put(MetricNames.NAMESPACE_SEM_UTILIZATION, kernel.namespaceSem().stats().utilization(sim.now()));
        m.put(MetricNames.MOUNT_LOCK_UTILIZATION, kernel.mountLock().stats().utilization(sim.now()));
        CpuBreakdown cpu = withBackgroundSpin(sched.breakdown(), kernel.backgroundSpinNs(), (double) sim.now() * sched.cpuCount());
        double busy = cpu.usefulWork() + cpu.spinning();
        m.put(MetricNames.CPU_UTILIZATION, busy);
        m.put(MetricNames.SPIN_FRACTION, busy > 0 ? cpu.spinning() / busy : 0);
        for (SyscallKind k : SyscallKind.values()) {
            Tally t = kernel.syscallLatencyUs().get(k);
            if (t.count() > 0) {
                m.put(MetricNames.SYSCALL_US_MEAN_PREFIX + k.column(), t.mean());
            }
        }
        m.put(MetricNames.WALL_SECONDS, wallSeconds);
        Timeline timeline = withTimeline ? timeline(kernel, sched.cpuCount(), sim.now()) : Timeline.empty();
        return ReplicationOutcome.builder().metrics(m).events(sim.eventsProcessed()).startLatenciesMs(latencies).cpu(cpu)
                .timeline(timeline).fingerprint(sim.fingerprint());
    }

    /**
     * The scheduler's breakdown plus the running containers' path walks spinning in
     * path_init()'s __read_seqcount_begin() while a mount_lock writer is inside
     * ({@link Kernel#backgroundSpinNs()}). Those walks are a rate, not scheduled tasks, so
     * the scheduler counts their CPUs idle during the spin; the time moves from idle to
     * spinning here, so that the chart's parts add up to the capacity and agree with
     * {@code spinFraction}.
     */
    static CpuBreakdown withBackgroundSpin(CpuBreakdown scheduled, long backgroundSpinNs, double capacityNs) {
        if (capacityNs <= 0 || backgroundSpinNs <= 0) {
            return scheduled;
        }
        double spin = Math.min(backgroundSpinNs / capacityNs, scheduled.idle());
        return new CpuBreakdown(scheduled.usefulWork(), scheduled.spinning() + spin, scheduled.idle() - spin,
                scheduled.waitingForCpu());
    }

    private static Timeline timeline(Kernel kernel, int cpus, long endNs) {
        List<TimelineSpan> spans = new ArrayList<>(kernel.namespaceSem().stats().spans());
        spans.addAll(kernel.mountLock().stats().spans());
        spans.sort(Comparator.comparingLong(TimelineSpan::startNs).thenComparing(TimelineSpan::resource));
        long windowEnd = spans.stream().mapToLong(TimelineSpan::endNs).max().orElse(endNs);
        return new Timeline(0, windowEnd, cpus, spans);
    }
}
