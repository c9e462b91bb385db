package io.mountsim.models.calibration;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.SyscallCostsUs;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.topology.MachineSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A host's profile from its probe results, by direct measurement only: every number is
 * read off a probe row or computed from rows by the rule written beside it; nothing is
 * fitted to multi-thread throughput. What the results do not hold falls back to a
 * documented default, listed in {@link Result#defaultsUsed()}.
 *
 * <p>The rules are the ones {@link KernelProfiles#EPYC_2CORE} states for the calibration
 * host, so that calibrating shared/calibration/epyc-2core/measurements.txt gives back its
 * measured and derived numbers (a test checks it).
 *
 * <p>The unmount: the probe's one-thread umount_detach is CPU work, then an expedited grace
 * period, then the wakeup of the caller onto an idle CPU (namespace_unlock() ->
 * synchronize_rcu_expedited()). The simulated unmount is those three parts, so the
 * profile's grace period and wakeup are this host's, never the calibration host's: from the
 * umount-gp and wakeup-idle probes when they ran; otherwise from mountbench's own rows by
 * {@link #PLAIN_WAIT_RULE}.
 */
public final class HostCalibration {

    /** The rule for the unmount's parts when only mountbench rows exist. */
    public static final String PLAIN_WAIT_RULE = "umount's CPU work = open_tree's one-thread mean (umount_tree() is the"
            + " same order of work as copy_tree() of one mount [est]); the rest of the one-thread umount_detach is"
            + " waiting, split into grace period and idle wakeup in the calibration host's proportion"
            + " (wakeup 13.19 of 38.54 us, fitted there), and the context switch and kworker work scale by the same"
            + " ratio of this host's wait to the calibration host's [est]";

    /** The calibration host's wait in its one-thread unmount (46.11 - 7.57 us). */
    private static final double EPYC_WAIT_US = KernelProfiles.EPYC_2CORE.host().umountWaitUs();

    /** mountbench adds 100, 1000, 5000 and 20000 bind mounts for its mountinfo rows (mountinfo_sweep()). */
    private static final int FIRST_MOUNTINFO_ADDED = 100;

    /** What calibration made: the profile and every default it had to use. */
    public record Result(HostProfile profile, List<String> defaultsUsed) {
    }

    private final ProbeResults results;
    private final Measurements m;
    private final Map<String, Provenance> prov = new LinkedHashMap<>();
    private final List<String> defaults = new ArrayList<>();

    private HostCalibration(ProbeResults results) {
        this.results = results;
        this.m = results.mountbench().merged();
    }

    /**
     * The profile of the host that produced these results, on the given machine.
     *
     * @throws IllegalArgumentException naming the rows that are missing
     */
    public static Result calibrate(ProbeResults results, MachineSpec machine, String name) {
        return new HostCalibration(results).build(machine, name);
    }

    private Result build(MachineSpec machine, String name) {
        String src = shortName(results.source());
        MeasuredRun l50 = required(IdmapMode.PER_LAYER, 50);
        MeasuredRun p50 = required(IdmapMode.COMMON_PARENT, 50);
        List<MeasuredRun> layerRows = m.runs().stream()
                .filter(r -> r.threads() == 1 && r.readers() == 0 && r.mode() == IdmapMode.PER_LAYER)
                .sorted(Comparator.comparingInt(MeasuredRun::layers)).toList();
        if (layerRows.size() < 2) {
            throw missing("one-thread mode=layer rows at two or more layer counts (the overlay mount's per-layer cost)");
        }
        List<MeasuredMountinfoRead> reads = m.mountinfoReads().stream()
                .sorted(Comparator.comparingInt(MeasuredMountinfoRead::mounts)).toList();
        if (reads.size() < 2) {
            throw missing("'mountinfo mounts=N read_us=X' rows at two or more table sizes");
        }
        String l50Row = src + " threads=1 layers=50 mode=layer";

        double childCheck = childMountCheck(src);
        double perLowerdir;
        SimpleRegression mi = new SimpleRegression();
        reads.forEach(r -> mi.addData(r.mounts(), r.readUs()));
        double perMount = mi.getSlope();
        prov.put("syscallsUs.mountinfoRead.perMount", Provenance.derived(src
                + " mountinfo rows: least-squares slope of read_us in the mount count"));
        MeasuredMountinfoRead smallest = reads.get(0);
        // a read's fixed part cannot be negative: when the slope is steeper than the smallest
        // table's read allows (run-to-run noise: 129 us for 121 lines, 1.24 us a line, in the kit
        // run of 2026-11-30 04:38), that read is all per-line work
        double miBase = Math.max(0, smallest.readUs() - smallest.mounts() * perMount);
        prov.put("syscallsUs.mountinfoRead.base", Provenance.derived(src + " mountinfo mounts=" + smallest.mounts()
                + ": read_us less mounts x perMount, at least 0"));
        perLowerdir = perLowerdir(src, perMount);

        // the start's own idmapped mounts attached so far and the overlays of the starts before it
        double children = (l50.layers() - 1) / 2.0 + (l50.containers() - 1) / 2.0;
        double openTree = call(l50, "open_tree") - childCheck * children;
        prov.put("syscallsUs.openTree", Provenance.derived(l50Row + ": open_tree mean less has_locked_children() of the "
                + fmt(children) + " child mounts of an average call x childMountCheck"));
        prov.put("syscallsUs.mountSetattr", Provenance.measured(l50Row + ": mount_setattr mean"));
        prov.put("syscallsUs.moveMount", Provenance.measured(l50Row + ": move_mount mean"));
        SimpleRegression overlay = new SimpleRegression();
        layerRows.forEach(r -> overlay.addData(r.layers(), call(r, "overlay_mount")));
        String layersList = String.join("/", layerRows.stream().map(r -> Integer.toString(r.layers())).toList());
        prov.put("syscallsUs.overlayMount.base", Provenance.derived(src + " threads=1 mode=layer layers=" + layersList
                + ": intercept of a least-squares line of overlay_mount in the layer count"));
        prov.put("syscallsUs.overlayMount.perLayer", Provenance.derived(src + " threads=1 mode=layer layers=" + layersList
                + ": slope of the same line"));
        double umount = call(l50, "umount_detach");
        prov.put("syscallsUs.umount", Provenance.measured(l50Row + ": umount_detach mean (CPU work, grace period and"
                + " the wakeup after it)"));
        SyscallCostsUs costs = new SyscallCostsUs(openTree, call(l50, "mount_setattr"), call(l50, "move_mount"),
                overlay.getIntercept(), overlay.getSlope(), umount, miBase, perMount, perLowerdir, childCheck);

        KernelProfile.LockShares shares = KernelProfiles.SOURCE_SHARES;
        for (String k : List.of("openTree", "moveMount", "overlayPerLayer", "overlayBase")) {
            prov.put("lockHeldShares." + k, Provenance.cited("fs/namespace.c, fs/overlayfs/super.c read as"
                    + " KernelProfiles.SOURCE_SHARES says"));
        }
        prov.put("lockHeldShares.umount", Provenance.measured("the development host, scenarios/validation/reader/"
                + "rwsem-outcomes/host/ run1-3.bin.xz (BPF on lock:contention_begin/end and sched_waking, ./mbr 16 50 4"
                + " layer 1), runN-analysis.txt 'queued writers: contention_end to their up_write()'s wakeup' umount2:"
                + " hold 1.19/2.17/1.87 us over that host's unmount CPU work 15.95 us (KernelProfiles.UMOUNT_SHARE)"
                + " [est: the share transfers across machines]"));

        // the unmount's parts and the scheduler: this host's own
        Optional<ProbeResults.Row> wake = results.rows("wakeup-idle", "wakeup-idle").stream()
                .filter(r -> r.number("mean_us").isPresent())
                .min(Comparator.comparingDouble(r -> r.number("idle_gap_us").orElse(Double.MAX_VALUE)));
        Optional<ProbeResults.Row> gp = results.rows("umount-gp", "umount-gp").stream()
                .filter(r -> "idle".equals(r.values().getOrDefault("other_cpus", "idle")) && r.number("wait_mean_us").isPresent())
                .findFirst();
        Optional<ProbeResults.Row> sw = results.rows("context-switch", "context-switch").stream()
                .filter(r -> r.number("mean_us").isPresent()).findFirst();
        double waitUs;
        if (gp.isPresent()) {
            // the probe's own split: wall - CPU time of its unmounts; mountbench's unmount has the same waits
            double probeWait = gp.get().number("wait_mean_us").orElseThrow();
            double probeCpu = gp.get().number("cpu_only_us").orElse(umount - probeWait);
            waitUs = Math.min(probeWait, umount - Math.min(probeCpu, umount / 2));
            prov.put("host.umountWaitUs", Provenance.measured(src + " umount-gp other_cpus=idle: wait_mean_us (wall -"
                    + " CPU time), at most umount_detach less the probe's cpu_only_us"));
        } else {
            waitUs = Math.max(0, umount - call(l50, "open_tree"));
            prov.put("host.umountWaitUs", Provenance.derived(l50Row + ": umount_detach - open_tree (" + PLAIN_WAIT_RULE + ")"));
            defaults.add("host.umountWaitUs: no umount-gp rows; " + PLAIN_WAIT_RULE);
        }
        double ratio = waitUs / EPYC_WAIT_US;
        KernelProfile epyc = KernelProfiles.EPYC_2CORE;
        double idleWakeup;
        if (wake.isPresent()) {
            idleWakeup = Math.min(wake.get().number("mean_us").orElseThrow(), waitUs / 2);
            prov.put("scheduler.idleWakeupUs", Provenance.measured(src + " wakeup-idle idle_gap_us="
                    + wake.get().values().get("idle_gap_us") + ": mean_us (bounded by half the unmount's wait)"));
        } else {
            idleWakeup = epyc.scheduler().idleWakeupUs() * ratio;
            prov.put("scheduler.idleWakeupUs", Provenance.derived("calibration host's 13.19 us x this host's unmount wait"
                    + " / 38.54 us [est]"));
            defaults.add("scheduler.idleWakeupUs = " + fmt(idleWakeup) + " us: no wakeup-idle rows; " + PLAIN_WAIT_RULE);
        }
        double gracePeriod = Math.max(1.0, waitUs - idleWakeup);
        prov.put("rcu.gracePeriodUs", Provenance.derived("host.umountWaitUs less scheduler.idleWakeupUs: the unmount's"
                + " wait is one expedited grace period and the wakeup after it"));
        double contextSwitch;
        if (sw.isPresent()) {
            contextSwitch = sw.get().number("mean_us").orElseThrow();
            prov.put("scheduler.contextSwitchUs", Provenance.measured(src + " context-switch: mean_us per switch"));
        } else {
            contextSwitch = epyc.scheduler().contextSwitchUs() * ratio;
            prov.put("scheduler.contextSwitchUs", Provenance.derived("calibration host's 6.58 us (fitted there) x this"
                    + " host's unmount wait / 38.54 us [est]"));
            defaults.add("scheduler.contextSwitchUs = " + fmt(contextSwitch) + " us: no context-switch rows; scaled from"
                    + " the calibration host");
        }
        // the model's one-thread unmount waits for the grace-period worker to be woken onto the
        // idle CPU, its work, then its own wakeup (RcuExpedited; on the development host perf shows
        // the worker on the other vCPU and the caller woken by IPI: scenarios/validation/umount-state/).
        // For that wait to be the measured one, the worker's wakeup and work must fit in the grace period.
        double kworker = Math.min(Math.max(0, gracePeriod - idleWakeup), epyc.rcu().kworkerUs() * ratio);
        prov.put("rcu.kworkerUs", Provenance.byDefault("calibration host's 12.17 us (fitted there) x this host's unmount"
                + " wait / 38.54 us, at most the grace period less the worker's own wakeup (so that a one-thread"
                + " unmount waits what umount-gp measured) [est]: no probe measures the kworker's CPU time"));
        defaults.add("rcu.kworkerUs = " + fmt(kworker) + " us: scaled from the calibration host's fitted value");
        KernelProfile.Rcu rcu = new KernelProfile.Rcu(gracePeriod, kworker, epyc.rcu().shared(), epyc.rcu().perCpuUs());
        prov.put("rcu.shared", Provenance.cited("kernel/rcu/tree_exp.h rcu_exp_gp_seq_snap(): callers waiting when a grace"
                + " period starts share it; perf lock contention on the calibration host agrees (lock-contention.txt)"));
        prov.put("rcu.perCpuUs", Provenance.byDefault("1 us per CPU beyond this host's to check or IPI [est]"));
        defaults.add("rcu.perCpuUs = 1.0: one more CPU to check or IPI per CPU [est]");
        KernelProfile.Scheduler sched = new KernelProfile.Scheduler(idleWakeup, contextSwitch, epyc.scheduler().preemptible(),
                crossCpuWakeup(src));
        prov.put("scheduler.preemptible", Provenance.byDefault("voluntary preemption, as the calibration host's kernel"
                + " (set kernel.preemption in a scenario for PREEMPT kernels)"));
        defaults.add("scheduler.preemptible = false (voluntary preemption): the probe kit does not read the kernel's"
                + " preemption model");

        KernelProfile.MountTable table = epyc.mountTable();
        int baseline = smallest.mounts() % FIRST_MOUNTINFO_ADDED;
        prov.put("mountTable.baselineMounts", Provenance.derived(src + " mountinfo mounts=" + smallest.mounts()
                + ": mountbench adds whole hundreds of bind mounts; the rest were there before"));
        for (String k : List.of("lockSectionUs", "perCpuCounterNs", "pathWalkUs", "refWalkFactor", "mountinfoLineBytes")) {
            prov.put("mountTable." + k, Provenance.byDefault("KernelProfiles.EPYC_2CORE's estimate [est]"));
            defaults.add("mountTable." + k + " = " + fmt(((Number) ProfileFields.values(epyc).get("mountTable." + k)).doubleValue())
                    + " (the calibration host's estimate; no probe measures it)");
        }
        table = new KernelProfile.MountTable(table.lockSectionUs(), table.perCpuCounterNs(), table.pathWalkUs(),
                table.refWalkFactor(), baseline, table.mountinfoLineBytes());

        double p50Calls = sumCalls(p50, 1);
        double perStart = p50.latencyMeanMs() * 1000 - p50Calls;
        prov.put("runtime.perStartUs", Provenance.derived(src + " threads=1 layers=50 mode=parent: lat_mean less the sum"
                + " of its five calls' means"));
        double perLayer = (l50.latencyMeanMs() * 1000 - sumCalls(l50, l50.layers())) / l50.layers();
        prov.put("runtime.perLayerUs", Provenance.derived(l50Row + ": (lat_mean less the sum of the calls' means) / layers"));
        KernelProfile.RuntimeOverheads runtime = new KernelProfile.RuntimeOverheads(perStart, perLayer);

        int cpus = machine.hardwareThreads();
        prov.put("host.cpus", Provenance.measured(results.isPlainMountbench() ? "the machine given to calibrate"
                : src + " online-cpus"));
        double workCv = Math.log(l50.latencyP95Ms() / l50.latencyP50Ms()) / 1.645;
        prov.put("host.workCv", Provenance.derived(l50Row + ": p95/p50 = exp(1.645 sigma) of a lognormal"));
        KernelProfile.MeasuringHost host = new KernelProfile.MeasuringHost(cpus, idleWakeup + gracePeriod, Math.max(0, workCv));

        KernelProfile profile = new KernelProfile(costs, shares, rcu, sched, table, runtime, host);
        return new Result(new HostProfile(name, machine, profile, prov), List.copyOf(defaults));
    }

    /** The rule for a crossing wakeup's cost when the results have no wakeup-cross rows. */
    public static final String CROSS_WAKEUP_DEFAULT = "0 = not measured: a wakeup across CPUs costs what a local"
            + " one does (the calibration host's own figure is a KVM guest's VM exits, not to be carried to another"
            + " machine; run the kit's wakeup-cross probe)";

    /**
     * The extra of a wakeup across CPUs, from the wakeup-cross summary rows (the mean over
     * the rows of each target kind when several runs are given); not measured (0) without them.
     */
    private KernelProfile.CrossCpuWakeup crossCpuWakeup(String src) {
        List<ProbeResults.Row> busy = results.rows("wakeup-cross", "wakeup-cross").stream()
                .filter(r -> "busy".equals(r.values().get("target"))
                        && r.number("waker_extra_us").isPresent() && r.number("woken_extra_us").isPresent())
                .toList();
        List<ProbeResults.Row> idle = results.rows("wakeup-cross", "wakeup-cross").stream()
                .filter(r -> "idle".equals(r.values().get("target")) && r.number("waker_extra_us").isPresent())
                .toList();
        String[] keys = {"scheduler.crossCpuWakeup.wakerUs", "scheduler.crossCpuWakeup.wokenUs",
            "scheduler.crossCpuWakeup.wakerIdleTargetUs"};
        if (busy.isEmpty()) {
            for (String k : keys) {
                prov.put(k, Provenance.byDefault(CROSS_WAKEUP_DEFAULT));
            }
            defaults.add("scheduler.crossCpuWakeup = 0 (wakerUs, wokenUs, wakerIdleTargetUs): no wakeup-cross rows; "
                    + CROSS_WAKEUP_DEFAULT);
            return KernelProfile.CrossCpuWakeup.NOT_MEASURED;
        }
        String method = " (futex handoff rings, CPU time and FUTEX_WAKE time per handoff, crossing against local;"
                + " wakeup-cross.c's header)";
        String of = meanOf(busy);
        // a cost below zero is noise around nothing: nothing is charged
        double waker = Math.max(0, mean(busy, "waker_extra_us"));
        double woken = Math.max(0, mean(busy, "woken_extra_us"));
        prov.put(keys[0], Provenance.measured(src + " wakeup-cross target=busy: waker_extra_us" + of + method));
        prov.put(keys[1], Provenance.measured(src + " wakeup-cross target=busy: woken_extra_us" + of + method));
        double wakerIdle;
        if (idle.isEmpty()) {
            wakerIdle = waker;
            prov.put(keys[2], Provenance.derived(src + " wakeup-cross target=busy waker_extra_us: no target=idle row;"
                    + " the same IPI send [est]"));
            defaults.add("scheduler.crossCpuWakeup.wakerIdleTargetUs = wakerUs: no wakeup-cross target=idle row");
        } else {
            wakerIdle = Math.max(0, mean(idle, "waker_extra_us"));
            prov.put(keys[2], Provenance.measured(src + " wakeup-cross target=idle: waker_extra_us"
                    + meanOf(idle) + method));
        }
        return new KernelProfile.CrossCpuWakeup(waker, woken, wakerIdle);
    }

    /** How a value was taken from {@code rows}: nothing to say for one row. */
    private static String meanOf(List<ProbeResults.Row> rows) {
        return rows.size() == 1 ? "" : ", mean of " + rows.size() + " rows";
    }

    private static double mean(List<ProbeResults.Row> rows, String key) {
        return rows.stream().mapToDouble(r -> r.number(key).orElseThrow()).average().orElseThrow();
    }

    private double childMountCheck(String src) {
        List<ProbeResults.Row> rows = results.rows("child-mounts", "child-mounts");
        if (rows.size() >= 2) {
            SimpleRegression line = new SimpleRegression();
            rows.forEach(r -> line.addData(r.number("children").orElseThrow(() -> missing("children= in child-mounts row "
                    + r.line())), r.number("open_tree_us").orElseThrow(() -> missing("open_tree_us= in child-mounts row " + r.line()))));
            prov.put("syscallsUs.childMountCheck", Provenance.derived(src + " child-mounts rows: least-squares slope of"
                    + " open_tree_us in the child count"));
            return line.getSlope();
        }
        prov.put("syscallsUs.childMountCheck", Provenance.byDefault("the calibration host's child-mounts.txt slope"
                + " (KernelProfiles.CHILD_MOUNT_CHECK_US)"));
        defaults.add("syscallsUs.childMountCheck = " + KernelProfiles.CHILD_MOUNT_CHECK_US
                + " us: no child-mounts rows; the calibration host's");
        return KernelProfiles.CHILD_MOUNT_CHECK_US;
    }

    /** Per lowerdir count: slope of read_us in the overlay count, less one line; then a line through the origin. */
    private double perLowerdir(String src, double perMount) {
        List<ProbeResults.Row> rows = results.rows("mountinfo-overlay-lines", "mountinfo-overlay-lines");
        Map<Double, SimpleRegression> byLowerdirs = new LinkedHashMap<>();
        for (ProbeResults.Row r : rows) {
            Optional<Double> l = r.number("lowerdirs");
            Optional<Double> n = r.number("overlays");
            Optional<Double> us = r.number("read_us");
            if (l.isPresent() && n.isPresent() && us.isPresent()) {
                byLowerdirs.computeIfAbsent(l.get(), k -> new SimpleRegression()).addData(n.get(), us.get());
            }
        }
        double num = 0;
        double den = 0;
        for (Map.Entry<Double, SimpleRegression> e : byLowerdirs.entrySet()) {
            if (e.getValue().getN() >= 2) {
                num += e.getKey() * (e.getValue().getSlope() - perMount);
                den += e.getKey() * e.getKey();
            }
        }
        if (den > 0) {
            prov.put("syscallsUs.mountinfoRead.perLowerdir", Provenance.derived(src + " mountinfo-overlay-lines rows:"
                    + " per lowerdir count the slope of read_us in the overlay count less perMount, then a"
                    + " least-squares line through the origin in the lowerdir count"));
            return num / den;
        }
        prov.put("syscallsUs.mountinfoRead.perLowerdir", Provenance.byDefault("the calibration host's"
                + " mountinfo-overlay-lines.txt (KernelProfiles.MOUNTINFO_PER_LOWERDIR_US)"));
        defaults.add("syscallsUs.mountinfoRead.perLowerdir = " + KernelProfiles.MOUNTINFO_PER_LOWERDIR_US
                + " us: no mountinfo-overlay-lines rows; the calibration host's");
        return KernelProfiles.MOUNTINFO_PER_LOWERDIR_US;
    }

    private static double sumCalls(MeasuredRun r, int perLayerCalls) {
        return perLayerCalls * (call(r, "open_tree") + call(r, "mount_setattr") + call(r, "move_mount")
                + call(r, "umount_detach")) + call(r, "overlay_mount");
    }

    private MeasuredRun required(IdmapMode mode, int layers) {
        return m.find(mode, 1, layers, 0).orElseThrow(() -> missing("the mountbench row threads=1 layers=" + layers
                + " mode=" + (mode == IdmapMode.PER_LAYER ? "layer" : "parent") + " readers=0"));
    }

    private static double call(MeasuredRun r, String name) {
        Double v = r.syscallMeanUs().get(name);
        if (v == null) {
            throw new IllegalArgumentException("the mountbench row threads=" + r.threads() + " layers=" + r.layers()
                    + " has no " + name + "= in its per-syscall line");
        }
        return v;
    }

    private IllegalArgumentException missing(String what) {
        return new IllegalArgumentException(results.source() + ": missing " + what
                + "; run the full kit (`mountsim probe`) or mountbench.c's full plan");
    }

    private static String shortName(String source) {
        int slash = source.lastIndexOf('/');
        return slash < 0 ? source : source.substring(slash + 1);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
