package io.mountsim.core.results;

import java.util.List;

/**
 * The metric column names of the output contract (shared/spec/scenario-format.md,
 * "Metric columns"). Scripts depend on every one of these names: never rename them.
 * They live here, beside the result types, so the models that produce them and the
 * reports that print them share one spelling.
 */
public final class MetricNames {
    public static final String STARTS_PER_SECOND = "startsPerSecond";
    public static final String START_LATENCY_MS_MEAN = "startLatencyMsMean";
    public static final String START_LATENCY_MS_P50 = "startLatencyMsP50";
    public static final String START_LATENCY_MS_P95 = "startLatencyMsP95";
    public static final String START_LATENCY_MS_P99 = "startLatencyMsP99";
    public static final String START_LATENCY_MS_MAX = "startLatencyMsMax";
    public static final String QUEUE_WAIT_MS_MEAN = "queueWaitMsMean";
    public static final String MAKESPAN_SECONDS = "makespanSeconds";
    public static final String FAILED_STARTS = "failedStarts";
    public static final String MOUNT_OPS = "mountOps";
    public static final String SYSCALLS = "syscalls";
    public static final String NAMESPACE_SEM_WAIT_MS_MEAN = "namespaceSemWaitMsMean";
    public static final String MOUNT_LOCK_WAIT_US_MEAN = "mountLockWaitUsMean";
    public static final String NAMESPACE_SEM_UTILIZATION = "namespaceSemUtilization";
    public static final String MOUNT_LOCK_UTILIZATION = "mountLockUtilization";
    public static final String CPU_UTILIZATION = "cpuUtilization";
    public static final String SPIN_FRACTION = "spinFraction";
    /** Prefix of the per-call latency columns, e.g. {@code syscallUsMean.overlayMount}. */
    public static final String SYSCALL_US_MEAN_PREFIX = "syscallUsMean.";
    public static final String EVENTS = "events";
    public static final String WALL_SECONDS = "wallSeconds";

    /** Lock microbenchmark (workload.kind: lockbench) columns, added beside the contract's. */
    public static final String LOCKBENCH_SECONDS = "lockbenchSeconds";
    public static final String LOCKBENCH_NS_PER_CRITICAL_SECTION = "nsPerCriticalSection";

    /** The fixed columns in their contract order; per-call columns follow them. */
    public static final List<String> CONTRACT_ORDER = List.of(
            STARTS_PER_SECOND,
            START_LATENCY_MS_MEAN, START_LATENCY_MS_P50, START_LATENCY_MS_P95,
            START_LATENCY_MS_P99, START_LATENCY_MS_MAX,
            QUEUE_WAIT_MS_MEAN, MAKESPAN_SECONDS, FAILED_STARTS, MOUNT_OPS, SYSCALLS,
            NAMESPACE_SEM_WAIT_MS_MEAN, MOUNT_LOCK_WAIT_US_MEAN,
            NAMESPACE_SEM_UTILIZATION, MOUNT_LOCK_UTILIZATION,
            CPU_UTILIZATION, SPIN_FRACTION);

    private MetricNames() {
    }
}
