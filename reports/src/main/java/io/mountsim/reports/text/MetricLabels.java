package io.mountsim.reports.text;

import io.mountsim.core.results.MetricNames;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What each metric is called for people, and its unit, for axis labels and table rows. */
public final class MetricLabels {

    /** A description and a unit ("" when the number is a pure count or fraction). */
    public record Label(String description, String unit) {
        /** "p95 start latency (ms)". */
        public String withUnit() {
            return unit.isEmpty() ? description : description + " (" + unit + ")";
        }
    }

    private static final Map<String, Label> KNOWN = Map.ofEntries(
            Map.entry(MetricNames.STARTS_PER_SECOND, new Label("throughput", "starts/s")),
            Map.entry(MetricNames.START_LATENCY_MS_MEAN, new Label("mean start latency", "ms")),
            Map.entry(MetricNames.START_LATENCY_MS_P50, new Label("p50 start latency", "ms")),
            Map.entry(MetricNames.START_LATENCY_MS_P95, new Label("p95 start latency", "ms")),
            Map.entry(MetricNames.START_LATENCY_MS_P99, new Label("p99 start latency", "ms")),
            Map.entry(MetricNames.START_LATENCY_MS_MAX, new Label("slowest start", "ms")),
            Map.entry(MetricNames.QUEUE_WAIT_MS_MEAN, new Label("mean wait for a start slot", "ms")),
            Map.entry(MetricNames.MAKESPAN_SECONDS, new Label("makespan (first arrival to last completion)", "s")),
            Map.entry(MetricNames.FAILED_STARTS, new Label("failed starts (over the health-check timeout)", "starts")),
            Map.entry(MetricNames.MOUNT_OPS, new Label("mount + umount operations", "ops")),
            Map.entry(MetricNames.SYSCALLS, new Label("syscalls issued", "calls")),
            Map.entry(MetricNames.NAMESPACE_SEM_WAIT_MS_MEAN, new Label("mean namespace_sem wait", "ms")),
            Map.entry(MetricNames.MOUNT_LOCK_WAIT_US_MEAN, new Label("mean mount_lock wait", "µs")),
            Map.entry(MetricNames.NAMESPACE_SEM_UTILIZATION, new Label("namespace_sem held", "fraction of time")),
            Map.entry(MetricNames.MOUNT_LOCK_UTILIZATION, new Label("mount_lock held", "fraction of time")),
            Map.entry(MetricNames.CPU_UTILIZATION, new Label("CPU busy", "fraction of capacity")),
            Map.entry(MetricNames.SPIN_FRACTION, new Label("busy time spent spinning", "fraction")),
            Map.entry(MetricNames.EVENTS, new Label("engine events", "events")),
            Map.entry(MetricNames.WALL_SECONDS, new Label("wall time of the point", "s")),
            Map.entry(MetricNames.LOCKBENCH_SECONDS, new Label("lock benchmark run time", "s")),
            Map.entry(MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION, new Label("time per critical section", "ns")),
            // lockbench extras, named in models' LockBench (not in MetricNames; reports cannot depend on models)
            Map.entry("lockbenchHandoffs", new Label("lock handoffs", "handoffs")),
            Map.entry("lockbenchCrossSocketHandoffs", new Label("cross-socket lock handoffs", "handoffs")),
            Map.entry("lockbenchMeanHandoffNs", new Label("mean lock handoff", "ns")),
            // the node around the starts, named in models' NodeRuntime and MountSimulation
            Map.entry("nodeLoadCpuFraction", new Label("the running containers' own CPU work", "fraction of capacity")),
            Map.entry("mountTableLinesInitial", new Label("mount-table lines when the storm began", "lines")),
            Map.entry("pid1Reparses", new Label("full re-parses of the mount table by PID 1", "re-parses")),
            Map.entry("pid1ReparseLinesMean", new Label("mean lines per PID 1 re-parse", "lines")),
            Map.entry("pid1BusyFraction", new Label("PID 1 busy (re-parsing or serving D-Bus)", "fraction of time")),
            Map.entry("pid1ReplyMsMean", new Label("mean D-Bus request to PID 1's reply", "ms")),
            Map.entry("pid1ReplyMsMax", new Label("slowest PID 1 reply", "ms")),
            Map.entry("pid1WaitMsMean", new Label("mean time a start waited for PID 1", "ms")),
            Map.entry("dbusTimeouts", new Label("PID 1 replies after runc's timeout", "requests")),
            Map.entry("tableWatcherReads", new Label("full mount-table reads by kubelet, containerd and others", "reads")),
            // models' MountSimulation, when watchers are configured
            Map.entry("mountinfoReads", new Label("full mountinfo re-reads by the watchers", "reads")));

    /** Unit suffixes of metric names (the architecture's naming rule: units in names), longest first. */
    private static final List<Map.Entry<String, String>> UNIT_SUFFIXES = List.of(
            Map.entry("PerSecond", "/s"), Map.entry("Seconds", "s"), Map.entry("Ms", "ms"), Map.entry("Us", "µs"),
            Map.entry("Ns", "ns"), Map.entry("Utilization", "fraction of time"), Map.entry("Fraction", "fraction"),
            Map.entry("Bytes", "bytes"));

    private MetricLabels() {
    }

    public static Label of(String metric) {
        Label known = KNOWN.get(metric);
        if (known != null) {
            return known;
        }
        if (metric.startsWith(MetricNames.SYSCALL_US_MEAN_PREFIX)) {
            return new Label("mean " + metric.substring(MetricNames.SYSCALL_US_MEAN_PREFIX.length()) + " latency", "µs");
        }
        return fallback(metric);
    }

    /**
     * A metric this table does not know (a model added it): its name in words, the unit read
     * off a unit word in the name. "layerStoreWalkUsMean" reads "layer store walk mean (µs)",
     * "fooCount" reads "foo count".
     */
    static Label fallback(String metric) {
        String words = words(metric);
        for (Map.Entry<String, String> u : UNIT_SUFFIXES) {
            String word = words(u.getKey());
            String padded = " " + words + " ";
            if (padded.contains(" " + word + " ")) {
                String without = padded.replace(" " + word + " ", " ").strip();
                return new Label(without.isEmpty() ? metric : without, u.getValue());
            }
        }
        return new Label(words, "");
    }

    private static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('.', ' ').toLowerCase(Locale.ROOT);
    }

    /**
     * The unit to show values of {@code metric} in when the largest is {@code maxAbs}: time
     * units step up once values reach ten thousand (111323 µs reads 111 ms, 41000 ms reads
     * 41 s), so numbers keep at most four integer digits.
     */
    public static DisplayUnit displayUnit(String metric, double maxAbs) {
        return DisplayUnit.forTime(of(metric).unit(), maxAbs);
    }

    /** True for the metrics measured in milliseconds (the name says so: {@code ...Ms...}). */
    public static boolean isMilliseconds(String metric) {
        return "ms".equals(of(metric).unit());
    }
}
