package io.mountsim.models.node;

import io.mountsim.core.random.RandomStream;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node around the starts, set up on a kernel before the storm: the running containers'
 * lines in the mount table, their CPU load as scheduler tasks, PID 1's event loop and the
 * other mount-table watchers; and the metrics they yield. (The running containers' path
 * walks are a rate the kernel's background lookups take: {@link NodeSpec#pathLookupsPerSecond()}.)
 */
public final class NodeRuntime {
    /** Lines in the mount table when the storm begins. */
    public static final String MOUNT_TABLE_LINES_INITIAL = "mountTableLinesInitial";
    /** Full re-parses of the table by PID 1. */
    public static final String PID1_REPARSES = "pid1Reparses";
    /** Mean lines per PID 1 re-parse. */
    public static final String PID1_REPARSE_LINES_MEAN = "pid1ReparseLinesMean";
    /** Share of the run PID 1 spent dispatching (re-parses and D-Bus requests). */
    public static final String PID1_BUSY_FRACTION = "pid1BusyFraction";
    /** D-Bus request to reply, mean and max, ms. */
    public static final String PID1_REPLY_MS_MEAN = "pid1ReplyMsMean";
    public static final String PID1_REPLY_MS_MAX = "pid1ReplyMsMax";
    /** Requests answered after the caller's timeout (runc: 30 s). */
    public static final String DBUS_TIMEOUTS = "dbusTimeouts";
    /**
     * The running containers' own work at nominal speed, as a share of CPU capacity (what
     * part of "useful work" was the node's load rather than the starts and watchers).
     */
    public static final String NODE_LOAD_CPU_FRACTION = "nodeLoadCpuFraction";
    /** Full reads of the table by the other watchers. */
    public static final String TABLE_WATCHER_READS = "tableWatcherReads";

    private static final long PID1_THREAD_ID = 1L << 41;
    private static final long WATCHER_ID_BASE = PID1_THREAD_ID + 1;
    private static final long LOAD_ID_BASE = 1L << 42;

    private final SystemdPid1 pid1;
    private final List<TableWatcher> watchers = new ArrayList<>();
    private final List<LoadTask> load = new ArrayList<>();
    private final Kernel kernel;
    private final int initialLines;

    private NodeRuntime(Kernel kernel, SystemdPid1 pid1, int initialLines) {
        this.kernel = kernel;
        this.pid1 = pid1;
        this.initialLines = initialLines;
    }

    /**
     * Seeds the table with the running containers' lines and starts the node's threads.
     *
     * @param loadStream draws of the load tasks' bursts and sleeps (used only with a CPU load)
     */
    public static NodeRuntime start(Kernel kernel, NodeSpec node, Optional<Pid1Config> pid1Config,
                                    List<TableWatcherConfig> others, int readBufferBytes, RandomStream loadStream) {
        kernel.seedRunningContainers(node.runningContainers(), node.layersPerContainer(), node.otherMountsPerContainer());
        SystemdPid1 pid1 = pid1Config.map(c -> new SystemdPid1(kernel, c, readBufferBytes)).orElse(null);
        NodeRuntime runtime = new NodeRuntime(kernel, pid1, kernel.mounts());
        if (pid1 != null) {
            pid1.start(PID1_THREAD_ID);
        }
        for (int i = 0; i < others.size(); i++) {
            TableWatcher w = new TableWatcher(kernel, others.get(i), readBufferBytes);
            runtime.watchers.add(w);
            KThread t = new KThread(kernel, WATCHER_ID_BASE + i, w, null);
            t.markMountTableRead();
            t.start();
        }
        if (node.cpuLoad().isPresent()) {
            NodeSpec.CpuLoad l = node.cpuLoad().get();
            kernel.runningLoadLlcFootprint(l.effectiveLlcFootprintMb(), l.effectiveUtilization());
            for (int c = 0; c < kernel.scheduler().cpuCount(); c++) {
                LoadTask task = new LoadTask(node.cpuLoad().get(), loadStream);
                runtime.load.add(task);
                new KThread(kernel, LOAD_ID_BASE + c, task, null).start();
            }
        }
        return runtime;
    }

    public Optional<SystemdPid1> pid1() {
        return Optional.ofNullable(pid1);
    }

    /** The node's metrics, to append to a replication's. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MOUNT_TABLE_LINES_INITIAL, (double) initialLines);
        if (!load.isEmpty()) {
            double capacityNs = (double) kernel.scheduler().now() * kernel.scheduler().cpuCount();
            long work = load.stream().mapToLong(LoadTask::workIssuedNs).sum();
            m.put(NODE_LOAD_CPU_FRACTION, capacityNs > 0 ? Math.min(1, work / capacityNs) : 0);
        }
        if (pid1 != null) {
            m.put(PID1_REPARSES, (double) pid1.reparses());
            m.put(PID1_REPARSE_LINES_MEAN, pid1.meanReparsedLines());
            m.put(PID1_BUSY_FRACTION, pid1.busyFraction());
            m.put(PID1_REPLY_MS_MEAN, pid1.replyMs().count() > 0 ? pid1.replyMs().mean() : 0);
            m.put(PID1_REPLY_MS_MAX, pid1.replyMs().count() > 0 ? pid1.replyMs().max() : 0);
            m.put(DBUS_TIMEOUTS, (double) pid1.timeouts());
        }
        if (!watchers.isEmpty()) {
            m.put(TABLE_WATCHER_READS, (double) watchers.stream().mapToLong(TableWatcher::reads).sum());
        }
        return m;
    }
}
