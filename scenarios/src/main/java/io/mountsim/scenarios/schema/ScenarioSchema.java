package io.mountsim.scenarios.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every key of the scenario format (shared/spec/scenario-format.md plus the documented
 * additions marked "added"), with its type and default. The binder checks keys against
 * this list, so unknown-key suggestions, sweep-key checks and the README table cannot
 * drift apart.
 */
public final class ScenarioSchema {
    private static final boolean SWEEP = true;
    private static final boolean FIXED = false;

    public static final List<KeyDoc> KEYS = List.of(
            new KeyDoc("name", "text", "the file name", "what the scenario is; names the default output directory", FIXED),
            new KeyDoc("description", "text", "-", "added: free text for the report", FIXED),
            new KeyDoc("machine", "preset name | mapping", "required", "a preset (see `mountsim machines`) or an inline machine", SWEEP),
            new KeyDoc("machine.preset", "preset name", "-", "added: start from this preset and override the keys given beside it", SWEEP),
            new KeyDoc("machine.sockets", "integer >= 1", "required inline", "sockets", SWEEP),
            new KeyDoc("machine.coresPerSocket", "integer >= 1", "required inline", "physical cores per socket", SWEEP),
            new KeyDoc("machine.threadsPerCore", "1 | 2", "1", "2 = SMT/HT present", SWEEP),
            new KeyDoc("machine.llcDomainsPerSocket", "integer >= 1, divides coresPerSocket", "1", "CCDs / CCXs per socket", SWEEP),
            new KeyDoc("machine.numaNodesPerSocket", "integer >= 1", "1", "added: NUMA nodes per socket", SWEEP),
            new KeyDoc("machine.interconnect", "mesh | chiplet", "mesh", "how a socket keeps a contended line coherent", SWEEP),
            new KeyDoc("machine.coreToCoreNs", "mapping", "the preset's; inline: m7i.metal-24xl's", "one-way line transfer latency by distance", SWEEP),
            new KeyDoc("machine.coreToCoreNs.smt", "number > 0", "the preset's; inline: m7i.metal-24xl's (else 8)", "between SMT siblings", SWEEP),
            new KeyDoc("machine.coreToCoreNs.llc", "number > 0", "the preset's; inline: m7i.metal-24xl's (else 50)", "within one LLC domain", SWEEP),
            new KeyDoc("machine.coreToCoreNs.crossLlc", "number > 0", "the preset's; inline: m7i.metal-24xl's (else 50)", "between LLC domains of a socket", SWEEP),
            new KeyDoc("machine.coreToCoreNs.crossSocket", "number > 0", "the preset's; inline: m7i.metal-24xl's (else 130)", "between sockets", SWEEP),
            new KeyDoc("machine.perSpinnerHandoffNs", "number >= 0", "the preset's; inline: m7i.metal-24xl's (else 3)", "added: extra handoff cost per spinner (mesh) or per extra domain (chiplet)", SWEEP),
            new KeyDoc("machine.smtSlowdown", "number >= 1", "the preset's; inline: m7i.metal-24xl's (else 1.25)", "added: slowdown of a thread whose SMT sibling is busy", SWEEP),
            new KeyDoc("machine.pauseNs", "number > 0", "the preset's; inline: m7i.metal-24xl's (else 43)", "added: duration of one PAUSE", SWEEP),
            new KeyDoc("machine.spinningSiblingSlowdown", "number >= 1", "the preset's (1.05 [est]); inline: 1 (measured on the calibration host)", "added: slowdown of a thread whose SMT sibling spins with PAUSE", SWEEP),
            new KeyDoc("machine.memory", "mapping", "the preset's; inline: the calibration host's", "added: clock and L3 latency, which price the child-mount walk", FIXED),
            new KeyDoc("machine.memory.allCoreGhz", "number > 0", "the preset's; inline: 3.653 (measured)", "all-core clock", SWEEP),
            new KeyDoc("machine.memory.l3Ns", "number > 0", "the preset's; inline: 13.7", "L3 load-to-use latency", SWEEP),
            new KeyDoc("machine.source", "text", "\"inline\"", "added: where the numbers come from", FIXED),
            new KeyDoc("kernel", "mapping", "the machine's calibrated profile", "kernel call costs", FIXED),
            new KeyDoc("kernel.profile", "path", "none: the machine's shipped profile", "added: a profile file (`mountsim calibrate`), relative to the scenario file; its costs replace the shipped profile's, other kernel.* keys override single numbers, and without machine: its machine is used", FIXED),
            new KeyDoc("kernel.baselineMounts", "integer >= 0", "profile (21)", "mount-table lines before the first start: a busy node's running containers add theirs", SWEEP),
            new KeyDoc("kernel.preemption", "voluntary | full", "profile (voluntary)", "full: kernel work outside spinlocks (e.g. holding namespace_sem) can be preempted", SWEEP),
            new KeyDoc("kernel.lockHeldShares", "mapping", "from the source (KernelProfiles.SOURCE_SHARES)", "share of each call's CPU work spent holding namespace_sem", FIXED),
            new KeyDoc("kernel.lockHeldShares.openTree", "number in [0, 1]", "0.6", "copy_tree() under namespace_lock()", SWEEP),
            new KeyDoc("kernel.lockHeldShares.moveMount", "number in [0, 1]", "0.5", "attach_recursive_mnt() under namespace_lock()", SWEEP),
            new KeyDoc("kernel.lockHeldShares.umount", "number in [0, 1]", "0.7", "umount_tree() of the call's CPU work", SWEEP),
            new KeyDoc("kernel.lockHeldShares.overlayPerLayer", "number in [0, 1]", "0.5", "clone_private_mount() under down_read(), per layer", SWEEP),
            new KeyDoc("kernel.lockHeldShares.overlayBase", "number in [0, 1]", "0.3", "lock_mount() + graft_tree() of the base cost", SWEEP),
            new KeyDoc("kernel.syscallsUs", "mapping", "the machine's calibrated profile", "uncontended one-thread latency of each call on this host", FIXED),
            new KeyDoc("kernel.syscallsUs.openTree", "number > 0", "profile", "open_tree(OPEN_TREE_CLONE) of a layer whose mount has no child mounts (childMountCheck adds the rest)", SWEEP),
            new KeyDoc("kernel.syscallsUs.mountSetattr", "number > 0", "profile", "mount_setattr(MOUNT_ATTR_IDMAP)", SWEEP),
            new KeyDoc("kernel.syscallsUs.moveMount", "number > 0", "profile", "move_mount", SWEEP),
            new KeyDoc("kernel.syscallsUs.overlayMount", "mapping", "profile", "mount(\"overlay\"): base + perLayer x layers", FIXED),
            new KeyDoc("kernel.syscallsUs.overlayMount.base", "number > 0", "profile", "fixed part", SWEEP),
            new KeyDoc("kernel.syscallsUs.overlayMount.perLayer", "number >= 0", "profile", "per lowerdir", SWEEP),
            new KeyDoc("kernel.syscallsUs.umount", "number > 0", "profile", "umount2, including the RCU grace period it waits for, measured on this machine (grace period and wakeup scale with it)", SWEEP),
            new KeyDoc("kernel.syscallsUs.mountinfoRead", "mapping", "profile", "one full read of /proc/self/mountinfo: base + perMount x mounts + perLowerdir x lowerdirs listed by overlay lines", FIXED),
            new KeyDoc("kernel.syscallsUs.mountinfoRead.base", "number > 0", "profile", "fixed part", SWEEP),
            new KeyDoc("kernel.syscallsUs.mountinfoRead.perMount", "number >= 0", "profile", "per mount line", SWEEP),
            new KeyDoc("kernel.syscallsUs.mountinfoRead.perLowerdir", "number >= 0", "profile", "added: per lowerdir path an overlay line lists (options are escaped byte by byte)", SWEEP),
            new KeyDoc("kernel.syscallsUs.childMountCheck", "number >= 0", "profile", "added: has_locked_children() per child mount of the layer store's mount, in open_tree and clone_private_mount", SWEEP),
            new KeyDoc("runtime", "mapping", "-", "the container runtime", FIXED),
            new KeyDoc("runtime.idmap", "per-layer | common-parent | fd-lowerdirs | none", "per-layer", "idmap strategy", SWEEP),
            new KeyDoc("runtime.passes", "integer >= 1", "2", "rootfs assemblies per start (shim + containerd = 2)", SWEEP),
            new KeyDoc("runtime.idmapIntrospectionPass", "true | false", "true", "added: false = containerd 2.3, no idmap for the read-only introspection pass", SWEEP),
            new KeyDoc("runtime.layerStoreChildren", "none | idmapped | all", "idmapped", "added: which of the runtime's mounts are child mounts of the layer store's mount (idmapped = containerd's /tmp/ovl-idmapped* on the root filesystem; all = the calibration probe's single tmpfs)", SWEEP),
            new KeyDoc("watchers", "mapping", "-", "mount-table watchers", FIXED),
            new KeyDoc("watchers.mountinfoReaders", "integer >= 0", "0", "processes re-reading mountinfo on every change (systemd)", SWEEP),
            new KeyDoc("watchers.readBufferBytes", "integer >= 256", "4096", "bytes each read() of mountinfo asks for: one namespace_sem read hold per buffer", SWEEP),
            new KeyDoc("watchers.rateLimit", "mapping", "absent = no limit", "rate limit of the readers (systemd: {burst: 5, perSeconds: 1})", SWEEP),
            new KeyDoc("watchers.rateLimit.burst", "integer >= 1", "required in rateLimit", "reads allowed per window", SWEEP),
            new KeyDoc("watchers.rateLimit.perSeconds", "number > 0", "required in rateLimit", "window length", SWEEP),
            // issue 15, "the node as scenario input": keys added by the node model (NodeBinder)
            new KeyDoc("watchers.systemd", "on | off | mapping", "absent = not modelled", "added: systemd as PID 1, one event loop: re-parses the whole table on each change (rate-limited, ahead of D-Bus) and serves each start's StartTransientUnit", SWEEP),
            new KeyDoc("watchers.systemd.rateLimit", "mapping", "{burst: 5, perSeconds: 1}", "added: the mount source's sd-event rate limit (src/core/mount.c)", SWEEP),
            new KeyDoc("watchers.systemd.rateLimit.burst", "integer >= 1", "5", "added: re-parses per window", SWEEP),
            new KeyDoc("watchers.systemd.rateLimit.perSeconds", "number > 0", "1", "added: window length", SWEEP),
            new KeyDoc("watchers.systemd.parseNsPerLine", "number >= 0", "800 (measured: libmount, mountinfo-parse.txt)", "added: libmount's user-space parse per line", SWEEP),
            new KeyDoc("watchers.systemd.parseNsPerLowerdir", "number >= 0", "210 (measured)", "added: the same per lowerdir an overlay line lists", SWEEP),
            new KeyDoc("watchers.systemd.unitNsPerLine", "number >= 0", "800 [est]", "added: systemd's mount-unit bookkeeping per line beyond libmount", SWEEP),
            new KeyDoc("watchers.systemd.dbusRequestsBeforeRootfs", "integer in [0, 100]", "0", "added: D-Bus requests a start waits for before its rootfs is assembled (a pod: kubelet's pod slice, the sandbox's scope)", SWEEP),
            new KeyDoc("watchers.systemd.dbusRequestsPerStart", "integer in [0, 100]", "1", "added: D-Bus requests a start waits for once its rootfs is ready (runc: one StartTransientUnit per container)", SWEEP),
            new KeyDoc("watchers.systemd.dbusServiceUs", "number >= 0", "1000 [est]", "added: PID 1's work per request", SWEEP),
            new KeyDoc("watchers.systemd.dbusTimeoutSeconds", "number > 0", "30", "added: runc's wait for the scope's job; later replies count in dbusTimeouts", SWEEP),
            new KeyDoc("watchers.others", "list of {name, trigger, everySeconds, parseNsPerLine}", "-", "added: further mount-table watchers in their own processes (kubelet, containerd)", FIXED),
            new KeyDoc("watchers.others.name", "text", "required", "added: for the report", FIXED),
            new KeyDoc("watchers.others.trigger", "change | interval", "required", "added: change = read on every change, at most once per everySeconds; interval = read every everySeconds", FIXED),
            new KeyDoc("watchers.others.everySeconds", "number > 0", "required", "added: rate limit or interval", FIXED),
            new KeyDoc("watchers.others.parseNsPerLine", "number >= 0", "800 (libmount's, measured)", "added: user-space parse per line", FIXED),
            new KeyDoc("node", "mapping", "absent = an idle node", "added: what already runs on the node before the storm", FIXED),
            new KeyDoc("node.runningContainers", "integer >= 0", "0", "added: containers running: their lines are in the mount table from the start", SWEEP),
            new KeyDoc("node.layers", "integer in [1, 500]", "50", "added: lowerdirs each running container's rootfs overlay line lists", SWEEP),
            new KeyDoc("node.otherMountsPerContainer", "integer >= 0", "3 [est]", "added: further host mount lines per running pod (shm, token tmpfs, netns)", SWEEP),
            new KeyDoc("node.cpuLoad", "mapping", "absent = no load", "added: their CPU demand, as scheduler tasks (one per CPU)", SWEEP),
            new KeyDoc("node.cpuLoad.utilization", "number in (0, 1)", "required in cpuLoad", "added: busy share of each CPU", SWEEP),
            new KeyDoc("node.cpuLoad.burstMs", "number > 0", "2 [est]", "added: mean burst of work between sleeps", SWEEP),
            new KeyDoc("node.runcNamespaceCopy", "true | false", "false", "added: each start's runc create copies the whole table into the container's new namespace (copy_tree under namespace_sem), parses its mountinfo and detaches the old root (umount_tree under namespace_sem and mount_lock)", SWEEP),
            new KeyDoc("node.pathLookupsPerContainerPerSecond", "number >= 0", "0", "added: path walks per running container (mount_lock readers)", SWEEP),
            new KeyDoc("workload", "mapping", "required", "what runs", FIXED),
            new KeyDoc("workload.kind", "container-starts | lockbench | trace", "container-starts", "workload type", FIXED),
            new KeyDoc("workload.containers", "integer >= 1", "100", "container-starts: starts", SWEEP),
            new KeyDoc("workload.layers", "integer >= 1 | {uniform: [min, max]}", "50 (trace: -)", "container-starts: layers per image; trace: layer count for overlay mounts whose lowerdir strace truncated", SWEEP),
            new KeyDoc("workload.layers.uniform", "[min, max], 1 <= min <= max", "-", "layers drawn per start", SWEEP),
            new KeyDoc("workload.arrival", "burst | {poisson: {perSecond: X}}", "burst", "container-starts: arrival process", SWEEP),
            new KeyDoc("workload.arrival.poisson", "mapping", "-", "Poisson arrivals", SWEEP),
            new KeyDoc("workload.arrival.poisson.perSecond", "number > 0", "required", "arrival rate", SWEEP),
            new KeyDoc("workload.maxConcurrentStarts", "integer >= 1 | unlimited", "unlimited", "container-starts: concurrency cap", SWEEP),
            new KeyDoc("workload.pathLookupsPerCpuPerSecond", "number >= 0", "0", "container-starts, trace: background path walks that read mount_lock", SWEEP),
            new KeyDoc("workload.healthCheckTimeoutSeconds", "number > 0", "30", "a start slower than this counts as failed", SWEEP),
            new KeyDoc("workload.threads", "integer >= 1", "32", "lockbench: spinning threads", SWEEP),
            new KeyDoc("workload.criticalSectionNs", "number > 0", "5", "lockbench: work under the lock", SWEEP),
            new KeyDoc("workload.iterationsPerThread", "integer >= 1", "100000", "lockbench: critical sections per thread", SWEEP),
            new KeyDoc("workload.file", "path", "required for trace", "trace: strace -f -ttt -T log, relative to the scenario file", SWEEP),
            new KeyDoc("mitigations", "mapping", "-", "machine-side mitigations", FIXED),
            new KeyDoc("mitigations.smt", "on | off", "on", "SMT/HT enabled", SWEEP),
            new KeyDoc("mitigations.cpuset", "all | socket:N | node:N | CPU list \"0-23,48-71\"", "all", "CPUs the workload may run on", SWEEP),
            new KeyDoc("run", "mapping", "-", "experiment settings", FIXED),
            new KeyDoc("run.seed", "integer", "42", "master seed (--seed overrides)", FIXED),
            new KeyDoc("run.replications", "integer >= 1", "10", "replications per point (--replications overrides)", FIXED),
            new KeyDoc("run.confidence", "number in (0, 1)", "0.95", "confidence level of the half-widths (columns _ci95 at 0.95, _ci80 at 0.8)", FIXED),
            new KeyDoc("sweep", "mapping of key path -> list of values", "-", "every combination is one point; the first key varies slowest", FIXED),
            new KeyDoc("measured", "path", "-", "added: CSV of real-kernel measurements (swept keys, then metric columns), relative to the scenario file", FIXED));

    private ScenarioSchema() {
    }

    public static Optional<KeyDoc> find(String path) {
        return KEYS.stream().filter(k -> k.path().equals(path)).findFirst();
    }

    /** The direct child key names of {@code parent} ("" = top level), in schema order. */
    public static Set<String> childNames(String parent) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (KeyDoc k : KEYS) {
            if (k.path().startsWith(prefix)) {
                String rest = k.path().substring(prefix.length());
                if (!rest.isEmpty() && !rest.contains(".")) {
                    out.add(rest);
                }
            }
        }
        return out;
    }

    /**
     * The message for an unknown key: the nearest sibling, or else a key of the same name
     * elsewhere ({@code containers} at the top level -> {@code workload.containers}).
     */
    public static String unknownKeyMessage(String parent, String key) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        Optional<String> sibling = KeySuggester.nearest(key, childNames(parent));
        if (sibling.isPresent()) {
            return "unknown key; did you mean " + prefix + sibling.get() + "?";
        }
        String lower = key.toLowerCase(Locale.ROOT);
        Optional<String> elsewhere = KEYS.stream().map(KeyDoc::path)
                .filter(p -> p.toLowerCase(Locale.ROOT).endsWith("." + lower))
                .findFirst();
        if (elsewhere.isPresent()) {
            return "unknown key here; did you mean " + elsewhere.get() + "?";
        }
        Optional<String> anyPath = KeySuggester.nearest(prefix + key, KEYS.stream().map(KeyDoc::path).toList());
        if (anyPath.isPresent()) {
            return "unknown key; did you mean " + anyPath.get() + "?";
        }
        return "unknown key; valid keys here: " + String.join(", ", childNames(parent));
    }

    /** An unknown dotted path (a sweep key or a {@code --set} key): the nearest valid path. */
    public static String unknownPathMessage(String path) {
        List<String> all = KEYS.stream().map(KeyDoc::path).toList();
        return KeySuggester.nearest(path, all)
                .map(p -> "unknown key; did you mean " + p + "?")
                .orElse("unknown key; see the scenario keys in README.md");
    }
}
