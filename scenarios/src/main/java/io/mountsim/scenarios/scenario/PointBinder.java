package io.mountsim.scenarios.scenario;

import io.mountsim.models.SimulationSpec;
import io.mountsim.models.calibration.HostProfile;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.LayerStoreChildren;
import io.mountsim.models.kernel.SyscallCostsUs;
import io.mountsim.models.mitigation.CpuSet;
import io.mountsim.models.mitigation.CpuSets;
import io.mountsim.models.topology.Topology;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.node.TableWatcherConfig;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.workload.Arrival;
import io.mountsim.models.workload.LayerCount;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.scenario.Values.Range;
import io.mountsim.scenarios.trace.ParsedTrace;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Binds the simulated sections of one point's scenario tree (machine, kernel, runtime,
 * watchers, workload, mitigations) into a {@link SimulationSpec}, and writes each section
 * back with every default filled in. Problems go to the shared collector; a point with
 * problems yields no spec.
 */
final class PointBinder {
    static final List<String> KINDS = List.of("container-starts", "lockbench", "trace");
    private static final Map<String, Set<String>> KIND_KEYS = Map.of(
            "container-starts", Set.of("kind", "containers", "layers", "arrival", "maxConcurrentStarts",
                    "pathLookupsPerCpuPerSecond", "healthCheckTimeoutSeconds"),
            "lockbench", Set.of("kind", "threads", "criticalSectionNs", "iterationsPerThread", "healthCheckTimeoutSeconds"),
            "trace", Set.of("kind", "file", "layers", "pathLookupsPerCpuPerSecond", "healthCheckTimeoutSeconds"));

    /** The study's example node: 100 containers of 50-layer images (netflix-study.md, "What happened"). */
    static final int DEFAULT_CONTAINERS = 100;
    static final int DEFAULT_LAYERS = 50;
    /** containerd assembles the rootfs twice: "both the shim and containerd proper do this" (PR #12092). */
    static final int DEFAULT_PASSES = 2;
    /** The study's health checks timed out after 30 s (netflix-study.md). */
    static final double DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS = 30;
    /** The contract's lockbench example (shared/spec/scenario-format.md): threads: 32, criticalSectionNs: 5, iterationsPerThread: 100000. */
    static final int DEFAULT_LOCKBENCH_THREADS = 32;
    /** global-lock-bench's critical section is one increment: a few ns. */
    static final double DEFAULT_CRITICAL_SECTION_NS = 5;
    static final long DEFAULT_ITERATIONS_PER_THREAD = 100_000;
    /** Limits that keep a typo from asking for a simulation that cannot finish. */
    private static final int MAX_CONTAINERS = 10_000_000;
    private static final int MAX_LAYERS = 500; // overlayfs accepts at most 500 lowerdirs (fs/overlayfs OVL_MAX_STACK)

    private final Values values;
    private final Problems problems;
    private final TraceFiles traces;
    private final ProfileFiles profiles;
    private final NodeBinder nodeBinder;

    PointBinder(Problems problems, TraceFiles traces) {
        this.problems = problems;
        this.values = new Values(problems);
        this.traces = traces;
        this.profiles = new ProfileFiles(traces.baseDir());
        this.nodeBinder = new NodeBinder(values, problems);
    }

    record Bound(SimulationSpec spec, Map<String, Object> resolved) {
    }

    Optional<Bound> bind(YamlValue.Mapping root) {
        int before = problems.size();
        LinkedHashMap<String, Object> resolved = new LinkedHashMap<>();

        MachineSpec machine = null;
        YamlValue machineValue = root.get("machine");
        Section kernelSection = section(root, "kernel");
        Optional<HostProfile> profile = profile(kernelSection);
        if (machineValue == null && profile.isPresent()) {
            // the profile's own machine: the host its costs were measured on
            machine = profile.get().machine();
            resolved.put("machine", map("profile", profile.get().name()));
        } else if (machineValue == null) {
            problems.add(root.location(), "machine", "missing; expected a preset name (see `mountsim machines`) or an inline mapping");
        } else {
            Optional<MachineBinder.Bound> m = new MachineBinder(values).bind(machineValue);
            if (m.isPresent()) {
                machine = m.get().machine();
                resolved.put("machine", m.get().resolved());
            }
        }
        // with a broken machine, still check kernel: against the default machine's profile
        KernelProfile kernel = kernel(kernelSection, machine != null ? machine : MachineBinder.defaults(),
                profile, resolved);
        RuntimeConfig runtime = runtime(section(root, "runtime"), resolved);
        WatcherConfig watchers = watchers(section(root, "watchers"), resolved);
        NodeSpec node = nodeBinder.node(root, resolved);
        WorkloadSpec workload = workload(root, resolved);
        if (workload != null && !workload.runsOnNode() && !node.isIdle()) {
            problems.add(root.get("node").location(), "node",
                    "applies to container-starts and trace workloads; remove it for kind: lockbench");
        }
        Mitigations mitigations = mitigations(section(root, "mitigations"), machine, resolved);

        if (problems.size() > before || machine == null || kernel == null || workload == null) {
            return Optional.empty();
        }
        return Optional.of(new Bound(new SimulationSpec(machine, kernel, runtime, watchers, workload, mitigations, node), resolved));
    }

    /** The section at a top-level key; absent = empty; not a mapping = a problem and empty. */
    private Section section(YamlValue.Mapping root, String key) {
        YamlValue v = root.get(key);
        if (v == null || v instanceof YamlValue.Scalar s && s.isNull()) {
            return Section.empty(key, root);
        }
        return values.mapping(v, key, "a mapping").map(m -> Section.of(m, key, problems)).orElseGet(() -> Section.empty(key, root));
    }

    private Section subsection(Section parent, String key, String expected) {
        YamlValue v = parent.get(key);
        if (v == null) {
            return Section.empty(parent.path(key), parent.mapping());
        }
        return values.mapping(v, parent.path(key), expected).map(m -> Section.of(m, parent.path(key), problems))
                .orElseGet(() -> Section.empty(parent.path(key), parent.mapping()));
    }

    /** The profile file named by kernel.profile, if any (relative to the scenario file). */
    private Optional<HostProfile> profile(Section kernel) {
        if (!kernel.has("profile")) {
            return Optional.empty();
        }
        return values.text(kernel.get("profile"), kernel.path("profile"))
                .flatMap(path -> profiles.load(path, kernel.get("profile"), kernel.path("profile"), problems));
    }

    private KernelProfile kernel(Section kernel, MachineSpec machine, Optional<HostProfile> profile,
                                 Map<String, Object> resolved) {
        KernelProfile base = profile.map(HostProfile::kernel).orElseGet(() -> KernelProfiles.defaultFor(machine));
        SyscallCostsUs d = base.syscallsUs();
        Section s = subsection(kernel, "syscallsUs", "a mapping of call costs in microseconds");
        Section overlay = subsection(s, "overlayMount", "a mapping {base, perLayer}");
        Section mountinfo = subsection(s, "mountinfoRead", "a mapping {base, perMount, perLowerdir}");
        SyscallCostsUs costs = new SyscallCostsUs(
                values.numberOr(s.get("openTree"), s.path("openTree"), Range.positive(), d.openTree()),
                values.numberOr(s.get("mountSetattr"), s.path("mountSetattr"), Range.positive(), d.mountSetattr()),
                values.numberOr(s.get("moveMount"), s.path("moveMount"), Range.positive(), d.moveMount()),
                values.numberOr(overlay.get("base"), overlay.path("base"), Range.positive(), d.overlayMountBase()),
                values.numberOr(overlay.get("perLayer"), overlay.path("perLayer"), Range.nonNegative(), d.overlayMountPerLayer()),
                values.numberOr(s.get("umount"), s.path("umount"), Range.positive(), d.umount()),
                values.numberOr(mountinfo.get("base"), mountinfo.path("base"), Range.positive(), d.mountinfoReadBase()),
                values.numberOr(mountinfo.get("perMount"), mountinfo.path("perMount"), Range.nonNegative(), d.mountinfoReadPerMount()),
                values.numberOr(mountinfo.get("perLowerdir"), mountinfo.path("perLowerdir"), Range.nonNegative(),
                        d.mountinfoReadPerLowerdir()),
                values.numberOr(s.get("childMountCheck"), s.path("childMountCheck"), Range.nonNegative(), d.childMountCheck()));
        LinkedHashMap<String, Object> sys = new LinkedHashMap<>();
        sys.put("openTree", costs.openTree());
        sys.put("mountSetattr", costs.mountSetattr());
        sys.put("moveMount", costs.moveMount());
        sys.put("overlayMount", map("base", costs.overlayMountBase(), "perLayer", costs.overlayMountPerLayer()));
        sys.put("umount", costs.umount());
        sys.put("mountinfoRead", map("base", costs.mountinfoReadBase(), "perMount", costs.mountinfoReadPerMount(),
                "perLowerdir", costs.mountinfoReadPerLowerdir()));
        sys.put("childMountCheck", costs.childMountCheck());
        int baselineMounts = values.intOr(kernel.get("baselineMounts"), kernel.path("baselineMounts"), 0, 10_000_000,
                "an integer >= 0", base.mountTable().baselineMounts());
        KernelProfile.LockShares ds = base.shares();
        Section sh = subsection(kernel, "lockHeldShares", "a mapping of shares in [0, 1]");
        KernelProfile.LockShares shares = new KernelProfile.LockShares(
                values.numberOr(sh.get("openTree"), sh.path("openTree"), Range.unit(), ds.openTree()),
                values.numberOr(sh.get("moveMount"), sh.path("moveMount"), Range.unit(), ds.moveMount()),
                values.numberOr(sh.get("umount"), sh.path("umount"), Range.unit(), ds.umount()),
                values.numberOr(sh.get("overlayPerLayer"), sh.path("overlayPerLayer"), Range.unit(), ds.overlayPerLayer()),
                values.numberOr(sh.get("overlayBase"), sh.path("overlayBase"), Range.unit(), ds.overlayBase()));
        String preemption = base.scheduler().preemptible() ? "full" : "voluntary";
        if (kernel.has("preemption")) {
            preemption = values.choice(kernel.get("preemption"), kernel.path("preemption"), List.of("voluntary", "full"))
                    .orElse(preemption);
        }
        LinkedHashMap<String, Object> kernelResolved = new LinkedHashMap<>();
        profile.ifPresent(p -> kernelResolved.put("profile", kernel.get("profile") instanceof YamlValue.Scalar sc ? sc.text()
                : p.name()));
        kernelResolved.putAll(map("baselineMounts", baselineMounts, "preemption", preemption, "syscallsUs", sys,
                "lockHeldShares", map("openTree", shares.openTree(), "moveMount", shares.moveMount(),
                        "umount", shares.umount(), "overlayPerLayer", shares.overlayPerLayer(),
                        "overlayBase", shares.overlayBase())));
        resolved.put("kernel", kernelResolved);
        // a given unmount latency, measured on this machine, is honoured: its grace period
        // and wakeup scale with it (the profile's own value, as a resolved scenario writes it back, changes nothing)
        KernelProfile withUmount = s.has("umount") && costs.umount() != d.umount()
                ? base.withUmountUs(costs.umount(), machine.hardwareThreads()) : base;
        return withUmount.withSyscallsUs(costs).withBaselineMounts(baselineMounts).withShares(shares)
                .withKernelPreemption("full".equals(preemption));
    }

    private RuntimeConfig runtime(Section s, Map<String, Object> resolved) {
        IdmapMode idmap = IdmapMode.PER_LAYER;
        if (s.has("idmap")) {
            List<String> names = Arrays.stream(IdmapMode.values()).map(IdmapMode::yamlName).toList();
            idmap = values.choice(s.get("idmap"), s.path("idmap"), names).flatMap(IdmapMode::fromYaml).orElse(idmap);
        }
        int passes = values.intOr(s.get("passes"), s.path("passes"), 1, 16, "an integer in [1, 16]", DEFAULT_PASSES);
        boolean introspection = s.has("idmapIntrospectionPass")
                ? values.onOff(s.get("idmapIntrospectionPass"), s.path("idmapIntrospectionPass")).orElse(true) : true;
        LayerStoreChildren layout = LayerStoreChildren.IDMAPPED;
        if (s.has("layerStoreChildren")) {
            List<String> names = Arrays.stream(LayerStoreChildren.values()).map(LayerStoreChildren::key).toList();
            layout = values.choice(s.get("layerStoreChildren"), s.path("layerStoreChildren"), names)
                    .map(v -> LayerStoreChildren.values()[names.indexOf(v)]).orElse(layout);
        }
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("idmap", idmap.yamlName());
        r.put("passes", passes);
        r.put("idmapIntrospectionPass", introspection);
        r.put("layerStoreChildren", layout.key());
        resolved.put("runtime", r);
        return new RuntimeConfig(idmap, passes, introspection, layout);
    }

    private WatcherConfig watchers(Section s, Map<String, Object> resolved) {
        int readers = values.intOr(s.get("mountinfoReaders"), s.path("mountinfoReaders"), 0, 10_000, "an integer >= 0", 0);
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("mountinfoReaders", readers);
        int bufferBytes = values.intOr(s.get("readBufferBytes"), s.path("readBufferBytes"), 256, 1 << 30,
                "an integer >= 256", WatcherConfig.DEFAULT_READ_BUFFER_BYTES);
        r.put("readBufferBytes", bufferBytes);
        Optional<WatcherConfig.RateLimit> limit = Optional.empty();
        if (s.has("rateLimit") && !(s.get("rateLimit") instanceof YamlValue.Scalar sc && sc.isNull())) {
            Section rl = subsection(s, "rateLimit", "a mapping {burst, perSeconds}");
            for (String required : List.of("burst", "perSeconds")) {
                if (!rl.has(required)) {
                    values.error(s.get("rateLimit"), rl.path(required), "missing; a rate limit needs burst and perSeconds");
                }
            }
            int burst = values.intOr(rl.get("burst"), rl.path("burst"), 1, Integer.MAX_VALUE, "an integer >= 1", 5);
            double per = values.numberOr(rl.get("perSeconds"), rl.path("perSeconds"), Range.positive(), 1);
            limit = Optional.of(new WatcherConfig.RateLimit(burst, per));
            r.put("rateLimit", map("burst", burst, "perSeconds", per));
        }
        Optional<Pid1Config> systemd = nodeBinder.systemd(s, r);
        List<TableWatcherConfig> others = nodeBinder.others(s, r);
        resolved.put("watchers", r);
        return new WatcherConfig(readers, limit, bufferBytes, systemd, others);
    }

    private WorkloadSpec workload(YamlValue.Mapping root, Map<String, Object> resolved) {
        if (root.get("workload") == null) {
            problems.add(root.location(), "workload", "missing; expected a mapping with kind: container-starts | lockbench | trace");
            return null;
        }
        Section s = section(root, "workload");
        String kind = "container-starts";
        if (s.has("kind")) {
            Optional<String> k = values.choice(s.get("kind"), s.path("kind"), KINDS);
            if (k.isEmpty()) {
                return null;
            }
            kind = k.get();
        }
        Set<String> allowed = KIND_KEYS.get(kind);
        for (YamlValue.Entry e : s.mapping().entries().values()) {
            if (!allowed.contains(e.key()) && io.mountsim.scenarios.schema.ScenarioSchema.childNames("workload").contains(e.key())) {
                String owner = KINDS.stream().filter(k -> KIND_KEYS.get(k).contains(e.key())).findFirst().orElse("?");
                problems.add(e.keyLocation(), s.path(e.key()), "not a key of kind " + kind + " (it belongs to kind " + owner + ")");
            }
        }
        double timeout = values.numberOr(s.get("healthCheckTimeoutSeconds"), s.path("healthCheckTimeoutSeconds"),
                Range.positive(), DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS);
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind);
        WorkloadSpec spec = switch (kind) {
            case "lockbench" -> lockbench(s, timeout, r);
            case "trace" -> trace(s, timeout, r);
            default -> containerStarts(s, timeout, r);
        };
        r.put("healthCheckTimeoutSeconds", timeout);
        resolved.put("workload", r);
        return spec;
    }

    private WorkloadSpec containerStarts(Section s, double timeout, Map<String, Object> r) {
        int containers = values.intOr(s.get("containers"), s.path("containers"), 1, MAX_CONTAINERS,
                "an integer in [1, " + MAX_CONTAINERS + "]", DEFAULT_CONTAINERS);
        LayerCount layers = s.has("layers") ? layers(s) : new LayerCount.Fixed(DEFAULT_LAYERS);
        Arrival arrival = s.has("arrival") ? arrival(s) : new Arrival.Burst();
        OptionalInt cap = OptionalInt.empty();
        YamlValue capValue = s.get("maxConcurrentStarts");
        if (capValue != null && !(capValue instanceof YamlValue.Scalar sc && "unlimited".equals(sc.text()))) {
            long c = values.integer(capValue, s.path("maxConcurrentStarts"), 1, MAX_CONTAINERS, "an integer >= 1 or unlimited")
                    .orElse(1);
            cap = OptionalInt.of((int) c);
        }
        double lookups = values.numberOr(s.get("pathLookupsPerCpuPerSecond"), s.path("pathLookupsPerCpuPerSecond"), Range.nonNegative(), 0);
        r.put("containers", containers);
        r.put("layers", layers instanceof LayerCount.Uniform u ? map("uniform", List.of(u.min(), u.max())) : ((LayerCount.Fixed) layers).layers());
        r.put("arrival", arrival instanceof Arrival.Poisson p ? map("poisson", map("perSecond", p.perSecond())) : "burst");
        r.put("maxConcurrentStarts", cap.isPresent() ? (Object) cap.getAsInt() : "unlimited");
        r.put("pathLookupsPerCpuPerSecond", lookups);
        return new WorkloadSpec.ContainerStarts(containers, layers, arrival, cap, lookups, timeout);
    }

    private LayerCount layers(Section s) {
        YamlValue v = s.get("layers");
        String path = s.path("layers");
        String expected = "an integer in [1, " + MAX_LAYERS + "] or {uniform: [min, max]}";
        if (v instanceof YamlValue.Scalar) {
            return new LayerCount.Fixed(values.intOr(v, path, 1, MAX_LAYERS, expected, DEFAULT_LAYERS));
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, path, expected);
        if (m.isEmpty()) {
            return new LayerCount.Fixed(DEFAULT_LAYERS);
        }
        Section u = Section.of(m.get(), path, problems);
        YamlValue range = u.get("uniform");
        if (range == null) {
            values.error(v, path, "expected " + expected);
            return new LayerCount.Fixed(DEFAULT_LAYERS);
        }
        if (!(range instanceof YamlValue.Sequence q) || q.items().size() != 2) {
            values.error(range, u.path("uniform"), "expected a list of two layer counts [min, max], got " + Values.describe(range));
            return new LayerCount.Fixed(DEFAULT_LAYERS);
        }
        int min = values.intOr(q.items().get(0), u.path("uniform") + "[0]", 1, MAX_LAYERS, "an integer in [1, " + MAX_LAYERS + "]", 1);
        int max = values.intOr(q.items().get(1), u.path("uniform") + "[1]", 1, MAX_LAYERS, "an integer in [1, " + MAX_LAYERS + "]", min);
        if (min > max) {
            values.error(range, u.path("uniform"), "expected min <= max, got [" + min + ", " + max + "]");
            return new LayerCount.Fixed(min);
        }
        return new LayerCount.Uniform(min, max);
    }

    private Arrival arrival(Section s) {
        YamlValue v = s.get("arrival");
        String path = s.path("arrival");
        String expected = "burst or {poisson: {perSecond: X}}";
        if (v instanceof YamlValue.Scalar) {
            values.choice(v, path, List.of("burst"));
            return new Arrival.Burst();
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, path, expected);
        if (m.isEmpty()) {
            return new Arrival.Burst();
        }
        Section a = Section.of(m.get(), path, problems);
        if (!a.has("poisson")) {
            values.error(v, path, "expected " + expected);
            return new Arrival.Burst();
        }
        Section p = subsection(a, "poisson", "a mapping {perSecond: X}");
        if (!p.has("perSecond")) {
            values.error(a.get("poisson"), p.path("perSecond"), "missing; expected the arrival rate, a number > 0");
            return new Arrival.Burst();
        }
        return new Arrival.Poisson(values.numberOr(p.get("perSecond"), p.path("perSecond"), Range.positive(), 1));
    }

    private WorkloadSpec lockbench(Section s, double timeout, Map<String, Object> r) {
        int threads = values.intOr(s.get("threads"), s.path("threads"), 1, 100_000, "an integer in [1, 100000]", DEFAULT_LOCKBENCH_THREADS);
        double csNs = values.numberOr(s.get("criticalSectionNs"), s.path("criticalSectionNs"), Range.positive(), DEFAULT_CRITICAL_SECTION_NS);
        long iterations = s.has("iterationsPerThread")
                ? values.integer(s.get("iterationsPerThread"), s.path("iterationsPerThread"), 1, 1_000_000_000L,
                "an integer in [1, 1000000000]").orElse(DEFAULT_ITERATIONS_PER_THREAD)
                : DEFAULT_ITERATIONS_PER_THREAD;
        r.put("threads", threads);
        r.put("criticalSectionNs", csNs);
        r.put("iterationsPerThread", iterations);
        return new WorkloadSpec.LockBench(threads, csNs, iterations, timeout);
    }

    private WorkloadSpec trace(Section s, double timeout, Map<String, Object> r) {
        OptionalInt fallback = OptionalInt.empty();
        if (s.has("layers")) {
            OptionalLong l = values.integer(s.get("layers"), s.path("layers"), 1, MAX_LAYERS,
                    "an integer in [1, " + MAX_LAYERS + "] (the layer count of overlay mounts whose lowerdir strace truncated)");
            if (l.isPresent()) {
                fallback = OptionalInt.of((int) l.getAsLong());
            }
        }
        double lookups = values.numberOr(s.get("pathLookupsPerCpuPerSecond"), s.path("pathLookupsPerCpuPerSecond"), Range.nonNegative(), 0);
        if (!s.has("file")) {
            values.error(s.mapping(), s.path("file"), "missing; a trace workload needs file: the strace -f -ttt -T log to replay");
            return null;
        }
        Optional<String> file = values.text(s.get("file"), s.path("file"));
        if (file.isEmpty()) {
            return null;
        }
        r.put("file", file.get());
        if (fallback.isPresent()) {
            r.put("layers", fallback.getAsInt());
        }
        r.put("pathLookupsPerCpuPerSecond", lookups);
        Optional<ParsedTrace> parsed = traces.load(file.get(), s.get("file"), s.path("file"), fallback, problems);
        return parsed.map(p -> (WorkloadSpec) p.toWorkload(lookups, timeout)).orElse(null);
    }

    private Mitigations mitigations(Section s, MachineSpec machine, Map<String, Object> resolved) {
        boolean smt = s.has("smt") ? values.onOff(s.get("smt"), s.path("smt")).orElse(true) : true;
        CpuSet cpuset = new CpuSet.All();
        if (s.has("cpuset")) {
            YamlValue v = s.get("cpuset");
            Optional<String> text = values.scalar(v, s.path("cpuset"), "all, socket:N, node:N or a CPU list like \"0-23,48-71\"");
            if (text.isPresent()) {
                try {
                    cpuset = CpuSets.parse(text.get());
                    if (machine != null && Topology.problems(machine).isEmpty()) {
                        Topology topology = Topology.of(machine, smt);
                        CpuSets.problems(cpuset, topology).forEach(p -> values.error(v, s.path("cpuset"), p));
                    }
                } catch (IllegalArgumentException e) {
                    values.error(v, s.path("cpuset"), e.getMessage());
                }
            }
        }
        resolved.put("mitigations", map("smt", smt ? "on" : "off", "cpuset", CpuSets.text(cpuset)));
        return new Mitigations(smt, cpuset);
    }

    static Map<String, Object> map(Object... keyValues) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
