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
import io.mountsim.scenarios.schema.Resolved;
import io.mountsim.scenarios.schema.ScenarioKey;
import io.mountsim.scenarios.schema.ScenarioKeys;
import io.mountsim.scenarios.trace.ParsedTrace;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static io.mountsim.scenarios.schema.ScenarioKeys.*;

/**
 * Binds the simulated sections of one point's scenario tree (machine, kernel, runtime,
 * watchers, workload, mitigations) into a {@link SimulationSpec}, and writes each section
 * back with every default filled in. Every key is read and written through its entry in
 * {@link ScenarioKeys}. Problems go to the shared collector; a point with problems yields
 * no spec.
 */
final class PointBinder {
    /** Which workload keys each kind reads (kind and the timeout are common). */
    private static final Map<String, List<ScenarioKey>> KIND_KEYS = Map.of(
            "container-starts", List.of(WORKLOAD_KIND, WORKLOAD_CONTAINERS, WORKLOAD_LAYERS, WORKLOAD_ARRIVAL,
                    WORKLOAD_MAX_CONCURRENT_STARTS, WORKLOAD_PATH_LOOKUPS, WORKLOAD_HEALTH_CHECK_TIMEOUT),
            "lockbench", List.of(WORKLOAD_KIND, WORKLOAD_THREADS, WORKLOAD_CRITICAL_SECTION_NS, WORKLOAD_ITERATIONS,
                    WORKLOAD_HEALTH_CHECK_TIMEOUT),
            "trace", List.of(WORKLOAD_KIND, WORKLOAD_FILE, WORKLOAD_LAYERS, WORKLOAD_PATH_LOOKUPS,
                    WORKLOAD_HEALTH_CHECK_TIMEOUT));

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
        Resolved resolved = new Resolved();

        MachineSpec machine = null;
        YamlValue machineValue = root.get(MACHINE.name());
        Section kernelSection = section(root, KERNEL);
        Optional<HostProfile> profile = profile(kernelSection);
        if (machineValue == null && profile.isPresent()) {
            // the profile's own machine: the host its costs were measured on, written out in
            // full so the resolved copy shows the machine simulated and stays a valid scenario
            machine = profile.get().machine();
            resolved.put(MACHINE, MachineBinder.resolved(machine, null));
        } else if (machineValue == null) {
            problems.add(root.location(), MACHINE.path(), "missing; expected a preset name (see `mountsim machines`) or an inline mapping");
        } else {
            Optional<MachineBinder.Bound> m = new MachineBinder(values).bind(machineValue);
            if (m.isPresent()) {
                machine = m.get().machine();
                resolved.put(MACHINE, m.get().resolved());
            }
        }
        // with a broken machine, still check kernel: against the default machine's profile
        KernelProfile kernel = kernel(kernelSection, machine != null ? machine : MachineBinder.defaults(),
                profile, resolved);
        RuntimeConfig runtime = runtime(section(root, RUNTIME), resolved);
        WatcherConfig watchers = watchers(section(root, WATCHERS), resolved);
        NodeSpec node = nodeBinder.node(root, resolved);
        WorkloadSpec workload = workload(root, resolved);
        if (workload instanceof WorkloadSpec.LockBench && !node.isIdle()) {
            problems.add(root.get(NODE.name()).location(), NODE.path(),
                    "applies to container-starts and trace workloads; remove it for kind: lockbench");
        }
        Mitigations mitigations = mitigations(section(root, MITIGATIONS), machine, resolved);

        if (problems.size() > before || machine == null || kernel == null || workload == null) {
            return Optional.empty();
        }
        return Optional.of(new Bound(new SimulationSpec(machine, kernel, runtime, watchers, workload, mitigations, node),
                resolved.tree()));
    }

    /** The section at a top-level key; absent = empty; not a mapping = a problem and empty. */
    private Section section(YamlValue.Mapping root, ScenarioKey key) {
        YamlValue v = root.get(key.name());
        if (v == null || v instanceof YamlValue.Scalar s && s.isNull()) {
            return Section.empty(key.path(), root);
        }
        return values.mapping(v, key.path(), "a mapping").map(m -> Section.of(m, key.path(), problems))
                .orElseGet(() -> Section.empty(key.path(), root));
    }

    /** The mapping at {@code key} inside {@code parent}; absent = empty. */
    Section subsection(Section parent, ScenarioKey key, String expected) {
        return subsection(values, problems, parent, key, expected);
    }

    static Section subsection(Values values, Problems problems, Section parent, ScenarioKey key, String expected) {
        YamlValue v = parent.get(key.name());
        if (v == null) {
            return Section.empty(key.path(), parent.mapping());
        }
        return values.mapping(v, key.path(), expected).map(m -> Section.of(m, key.path(), problems))
                .orElseGet(() -> Section.empty(key.path(), parent.mapping()));
    }

    /** The profile file named by kernel.profile, if any (relative to the scenario file). */
    private Optional<HostProfile> profile(Section kernel) {
        return values.read(kernel, KERNEL_PROFILE)
                .flatMap(path -> profiles.load(path, kernel.get(KERNEL_PROFILE.name()), KERNEL_PROFILE.path(), problems));
    }

    private KernelProfile kernel(Section kernel, MachineSpec machine, Optional<HostProfile> profile, Resolved resolved) {
        KernelProfile base = profile.map(HostProfile::kernel).orElseGet(() -> KernelProfiles.defaultFor(machine));
        SyscallCostsUs d = base.syscallsUs();
        Section s = subsection(kernel, SYSCALLS_US, "a mapping of call costs in microseconds");
        Section overlay = subsection(s, OVERLAY_MOUNT, "a mapping {base, perLayer}");
        Section mountinfo = subsection(s, MOUNTINFO_READ, "a mapping {base, perMount, perLowerdir}");
        SyscallCostsUs costs = new SyscallCostsUs(
                values.read(s, SYSCALL_OPEN_TREE, d.openTree()),
                values.read(s, SYSCALL_MOUNT_SETATTR, d.mountSetattr()),
                values.read(s, SYSCALL_MOVE_MOUNT, d.moveMount()),
                values.read(overlay, OVERLAY_MOUNT_BASE, d.overlayMountBase()),
                values.read(overlay, OVERLAY_MOUNT_PER_LAYER, d.overlayMountPerLayer()),
                values.read(s, SYSCALL_UMOUNT, d.umount()),
                values.read(mountinfo, MOUNTINFO_READ_BASE, d.mountinfoReadBase()),
                values.read(mountinfo, MOUNTINFO_READ_PER_MOUNT, d.mountinfoReadPerMount()),
                values.read(mountinfo, MOUNTINFO_READ_PER_LOWERDIR, d.mountinfoReadPerLowerdir()),
                values.read(s, SYSCALL_CHILD_MOUNT_CHECK, d.childMountCheck()));
        int baselineMounts = values.read(kernel, KERNEL_BASELINE_MOUNTS, base.mountTable().baselineMounts());
        KernelProfile.LockShares ds = base.shares();
        Section sh = subsection(kernel, LOCK_HELD_SHARES, "a mapping of shares in [0, 1]");
        KernelProfile.LockShares shares = new KernelProfile.LockShares(
                values.read(sh, SHARE_OPEN_TREE, ds.openTree()),
                values.read(sh, SHARE_MOVE_MOUNT, ds.moveMount()),
                values.read(sh, SHARE_UMOUNT, ds.umount()),
                values.read(sh, SHARE_OVERLAY_PER_LAYER, ds.overlayPerLayer()),
                values.read(sh, SHARE_OVERLAY_BASE, ds.overlayBase()));
        String preemption = values.read(kernel, KERNEL_PREEMPTION, base.scheduler().preemptible() ? "full" : "voluntary");

        profile.ifPresent(p -> resolved.put(KERNEL_PROFILE,
                kernel.get(KERNEL_PROFILE.name()) instanceof YamlValue.Scalar sc ? sc.text() : p.name()));
        resolved.put(KERNEL_BASELINE_MOUNTS, baselineMounts)
                .put(KERNEL_PREEMPTION, preemption)
                .put(SYSCALL_OPEN_TREE, costs.openTree())
                .put(SYSCALL_MOUNT_SETATTR, costs.mountSetattr())
                .put(SYSCALL_MOVE_MOUNT, costs.moveMount())
                .put(OVERLAY_MOUNT_BASE, costs.overlayMountBase())
                .put(OVERLAY_MOUNT_PER_LAYER, costs.overlayMountPerLayer())
                .put(SYSCALL_UMOUNT, costs.umount())
                .put(MOUNTINFO_READ_BASE, costs.mountinfoReadBase())
                .put(MOUNTINFO_READ_PER_MOUNT, costs.mountinfoReadPerMount())
                .put(MOUNTINFO_READ_PER_LOWERDIR, costs.mountinfoReadPerLowerdir())
                .put(SYSCALL_CHILD_MOUNT_CHECK, costs.childMountCheck())
                .put(SHARE_OPEN_TREE, shares.openTree())
                .put(SHARE_MOVE_MOUNT, shares.moveMount())
                .put(SHARE_UMOUNT, shares.umount())
                .put(SHARE_OVERLAY_PER_LAYER, shares.overlayPerLayer())
                .put(SHARE_OVERLAY_BASE, shares.overlayBase());
        // a given unmount latency, measured on this machine, is honoured: its grace period
        // and wakeup scale with it (the profile's own value, as a resolved scenario writes it back, changes nothing)
        KernelProfile withUmount = s.has(SYSCALL_UMOUNT.name()) && costs.umount() != d.umount()
                ? base.withUmountUs(costs.umount(), machine.hardwareThreads()) : base;
        return withUmount.withSyscallsUs(costs).withBaselineMounts(baselineMounts).withShares(shares)
                .withKernelPreemption("full".equals(preemption));
    }

    private RuntimeConfig runtime(Section s, Resolved resolved) {
        IdmapMode idmap = IdmapMode.fromYaml(values.read(s, RUNTIME_IDMAP)).orElseThrow();
        int passes = values.read(s, RUNTIME_PASSES);
        boolean introspection = values.read(s, RUNTIME_INTROSPECTION_PASS);
        String layoutKey = values.read(s, RUNTIME_LAYER_STORE_CHILDREN);
        LayerStoreChildren layout = Arrays.stream(LayerStoreChildren.values()).filter(l -> l.key().equals(layoutKey))
                .findFirst().orElseThrow();
        resolved.put(RUNTIME_IDMAP, idmap.yamlName())
                .put(RUNTIME_PASSES, passes)
                .put(RUNTIME_INTROSPECTION_PASS, introspection)
                .put(RUNTIME_LAYER_STORE_CHILDREN, layout.key());
        return new RuntimeConfig(idmap, passes, introspection, layout);
    }

    private WatcherConfig watchers(Section s, Resolved resolved) {
        int readers = values.read(s, WATCHERS_MOUNTINFO_READERS);
        resolved.put(WATCHERS_MOUNTINFO_READERS, readers);
        int bufferBytes = values.read(s, WATCHERS_READ_BUFFER_BYTES);
        resolved.put(WATCHERS_READ_BUFFER_BYTES, bufferBytes);
        Optional<WatcherConfig.RateLimit> limit = Optional.empty();
        YamlValue limitValue = s.get(WATCHERS_RATE_LIMIT.name());
        if (limitValue != null && !(limitValue instanceof YamlValue.Scalar sc && sc.isNull())) {
            Section rl = subsection(s, WATCHERS_RATE_LIMIT, "a mapping {burst, perSeconds}");
            for (ScenarioKey required : List.of(RATE_LIMIT_BURST, RATE_LIMIT_PER_SECONDS)) {
                if (!rl.has(required.name())) {
                    values.error(limitValue, required.path(), "missing; a rate limit needs burst and perSeconds");
                }
            }
            // the fallbacks only keep binding going after a reported problem
            int burst = values.read(rl, RATE_LIMIT_BURST, 5);
            double per = values.read(rl, RATE_LIMIT_PER_SECONDS, 1);
            limit = Optional.of(new WatcherConfig.RateLimit(burst, per));
            resolved.put(RATE_LIMIT_BURST, burst).put(RATE_LIMIT_PER_SECONDS, per);
        }
        Optional<Pid1Config> systemd = nodeBinder.systemd(s, resolved);
        List<TableWatcherConfig> others = nodeBinder.others(s, resolved);
        return new WatcherConfig(readers, limit, bufferBytes, systemd, others);
    }

    private WorkloadSpec workload(YamlValue.Mapping root, Resolved resolved) {
        if (root.get(WORKLOAD.name()) == null) {
            problems.add(root.location(), WORKLOAD.path(), "missing; expected a mapping with kind: container-starts | lockbench | trace");
            return null;
        }
        Section s = section(root, WORKLOAD);
        String kind = WORKLOAD_KIND.defaultValue();
        if (s.has(WORKLOAD_KIND.name())) {
            Optional<String> k = values.choice(s.get(WORKLOAD_KIND.name()), WORKLOAD_KIND.path(), KINDS);
            if (k.isEmpty()) {
                return null;
            }
            kind = k.get();
        }
        List<ScenarioKey> allowed = KIND_KEYS.get(kind);
        for (YamlValue.Entry e : s.mapping().entries().values()) {
            Optional<ScenarioKey> key = ScenarioKeys.find(s.path(e.key()));
            if (key.isPresent() && !allowed.contains(key.get())) {
                String owner = KINDS.stream().filter(k -> KIND_KEYS.get(k).contains(key.get())).findFirst().orElse("?");
                problems.add(e.keyLocation(), s.path(e.key()), "not a key of kind " + kind + " (it belongs to kind " + owner + ")");
            }
        }
        double timeout = values.read(s, WORKLOAD_HEALTH_CHECK_TIMEOUT);
        resolved.put(WORKLOAD_KIND, kind);
        WorkloadSpec spec = switch (kind) {
            case "lockbench" -> lockbench(s, timeout, resolved);
            case "trace" -> trace(s, timeout, resolved);
            default -> containerStarts(s, timeout, resolved);
        };
        resolved.put(WORKLOAD_HEALTH_CHECK_TIMEOUT, timeout);
        return spec;
    }

    private WorkloadSpec containerStarts(Section s, double timeout, Resolved resolved) {
        int containers = values.read(s, WORKLOAD_CONTAINERS);
        LayerCount layers = s.has(WORKLOAD_LAYERS.name()) ? layers(s) : new LayerCount.Fixed(DEFAULT_LAYERS);
        Arrival arrival = s.has(WORKLOAD_ARRIVAL.name()) ? arrival(s) : new Arrival.Burst();
        OptionalInt cap = OptionalInt.empty();
        YamlValue capValue = s.get(WORKLOAD_MAX_CONCURRENT_STARTS.name());
        if (capValue != null && !(capValue instanceof YamlValue.Scalar sc && "unlimited".equals(sc.text()))) {
            long c = values.integer(capValue, WORKLOAD_MAX_CONCURRENT_STARTS.path(), 1, MAX_CONTAINERS,
                    "an integer >= 1 or unlimited").orElse(1);
            cap = OptionalInt.of((int) c);
        }
        double lookups = values.read(s, WORKLOAD_PATH_LOOKUPS);
        resolved.put(WORKLOAD_CONTAINERS, containers)
                .put(WORKLOAD_LAYERS, layers instanceof LayerCount.Uniform u
                        ? map(LAYERS_UNIFORM.name(), List.of(u.min(), u.max())) : ((LayerCount.Fixed) layers).layers())
                .put(WORKLOAD_ARRIVAL, arrival instanceof Arrival.Poisson p
                        ? map(ARRIVAL_POISSON.name(), map(POISSON_PER_SECOND.name(), p.perSecond())) : "burst")
                .put(WORKLOAD_MAX_CONCURRENT_STARTS, cap.isPresent() ? (Object) cap.getAsInt() : "unlimited")
                .put(WORKLOAD_PATH_LOOKUPS, lookups);
        return new WorkloadSpec.ContainerStarts(containers, layers, arrival, cap, lookups, timeout);
    }

    private LayerCount layers(Section s) {
        YamlValue v = s.get(WORKLOAD_LAYERS.name());
        String path = WORKLOAD_LAYERS.path();
        String expected = "an " + WORKLOAD_LAYERS.expected().replace(" | ", " or ");
        String one = "an integer in [1, " + MAX_LAYERS + "]";
        if (v instanceof YamlValue.Scalar) {
            return new LayerCount.Fixed(values.intOr(v, path, 1, MAX_LAYERS, expected, DEFAULT_LAYERS));
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, path, expected);
        if (m.isEmpty()) {
            return new LayerCount.Fixed(DEFAULT_LAYERS);
        }
        Section u = Section.of(m.get(), path, problems);
        YamlValue range = u.get(LAYERS_UNIFORM.name());
        String uniform = LAYERS_UNIFORM.path();
        if (range == null) {
            values.error(v, path, "expected " + expected);
            return new LayerCount.Fixed(DEFAULT_LAYERS);
        }
        if (!(range instanceof YamlValue.Sequence q) || q.items().size() != 2) {
            values.error(range, uniform, "expected a list of two layer counts [min, max], got " + Values.describe(range));
            return new LayerCount.Fixed(DEFAULT_LAYERS);
        }
        int min = values.intOr(q.items().get(0), uniform + "[0]", 1, MAX_LAYERS, one, 1);
        int max = values.intOr(q.items().get(1), uniform + "[1]", 1, MAX_LAYERS, one, min);
        if (min > max) {
            values.error(range, uniform, "expected min <= max, got [" + min + ", " + max + "]");
            return new LayerCount.Fixed(min);
        }
        return new LayerCount.Uniform(min, max);
    }

    private Arrival arrival(Section s) {
        YamlValue v = s.get(WORKLOAD_ARRIVAL.name());
        String path = WORKLOAD_ARRIVAL.path();
        String expected = WORKLOAD_ARRIVAL.expected().replace(" | ", " or ");
        if (v instanceof YamlValue.Scalar) {
            values.choice(v, path, List.of("burst"));
            return new Arrival.Burst();
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, path, expected);
        if (m.isEmpty()) {
            return new Arrival.Burst();
        }
        Section a = Section.of(m.get(), path, problems);
        if (!a.has(ARRIVAL_POISSON.name())) {
            values.error(v, path, "expected " + expected);
            return new Arrival.Burst();
        }
        Section p = subsection(a, ARRIVAL_POISSON, "a mapping {perSecond: X}");
        if (!p.has(POISSON_PER_SECOND.name())) {
            values.error(a.get(ARRIVAL_POISSON.name()), POISSON_PER_SECOND.path(), "missing; expected the arrival rate, a number > 0");
            return new Arrival.Burst();
        }
        return new Arrival.Poisson(values.read(p, POISSON_PER_SECOND, 1));
    }

    private WorkloadSpec lockbench(Section s, double timeout, Resolved resolved) {
        int threads = values.read(s, WORKLOAD_THREADS);
        double csNs = values.read(s, WORKLOAD_CRITICAL_SECTION_NS);
        long iterations = values.readLong(s, WORKLOAD_ITERATIONS, WORKLOAD_ITERATIONS.requireDefault());
        resolved.put(WORKLOAD_THREADS, threads)
                .put(WORKLOAD_CRITICAL_SECTION_NS, csNs)
                .put(WORKLOAD_ITERATIONS, iterations);
        return new WorkloadSpec.LockBench(threads, csNs, iterations, timeout);
    }

    private WorkloadSpec trace(Section s, double timeout, Resolved resolved) {
        OptionalInt fallback = OptionalInt.empty();
        if (s.has(WORKLOAD_LAYERS.name())) {
            OptionalLong l = values.integer(s.get(WORKLOAD_LAYERS.name()), WORKLOAD_LAYERS.path(), 1, MAX_LAYERS,
                    "an integer in [1, " + MAX_LAYERS + "] (the layer count of overlay mounts whose lowerdir strace truncated)");
            if (l.isPresent()) {
                fallback = OptionalInt.of((int) l.getAsLong());
            }
        }
        double lookups = values.read(s, WORKLOAD_PATH_LOOKUPS);
        if (!s.has(WORKLOAD_FILE.name())) {
            values.error(s.mapping(), WORKLOAD_FILE.path(), "missing; a trace workload needs file: the strace -f -ttt -T log to replay");
            return null;
        }
        Optional<String> file = values.read(s, WORKLOAD_FILE);
        if (file.isEmpty()) {
            return null;
        }
        resolved.put(WORKLOAD_FILE, file.get());
        if (fallback.isPresent()) {
            resolved.put(WORKLOAD_LAYERS, fallback.getAsInt());
        }
        resolved.put(WORKLOAD_PATH_LOOKUPS, lookups);
        Optional<ParsedTrace> parsed = traces.load(file.get(), s.get(WORKLOAD_FILE.name()), WORKLOAD_FILE.path(), fallback, problems);
        return parsed.map(p -> (WorkloadSpec) p.toWorkload(lookups, timeout)).orElse(null);
    }

    private Mitigations mitigations(Section s, MachineSpec machine, Resolved resolved) {
        boolean smt = values.read(s, MITIGATIONS_SMT);
        CpuSet cpuset = new CpuSet.All();
        YamlValue v = s.get(MITIGATIONS_CPUSET.name());
        String path = MITIGATIONS_CPUSET.path();
        if (v != null) {
            Optional<String> text = values.scalar(v, path, "all, socket:N, node:N or a CPU list like \"0-23,48-71\"");
            if (text.isPresent()) {
                try {
                    cpuset = CpuSets.parse(text.get());
                    if (machine != null && Topology.problems(machine).isEmpty()) {
                        Topology topology = Topology.of(machine, new Mitigations(smt, new CpuSet.All()));
                        CpuSets.problems(cpuset, topology).forEach(p -> values.error(v, path, p));
                    }
                } catch (IllegalArgumentException e) {
                    values.error(v, path, e.getMessage());
                }
            }
        }
        resolved.put(MITIGATIONS_SMT, smt ? "on" : "off").put(MITIGATIONS_CPUSET, CpuSets.text(cpuset));
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
