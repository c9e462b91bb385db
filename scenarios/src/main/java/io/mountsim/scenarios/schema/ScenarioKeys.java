package io.mountsim.scenarios.schema;

import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.LayerStoreChildren;
import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.scenarios.schema.ScenarioKey.Choice;
import io.mountsim.scenarios.schema.ScenarioKey.Form;
import io.mountsim.scenarios.schema.ScenarioKey.Int;
import io.mountsim.scenarios.schema.ScenarioKey.Num;
import io.mountsim.scenarios.schema.ScenarioKey.Section;
import io.mountsim.scenarios.schema.ScenarioKey.Switch;
import io.mountsim.scenarios.schema.ScenarioKey.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The key table: every key of the scenario format (shared/spec/scenario-format.md plus the
 * documented additions marked "added"), each declared once with its type, range, default
 * and meaning. Defaults that are model facts reference the model's constant. The loader
 * checks keys against {@link #ALL}, the binders read values through these constants, and
 * the README's key table ({@link ReadmeKeyTable}) and {@code mountsim schema}
 * ({@link JsonSchemaExport}) are generated from it.
 *
 * <p>To add a key: declare it here, below its parent and in the order the README should
 * list it, with one of the factories ({@link #integer}, {@link #number}, {@link #choice},
 * {@link #onOff}, {@link #text}, {@link #section}, {@link #form}); read it in its binder
 * with {@code values.read(section, ScenarioKeys.X)} and write its resolved value with
 * {@code resolved.put(ScenarioKeys.X, value)}; then regenerate the README table
 * ({@code ReadmeKeyTableTest} with {@code -Dmountsim.regenerateReadme=true}, see README "Scenario files").
 */
public final class ScenarioKeys {
    private static final boolean SWEEP = true;
    private static final boolean FIXED = false;
    private static final List<ScenarioKey> TABLE = new ArrayList<>();

    // ---- scenario-level defaults that are not model constants (each with its source) ----
    /** The study's example node: 100 containers of 50-layer images (netflix-study.md, "What happened"). */
    public static final int DEFAULT_CONTAINERS = 100;
    public static final int DEFAULT_LAYERS = 50;
    /** containerd assembles the rootfs twice: "both the shim and containerd proper do this" (PR #12092). */
    public static final int DEFAULT_PASSES = 2;
    /** The study's health checks timed out after 30 s (netflix-study.md). */
    public static final double DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS = 30;
    /** The contract's lockbench example (shared/spec/scenario-format.md): threads: 32, criticalSectionNs: 5, iterationsPerThread: 100000. */
    public static final int DEFAULT_LOCKBENCH_THREADS = 32;
    /** global-lock-bench's critical section is one increment: a few ns. */
    public static final double DEFAULT_CRITICAL_SECTION_NS = 5;
    public static final long DEFAULT_ITERATIONS_PER_THREAD = 100_000;
    /** The contract's run defaults (shared/spec/scenario-format.md). */
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_REPLICATIONS = 10;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Limits that keep a typo from asking for a simulation that cannot finish. */
    public static final int MAX_CONTAINERS = 10_000_000;
    /** overlayfs accepts at most 500 lowerdirs (fs/overlayfs OVL_MAX_STACK). */
    public static final int MAX_LAYERS = 500;
    public static final int MAX_SOCKETS = 64;
    public static final int MAX_CORES_PER_SOCKET = 1024;
    public static final int MAX_RUNNING_CONTAINERS = 1_000_000;
    public static final int MAX_OTHER_MOUNTS = 10_000;
    public static final int MAX_REPLICATIONS = 100_000;
    /** The workload kinds, in the order the README lists them. */
    public static final List<String> KINDS = List.of("container-starts", "lockbench", "trace");

    private static final KernelProfile.LockShares SHARES = KernelProfiles.SOURCE_SHARES;
    private static final String FROM_SOURCE = "(KernelProfiles.SOURCE_SHARES; a profile file may give its own)";

    public static final Text NAME = text("name", "text", "the file name", "what the scenario is; names the default output directory", FIXED);
    public static final Text DESCRIPTION = text("description", "text", "generated", "added: free text for the report", FIXED);

    // ---- machine ----
    public static final Form MACHINE = form("machine", "preset name | mapping", "required",
            "a preset (see `mountsim machines`) or an inline machine", SWEEP,
            children -> anyOf(Map.of("type", "string", "enum", MachinePresets.names()), children));
    public static final Text MACHINE_PRESET = text("machine.preset", "preset name", "-",
            "added: start from this preset and override the keys given beside it", SWEEP);
    public static final Int MACHINE_SOCKETS = integer("machine.sockets", 1, MAX_SOCKETS, in(1, MAX_SOCKETS), null,
            "the preset's; required inline", "sockets", SWEEP);
    public static final Int MACHINE_CORES_PER_SOCKET = integer("machine.coresPerSocket", 1, MAX_CORES_PER_SOCKET,
            in(1, MAX_CORES_PER_SOCKET), null, "the preset's; required inline", "physical cores per socket", SWEEP);
    public static final Int MACHINE_THREADS_PER_CORE = integer("machine.threadsPerCore", 1, 2, in(1, 2) + " (2 = SMT/HT)", 1L,
            "(inline; else the preset's)", "2 = SMT/HT present", SWEEP);
    public static final Int MACHINE_LLC_DOMAINS = integer("machine.llcDomainsPerSocket", 1, MAX_CORES_PER_SOCKET, atLeast(1), 1L,
            "(inline; else the preset's)", "CCDs / CCXs per socket; divides coresPerSocket", SWEEP);
    public static final Int MACHINE_NUMA_NODES = integer("machine.numaNodesPerSocket", 1, MAX_CORES_PER_SOCKET, atLeast(1), 1L,
            "(inline; else the preset's)", "added: NUMA nodes per socket; each holds whole LLC domains", SWEEP);
    public static final Choice MACHINE_INTERCONNECT = choice("machine.interconnect", enumNames(Interconnect.values()),
            Interconnect.MESH.yamlName(), "(inline; else the preset's)", "how a socket keeps a contended line coherent", SWEEP);
    public static final Section MACHINE_CORE_TO_CORE = section("machine.coreToCoreNs", "the preset's; inline: m7i.metal-24xl's",
            "one-way cache-line transfer latency by distance", SWEEP);
    public static final Num C2C_SMT = number("machine.coreToCoreNs.smt", Range.positive(), null,
            "the preset's; inline: m7i.metal-24xl's", "between SMT siblings", SWEEP);
    public static final Num C2C_LLC = number("machine.coreToCoreNs.llc", Range.positive(), null,
            "the preset's; inline: m7i.metal-24xl's", "within one LLC domain", SWEEP);
    public static final Num C2C_CROSS_LLC = number("machine.coreToCoreNs.crossLlc", Range.positive(), null,
            "the preset's; inline: m7i.metal-24xl's", "between LLC domains of a socket", SWEEP);
    public static final Num C2C_CROSS_SOCKET = number("machine.coreToCoreNs.crossSocket", Range.positive(), null,
            "the preset's; inline: m7i.metal-24xl's", "between sockets", SWEEP);
    public static final Num MACHINE_PER_SPINNER_HANDOFF = number("machine.perSpinnerHandoffNs", Range.nonNegative(), null,
            "the preset's; inline: m7i.metal-24xl's", "added: extra handoff cost per spinner (mesh) or per extra domain (chiplet)", SWEEP);
    public static final Num MACHINE_SMT_SLOWDOWN = number("machine.smtSlowdown", Range.atLeast(1), null,
            "the preset's; inline: m7i.metal-24xl's", "added: slowdown of a thread whose SMT sibling is busy", SWEEP);
    public static final Num MACHINE_PAUSE_NS = number("machine.pauseNs", Range.positive(), null,
            "the preset's; inline: m7i.metal-24xl's", "added: duration of one PAUSE", SWEEP);
    public static final Num MACHINE_SPINNING_SIBLING_SLOWDOWN = number("machine.spinningSiblingSlowdown", Range.atLeast(1), null,
            "the preset's (1.05 [est]); inline: 1 (measured on the calibration host)",
            "added: work beside a PAUSE-spinning SMT sibling runs this much slower", SWEEP);
    public static final Section MACHINE_MEMORY = section("machine.memory", "the preset's; inline: the calibration host's",
            "added: clock and L3 latency, which price the child-mount walk (`topology/MemoryHierarchy`)");
    public static final Num MEMORY_ALL_CORE_GHZ = number("machine.memory.allCoreGhz", Range.positive(), null,
            "the preset's; inline: the calibration host's (measured)", "all-core clock", SWEEP);
    public static final Num MEMORY_L3_NS = number("machine.memory.l3Ns", Range.positive(), null,
            "the preset's; inline: the calibration host's", "L3 load-to-use latency", SWEEP);
    public static final Text MACHINE_SOURCE = text("machine.source", "text", "\"inline\"", "added: where the numbers come from", FIXED);

    // ---- kernel ----
    public static final Section KERNEL = section("kernel", "the machine's calibrated profile", "kernel call costs");
    public static final Text KERNEL_PROFILE = text("kernel.profile", "path or `builtin:NAME`", "none: the machine's shipped profile",
            "added: a profile file (`mountsim calibrate`), relative to the scenario file, or `builtin:NAME` for one shipped"
                    + " in the jar (NAME: a file of scenarios/profiles/ without .yaml, e.g. builtin:r5.metal);"
                    + " its costs replace the shipped profile's,"
                    + " other kernel.* keys override single numbers, and without machine: its machine is used", FIXED);
    public static final Int KERNEL_BASELINE_MOUNTS = integer("kernel.baselineMounts", 0, 10_000_000, atLeast(0), null,
            "the profile's (21)", "mount-table lines before the first start: a busy node's running containers add theirs", SWEEP);
    public static final Choice KERNEL_PREEMPTION = choice("kernel.preemption", List.of("voluntary", "full"), null,
            "the profile's (voluntary)",
            "full: kernel work outside spinlocks (e.g. holding namespace_sem) can be preempted", SWEEP);
    public static final Section LOCK_HELD_SHARES = section("kernel.lockHeldShares", "from the source, umount's measured (KernelProfiles.SOURCE_SHARES)",
            "share of each call's CPU work spent holding namespace_sem");
    public static final Num SHARE_OPEN_TREE = number("kernel.lockHeldShares.openTree", Range.unit(), SHARES.openTree(),
            FROM_SOURCE, "copy_tree() under namespace_lock()", SWEEP);
    public static final Num SHARE_MOVE_MOUNT = number("kernel.lockHeldShares.moveMount", Range.unit(), SHARES.moveMount(),
            FROM_SOURCE, "attach_recursive_mnt() under namespace_lock()", SWEEP);
    public static final Num SHARE_UMOUNT = number("kernel.lockHeldShares.umount", Range.unit(), SHARES.umount(),
            "measured on the development host (BPF on namespace_sem: 1.74 us of 15.95 us; KernelProfiles.UMOUNT_SHARE)",
            "umount_tree() of the call's CPU work", SWEEP);
    public static final Num SHARE_OVERLAY_PER_LAYER = number("kernel.lockHeldShares.overlayPerLayer", Range.unit(),
            SHARES.overlayPerLayer(), FROM_SOURCE, "clone_private_mount() under down_read(), per layer", SWEEP);
    public static final Num SHARE_OVERLAY_BASE = number("kernel.lockHeldShares.overlayBase", Range.unit(), SHARES.overlayBase(),
            FROM_SOURCE, "lock_mount() + graft_tree() of the base cost", SWEEP);
    public static final Section SYSCALLS_US = section("kernel.syscallsUs", "the machine's calibrated profile",
            "uncontended one-thread latency of each call on this host, in microseconds");
    public static final Num SYSCALL_OPEN_TREE = number("kernel.syscallsUs.openTree", Range.positive(), null, "the profile's",
            "open_tree(OPEN_TREE_CLONE) of a layer whose mount has no child mounts (childMountCheck adds the rest)", SWEEP);
    public static final Num SYSCALL_MOUNT_SETATTR = number("kernel.syscallsUs.mountSetattr", Range.positive(), null, "the profile's",
            "mount_setattr(MOUNT_ATTR_IDMAP)", SWEEP);
    public static final Num SYSCALL_MOVE_MOUNT = number("kernel.syscallsUs.moveMount", Range.positive(), null, "the profile's",
            "move_mount", SWEEP);
    public static final Section OVERLAY_MOUNT = section("kernel.syscallsUs.overlayMount", "the profile's",
            "mount(\"overlay\"): base + perLayer x layers");
    public static final Num OVERLAY_MOUNT_BASE = number("kernel.syscallsUs.overlayMount.base", Range.positive(), null,
            "the profile's", "fixed part", SWEEP);
    public static final Num OVERLAY_MOUNT_PER_LAYER = number("kernel.syscallsUs.overlayMount.perLayer", Range.nonNegative(), null,
            "the profile's", "per lowerdir", SWEEP);
    public static final Num SYSCALL_UMOUNT = number("kernel.syscallsUs.umount", Range.positive(), null, "the profile's",
            "umount2, including the RCU grace period it waits for, measured on this machine (grace period and wakeup scale with it)",
            SWEEP);
    public static final Section MOUNTINFO_READ = section("kernel.syscallsUs.mountinfoRead", "the profile's",
            "one full read of /proc/self/mountinfo: base + perMount x mounts + perLowerdir x lowerdirs listed by overlay lines");
    public static final Num MOUNTINFO_READ_BASE = number("kernel.syscallsUs.mountinfoRead.base", Range.nonNegative(), null,
            "the profile's", "fixed part (0 where calibrate's line through table sizes has a negative intercept, clamped)", SWEEP);
    public static final Num MOUNTINFO_READ_PER_MOUNT = number("kernel.syscallsUs.mountinfoRead.perMount", Range.nonNegative(), null,
            "the profile's", "per mount line", SWEEP);
    public static final Num MOUNTINFO_READ_PER_LOWERDIR = number("kernel.syscallsUs.mountinfoRead.perLowerdir", Range.nonNegative(),
            null, "the profile's", "added: per lowerdir path an overlay line lists (options are escaped byte by byte)", SWEEP);
    public static final Num SYSCALL_CHILD_MOUNT_CHECK = number("kernel.syscallsUs.childMountCheck", Range.nonNegative(), null,
            "the profile's", "added: has_locked_children() per child mount of the layer store's mount, in open_tree and"
                    + " clone_private_mount, under namespace_sem", SWEEP);

    // ---- runtime ----
    public static final Section RUNTIME = section("runtime", "-", "the container runtime");
    public static final Choice RUNTIME_IDMAP = choice("runtime.idmap", Arrays.stream(IdmapMode.values()).map(IdmapMode::yamlName).toList(),
            IdmapMode.PER_LAYER.yamlName(), "", "idmap strategy", SWEEP);
    public static final Int RUNTIME_PASSES = integer("runtime.passes", 1, 16, in(1, 16), (long) DEFAULT_PASSES, "",
            "rootfs assemblies per start (shim + containerd = 2)", SWEEP);
    public static final Switch RUNTIME_INTROSPECTION_PASS = onOff("runtime.idmapIntrospectionPass", "true", "false", true,
            "added: false = containerd 2.3, no idmap for the read-only introspection pass", SWEEP);
    public static final Choice RUNTIME_LAYER_STORE_CHILDREN = choice("runtime.layerStoreChildren",
            Arrays.stream(LayerStoreChildren.values()).map(LayerStoreChildren::key).toList(), LayerStoreChildren.IDMAPPED.key(), "",
            "added: which of the runtime's mounts are child mounts of the layer store's mount (idmapped = containerd's"
                    + " /tmp/ovl-idmapped* on the root filesystem; none = layer store on its own filesystem;"
                    + " all = the calibration probe's single tmpfs)", SWEEP);

    // ---- watchers ----
    public static final Section WATCHERS = section("watchers", "-", "mount-table watchers");
    public static final Int WATCHERS_MOUNTINFO_READERS = integer("watchers.mountinfoReaders", 0, 10_000, atLeast(0), 0L, "",
            "processes re-reading mountinfo on every change (systemd)", SWEEP);
    public static final Int WATCHERS_READ_BUFFER_BYTES = integer("watchers.readBufferBytes", 256, 1 << 30, atLeast(256),
            (long) WatcherConfig.DEFAULT_READ_BUFFER_BYTES, "",
            "bytes each read() of mountinfo asks for: one namespace_sem read hold per buffer", SWEEP);
    public static final Form WATCHERS_RATE_LIMIT = form("watchers.rateLimit", "mapping {burst, perSeconds}", "absent = no limit",
            "rate limit of the readers (systemd: {burst: 5, perSeconds: 1})", SWEEP,
            children -> required(children, "burst", "perSeconds"));
    public static final Int RATE_LIMIT_BURST = integer("watchers.rateLimit.burst", 1, Integer.MAX_VALUE, atLeast(1), null,
            "required in rateLimit", "reads allowed per window", SWEEP);
    public static final Num RATE_LIMIT_PER_SECONDS = number("watchers.rateLimit.perSeconds", Range.positive(), null,
            "required in rateLimit", "window length", SWEEP);
    // issue 15, "the node as scenario input": keys added by the node model (NodeBinder)
    public static final Form SYSTEMD = form("watchers.systemd", "on | off | mapping", "absent = not modelled",
            "added: systemd as PID 1, one event loop: re-parses the whole table on each change (rate-limited, ahead of D-Bus)"
                    + " and serves each start's StartTransientUnit; a start is done when PID 1 has answered."
                    + " Use it instead of a mountinfoReaders entry for systemd", SWEEP,
            children -> anyOf(Map.of("enum", Switch.SPELLINGS), children));
    public static final Section SYSTEMD_RATE_LIMIT = section("watchers.systemd.rateLimit", "{burst: 5, perSeconds: 1}",
            "added: the mount source's sd-event rate limit (src/core/mount.c mount_enumerate())", SWEEP);
    public static final Int SYSTEMD_RATE_LIMIT_BURST = integer("watchers.systemd.rateLimit.burst", 1, Integer.MAX_VALUE, atLeast(1),
            (long) Pid1Config.DEFAULT_RATE_LIMIT_BURST, "", "added: re-parses per window", SWEEP);
    public static final Num SYSTEMD_RATE_LIMIT_PER_SECONDS = number("watchers.systemd.rateLimit.perSeconds", Range.positive(),
            Pid1Config.DEFAULT_RATE_LIMIT_SECONDS, "", "added: window length", SWEEP);
    public static final Num SYSTEMD_PARSE_NS_PER_LINE = number("watchers.systemd.parseNsPerLine", Range.nonNegative(),
            Pid1Config.MEASURED_PARSE_NS_PER_LINE, "(measured: libmount, calibration/epyc-2core/mountinfo-parse.txt)",
            "added: libmount's user-space parse per line", SWEEP);
    public static final Num SYSTEMD_PARSE_NS_PER_LOWERDIR = number("watchers.systemd.parseNsPerLowerdir", Range.nonNegative(),
            Pid1Config.MEASURED_PARSE_NS_PER_LOWERDIR, "(measured)", "added: the same per lowerdir an overlay line lists", SWEEP);
    public static final Num SYSTEMD_UNIT_NS_PER_LINE = number("watchers.systemd.unitNsPerLine", Range.nonNegative(),
            Pid1Config.EST_UNIT_NS_PER_LINE, "[est]", "added: systemd's mount-unit bookkeeping per line beyond libmount", SWEEP);
    public static final Int SYSTEMD_DBUS_BEFORE_ROOTFS = integer("watchers.systemd.dbusRequestsBeforeRootfs", 0, 100, in(0, 100),
            (long) Pid1Config.defaults().dbusRequestsBeforeRootfs(), "",
            "added: D-Bus requests a start waits for before its rootfs is assembled (a pod: kubelet's pod slice, the sandbox's scope)",
            SWEEP);
    public static final Int SYSTEMD_DBUS_PER_START = integer("watchers.systemd.dbusRequestsPerStart", 0, 100, in(0, 100),
            (long) Pid1Config.DEFAULT_DBUS_REQUESTS_PER_START, "",
            "added: D-Bus requests a start waits for once its rootfs is ready (runc: one StartTransientUnit per container)", SWEEP);
    public static final Num SYSTEMD_DBUS_SERVICE_US = number("watchers.systemd.dbusServiceUs", Range.nonNegative(),
            Pid1Config.EST_DBUS_SERVICE_US, "[est]", "added: PID 1's work per request", SWEEP);
    public static final Num SYSTEMD_DBUS_TIMEOUT_SECONDS = number("watchers.systemd.dbusTimeoutSeconds", Range.positive(),
            Pid1Config.DEFAULT_DBUS_TIMEOUT_SECONDS, "",
            "added: runc's wait for the scope's job (startUnit()); later replies count in dbusTimeouts", SWEEP);
    public static final Form OTHERS = form("watchers.others", "list of {name, trigger, everySeconds, parseNsPerLine}", "-",
            "added: further mount-table watchers in their own processes (what-if: on their sources kubelet and containerd do not watch)", FIXED,
            children -> Map.of("type", "array", "items", required(children, "name", "trigger", "everySeconds")));
    public static final Text OTHERS_NAME = text("watchers.others.name", "text", "required", "added: for the report", FIXED);
    public static final Choice OTHERS_TRIGGER = choice("watchers.others.trigger", List.of("change", "interval"), null, "required",
            "added: change = read on every change, at most once per everySeconds; interval = read every everySeconds", FIXED);
    public static final Num OTHERS_EVERY_SECONDS = number("watchers.others.everySeconds", Range.positive(), null, "required",
            "added: rate limit or interval", FIXED);
    public static final Num OTHERS_PARSE_NS_PER_LINE = number("watchers.others.parseNsPerLine", Range.nonNegative(),
            Pid1Config.MEASURED_PARSE_NS_PER_LINE, "(libmount's, measured)", "added: user-space parse per line", FIXED);

    // ---- node ----
    public static final Section NODE = section("node", "absent = an idle node", "added: what already runs on the node before the storm");
    public static final Int NODE_RUNNING_CONTAINERS = integer("node.runningContainers", 0, MAX_RUNNING_CONTAINERS,
            in(0, MAX_RUNNING_CONTAINERS), 0L, "",
            "added: containers running: their lines are in the mount table before the first start", SWEEP);
    public static final Int NODE_LAYERS = integer("node.layers", 1, MAX_LAYERS, in(1, MAX_LAYERS), (long) DEFAULT_LAYERS, "",
            "added: lowerdirs each running container's rootfs overlay line lists", SWEEP);
    public static final Int NODE_OTHER_MOUNTS = integer("node.otherMountsPerContainer", 0, MAX_OTHER_MOUNTS, in(0, MAX_OTHER_MOUNTS),
            (long) NodeSpec.POD_OTHER_MOUNTS, "(containerd CRI, kubelet: NodeSpec)",
            "added: further host mount lines per running pod (pause rootfs overlay, sandbox shm, netns, token tmpfs)", SWEEP);
    public static final Form NODE_CPU_LOAD = form("node.cpuLoad", "mapping {utilization, burstMs, llcFootprintMb}", "absent = none",
            "added: the running containers' CPU load: one normal-priority task per CPU alternating bursts of work and sleeps", SWEEP,
            children -> required(children, "utilization"));
    public static final Num CPU_LOAD_UTILIZATION = number("node.cpuLoad.utilization", Range.openUnit(), null, "required in cpuLoad",
            "added: busy share of each CPU", SWEEP);
    public static final Num CPU_LOAD_BURST_MS = number("node.cpuLoad.burstMs", Range.positive(), NodeSpec.EST_BURST_MS, "[est]",
            "added: length of work between sleeps", SWEEP);
    public static final Num CPU_LOAD_LLC_FOOTPRINT = number("node.cpuLoad.llcFootprintMb", Range.nonNegative(), 0.0,
            "(none: the walk keeps the LLC)",
            "added: distinct cache lines a busy CPU's workload keeps in its LLC domain, MB; the child-mount walk gets what"
                    + " is left of the LLC and takes the rest of its children from DRAM", SWEEP);
    public static final Switch NODE_RUNC_NAMESPACE_COPY = onOff("node.runcNamespaceCopy", "true", "false", false,
            "added: each start's runc create copies the node's whole table into the container's new mount namespace (copy_tree"
                    + " under namespace_sem), makes the copy rslave (runc prepareRoot(): do_change_type() over every mount under"
                    + " namespace_sem and mount_lock) and, after pivot_root, detaches the old root (umount_tree under namespace_sem"
                    + " and mount_lock): the table's size in every start; no mountinfo parse since runc 1.2", SWEEP);
    public static final Num NODE_PATH_LOOKUPS = number("node.pathLookupsPerContainerPerSecond", Range.nonNegative(), 0.0, "",
            "added: path walks per running container (mount_lock readers), added to workload.pathLookupsPerCpuPerSecond", SWEEP);

    // ---- workload ----
    public static final Section WORKLOAD = section("workload", "required", "what runs");
    public static final Choice WORKLOAD_KIND = choice("workload.kind", KINDS, KINDS.get(0), "", "workload type", FIXED);
    public static final Int WORKLOAD_CONTAINERS = integer("workload.containers", 1, MAX_CONTAINERS, in(1, MAX_CONTAINERS),
            (long) DEFAULT_CONTAINERS, "", "container-starts: starts", SWEEP);
    public static final Form WORKLOAD_LAYERS = form("workload.layers", "integer in [1, " + MAX_LAYERS + "] | {uniform: [min, max]}",
            DEFAULT_LAYERS + " (trace: -)",
            "container-starts: layers per image; trace: layer count for overlay mounts whose lowerdir strace truncated", SWEEP,
            children -> anyOf(layerCount(), children));
    public static final Form LAYERS_UNIFORM = form("workload.layers.uniform", "[min, max], 1 <= min <= max", "-",
            "layers drawn per start", SWEEP,
            children -> Map.of("type", "array", "items", layerCount(), "minItems", 2, "maxItems", 2));
    public static final Form WORKLOAD_ARRIVAL = form("workload.arrival", "burst | {poisson: {perSecond: X}}", "burst",
            "container-starts: arrival process", SWEEP,
            children -> anyOf(Map.of("const", "burst"), required(children, "poisson")));
    public static final Section ARRIVAL_POISSON = section("workload.arrival.poisson", "-", "Poisson arrivals", SWEEP);
    public static final Num POISSON_PER_SECOND = number("workload.arrival.poisson.perSecond", Range.positive(), null, "required",
            "arrival rate", SWEEP);
    public static final Form WORKLOAD_MAX_CONCURRENT_STARTS = form("workload.maxConcurrentStarts", "integer >= 1 | unlimited",
            "unlimited", "container-starts: concurrency cap", SWEEP,
            children -> anyOf(Map.of("type", "integer", "minimum", 1, "maximum", MAX_CONTAINERS), Map.of("const", "unlimited")));
    public static final Num WORKLOAD_PATH_LOOKUPS = number("workload.pathLookupsPerCpuPerSecond", Range.nonNegative(), 0.0, "",
            "container-starts, trace: background path walks that read mount_lock", SWEEP);
    public static final Num WORKLOAD_HEALTH_CHECK_TIMEOUT = number("workload.healthCheckTimeoutSeconds", Range.positive(),
            DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS, "", "a start slower than this counts as failed", SWEEP);
    public static final Int WORKLOAD_THREADS = integer("workload.threads", 1, 100_000, in(1, 100_000),
            (long) DEFAULT_LOCKBENCH_THREADS, "", "lockbench: spinning threads", SWEEP);
    public static final Num WORKLOAD_CRITICAL_SECTION_NS = number("workload.criticalSectionNs", Range.positive(),
            DEFAULT_CRITICAL_SECTION_NS, "", "lockbench: work under the lock", SWEEP);
    public static final Int WORKLOAD_ITERATIONS = integer("workload.iterationsPerThread", 1, 1_000_000_000L, in(1, 1_000_000_000L),
            DEFAULT_ITERATIONS_PER_THREAD, "", "lockbench: critical sections per thread", SWEEP);
    public static final Text WORKLOAD_FILE = text("workload.file", "path", "required for trace",
            "trace: strace -f -ttt -T log, relative to the scenario file", SWEEP);

    // ---- mitigations ----
    public static final Section MITIGATIONS = section("mitigations", "-", "machine-side mitigations");
    public static final Switch MITIGATIONS_SMT = onOff("mitigations.smt", "on", "off", true, "SMT/HT enabled", SWEEP);
    public static final Form MITIGATIONS_CPUSET = form("mitigations.cpuset", "all | socket:N | node:N | CPU list \"0-23,48-71\"", "all",
            "CPUs the workload may run on", SWEEP,
            children -> Map.of("type", List.of("string", "integer"), "default", "all"));

    // ---- run, sweep, measured ----
    public static final Section RUN = section("run", "-", "experiment settings");
    public static final Int RUN_SEED = integer("run.seed", Long.MIN_VALUE, Long.MAX_VALUE, "an integer", DEFAULT_SEED, "",
            "master seed (--seed overrides)", FIXED);
    public static final Int RUN_REPLICATIONS = integer("run.replications", 1, MAX_REPLICATIONS, in(1, MAX_REPLICATIONS),
            (long) DEFAULT_REPLICATIONS, "", "replications per point (--replications overrides)", FIXED);
    public static final Num RUN_CONFIDENCE = number("run.confidence", Range.openUnit(), DEFAULT_CONFIDENCE, "",
            "confidence level of the half-widths (columns _ci95 at 0.95, _ci80 at 0.8)", FIXED);
    public static final Form SWEEP_KEYS = form("sweep", "mapping of key path -> list of values", "-",
            "every combination is one point; the first key varies slowest", FIXED,
            children -> Map.of("type", "object")); // its properties, one per sweepable key, are JsonSchemaExport's
    public static final Text MEASURED = text("measured", "path", "-",
            "added: CSV of real-kernel measurements (swept keys, then metric columns), relative to the scenario file", FIXED);

    /** Every key, parents before their children, in README order. */
    public static final List<ScenarioKey> ALL = Collections.unmodifiableList(TABLE);

    private ScenarioKeys() {
    }

    // ---- factories: each registers its key in table order ----

    private static <K extends ScenarioKey> K add(K key) {
        TABLE.add(key);
        return key;
    }

    private static Int integer(String path, long min, long max, String expected, Long dflt, String note, String doc, boolean sweep) {
        return add(new Int(path, min, max, expected, dflt, note, doc, sweep));
    }

    private static Num number(String path, Range range, Double dflt, String note, String doc, boolean sweep) {
        return add(new Num(path, range, dflt, note, doc, sweep));
    }

    private static Choice choice(String path, List<String> options, String dflt, String note, String doc, boolean sweep) {
        return add(new Choice(path, options, dflt, note, doc, sweep));
    }

    private static Switch onOff(String path, String on, String off, boolean dflt, String doc, boolean sweep) {
        return add(new Switch(path, on, off, dflt, doc, sweep));
    }

    private static Text text(String path, String expected, String dflt, String doc, boolean sweep) {
        return add(new Text(path, expected, dflt, doc, sweep));
    }

    private static Section section(String path, String dflt, String doc) {
        return section(path, dflt, doc, FIXED);
    }

    /** A mapping a sweep may replace whole ({@code workload.arrival.poisson: [{perSecond: 10}, ...]}). */
    private static Section section(String path, String dflt, String doc, boolean sweep) {
        return add(new Section(path, dflt, doc, sweep));
    }

    private static Form form(String path, String expected, String dflt, String doc, boolean sweep,
                             UnaryOperator<Map<String, Object>> schema) {
        return add(new Form(path, expected, dflt, doc, sweep, schema));
    }

    static String in(long min, long max) {
        return "an integer in [" + min + ", " + max + "]";
    }

    static String atLeast(long min) {
        return "an integer >= " + min;
    }

    private static List<String> enumNames(Interconnect[] values) {
        return Arrays.stream(values).map(Interconnect::yamlName).toList();
    }

    private static Map<String, Object> layerCount() {
        return Map.of("type", "integer", "minimum", 1, "maximum", MAX_LAYERS);
    }

    private static Map<String, Object> anyOf(Map<String, Object> a, Map<String, Object> b) {
        return Map.of("anyOf", List.of(a, b));
    }

    private static Map<String, Object> required(Map<String, Object> object, String... names) {
        LinkedHashMap<String, Object> s = new LinkedHashMap<>(object);
        s.put("required", List.of(names));
        return s;
    }

    // ---- lookups ----

    public static java.util.Optional<ScenarioKey> find(String path) {
        return ALL.stream().filter(k -> k.path().equals(path)).findFirst();
    }
}
