package io.mountsim.scenarios.scenario;

import io.mountsim.models.topology.CoreToCoreNs;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.MemoryHierarchy;
import io.mountsim.models.topology.Topology;
import io.mountsim.scenarios.scenario.Values.Range;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code machine:}: a preset name, or an inline mapping (optionally starting from
 * {@code preset:}). Cost fields an inline machine leaves out come from the
 * m7i.metal-24xl preset when it is available, else from the constants below.
 */
final class MachineBinder {
    /** Default core-to-core latencies (kernel-mount-locking.md section 6, mesh Xeon: 7.6-8.1 / 47-51 / 108-134 ns). */
    static final CoreToCoreNs DEFAULT_CORE_TO_CORE_NS = new CoreToCoreNs(8, 50, 50, 130);
    /** [est] extra handoff per spinner on a mesh home agent; only used when no preset can supply it. */
    static final double DEFAULT_PER_SPINNER_HANDOFF_NS = 3;
    /** [est] Netflix: HT off on m7i improved launch latency 20-30%, i.e. a busy sibling costs about 1.25x. */
    static final double DEFAULT_SMT_SLOWDOWN = 1.25;
    /** Intel optimization manual: PAUSE is about 140 cycles from Skylake on; at ~3.2 GHz about 43 ns. */
    static final double DEFAULT_PAUSE_NS = 43;
    /** The preset whose costs fill an inline machine's gaps (the task's choice of a modern mesh part). */
    static final String DEFAULTS_PRESET = "m7i.metal-24xl";

    private static final int MAX_SOCKETS = 64;
    private static final int MAX_CORES_PER_SOCKET = 1024;
    private static final int MAX_THREADS_PER_CORE = 2;

    private final Values values;

    MachineBinder(Values values) {
        this.values = values;
    }

    record Bound(MachineSpec machine, Map<String, Object> resolved) {
    }

    Optional<Bound> bind(YamlValue v) {
        if (v instanceof YamlValue.Scalar) {
            Optional<String> name = values.scalar(v, "machine", "a preset name or a mapping");
            return name.flatMap(n -> preset(v, "machine", n)).map(p -> new Bound(p, resolved(p, p.name())));
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, "machine", "a preset name or a mapping");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Section s = Section.of(m.get(), "machine", values.problems());
        MachineSpec base = null;
        String presetName = null;
        if (s.has("preset")) {
            Optional<String> name = values.scalar(s.get("preset"), s.path("preset"), "a preset name");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Optional<MachineSpec> p = preset(s.get("preset"), s.path("preset"), name.get());
            if (p.isEmpty()) {
                return Optional.empty();
            }
            base = p.get();
            presetName = base.name();
        } else {
            for (String required : List.of("sockets", "coresPerSocket")) {
                if (!s.has(required)) {
                    values.error(v, s.path(required), "missing; an inline machine needs sockets and coresPerSocket"
                            + " (or preset: NAME to start from a preset)");
                }
            }
        }
        // shape defaults of an inline machine are the schema's (1 thread, 1 LLC, 1 node, mesh);
        // only its hardware costs come from the defaults preset
        MachineSpec costs = defaults();
        MachineSpec d = base != null ? base : new MachineSpec("inline", 1, 1, 1, 1, 1, Interconnect.MESH,
                costs.coreToCoreNs(), costs.perSpinnerHandoffNs(), costs.smtSlowdown(), costs.pauseNs(), "inline");
        int sockets = values.intOr(s.get("sockets"), s.path("sockets"), 1, MAX_SOCKETS, "an integer in [1, " + MAX_SOCKETS + "]", d.sockets());
        int cores = values.intOr(s.get("coresPerSocket"), s.path("coresPerSocket"), 1, MAX_CORES_PER_SOCKET,
                "an integer in [1, " + MAX_CORES_PER_SOCKET + "]", d.coresPerSocket());
        int threads = values.intOr(s.get("threadsPerCore"), s.path("threadsPerCore"), 1, MAX_THREADS_PER_CORE,
                "an integer in [1, " + MAX_THREADS_PER_CORE + "] (2 = SMT/HT)", d.threadsPerCore());
        int llc = values.intOr(s.get("llcDomainsPerSocket"), s.path("llcDomainsPerSocket"), 1, MAX_CORES_PER_SOCKET,
                "an integer >= 1", Math.min(d.llcDomainsPerSocket(), cores));
        if (s.has("llcDomainsPerSocket") && llc > 0 && cores % llc != 0) {
            values.error(s.get("llcDomainsPerSocket"), s.path("llcDomainsPerSocket"),
                    "expected a divisor of coresPerSocket (" + cores + "), got " + llc);
        }
        int numa = values.intOr(s.get("numaNodesPerSocket"), s.path("numaNodesPerSocket"), 1, MAX_CORES_PER_SOCKET,
                "an integer >= 1", Math.min(d.numaNodesPerSocket(), cores));
        if (s.has("numaNodesPerSocket") && numa > cores) {
            values.error(s.get("numaNodesPerSocket"), s.path("numaNodesPerSocket"),
                    "expected at most coresPerSocket (" + cores + ") NUMA nodes per socket, got " + numa);
        }
        Interconnect interconnect = d.interconnect();
        if (s.has("interconnect")) {
            interconnect = values.choice(s.get("interconnect"), s.path("interconnect"), List.of("mesh", "chiplet"))
                    .map(c -> Interconnect.valueOf(c.toUpperCase(java.util.Locale.ROOT))).orElse(interconnect);
        }
        CoreToCoreNs c2c = coreToCore(s, d.coreToCoreNs());
        double perSpinner = values.numberOr(s.get("perSpinnerHandoffNs"), s.path("perSpinnerHandoffNs"), Range.nonNegative(), d.perSpinnerHandoffNs());
        double smtSlowdown = values.numberOr(s.get("smtSlowdown"), s.path("smtSlowdown"), Range.atLeast(1), d.smtSlowdown());
        double pauseNs = values.numberOr(s.get("pauseNs"), s.path("pauseNs"), Range.positive(), d.pauseNs());
        double spinningSlowdown = values.numberOr(s.get("spinningSiblingSlowdown"), s.path("spinningSiblingSlowdown"),
                Range.atLeast(1), d.spinningSiblingSlowdown());
        MemoryHierarchy memory = memory(s, d.memory());
        String source = s.has("source") ? values.text(s.get("source"), s.path("source")).orElse("inline")
                : base != null ? base.source() : "inline";
        // unless given, a preset's spinning-sibling slowdown and memory hierarchy stay with it;
        // an inline machine gets the calibration host's, where both were measured
        MachineSpec spec = new MachineSpec(presetName == null ? "inline" : presetName, sockets, cores, threads, llc, numa,
                interconnect, c2c, perSpinner, smtSlowdown, pauseNs, source)
                .withHardware(spinningSlowdown, memory);
        if (base != null && !spec.equals(base)) {
            spec = new MachineSpec(presetName + " (modified)", sockets, cores, threads, llc, numa, interconnect, c2c,
                    perSpinner, smtSlowdown, pauseNs, source).withHardware(spinningSlowdown, memory);
        }
        // the topology's own consistency rules (e.g. a NUMA node holds whole LLC domains)
        for (String problem : Topology.problems(spec)) {
            values.error(v, "machine", problem);
        }
        return Optional.of(new Bound(spec, resolved(spec, presetName)));
    }

    private MemoryHierarchy memory(Section machine, MemoryHierarchy d) {
        if (!machine.has("memory")) {
            return d;
        }
        Optional<YamlValue.Mapping> m = values.mapping(machine.get("memory"), machine.path("memory"),
                "a mapping {allCoreGhz, l3Ns}");
        if (m.isEmpty()) {
            return d;
        }
        Section s = Section.of(m.get(), machine.path("memory"), values.problems());
        MemoryHierarchy given = new MemoryHierarchy(
                values.numberOr(s.get("allCoreGhz"), s.path("allCoreGhz"), Range.positive(), d.allCoreGhz()),
                values.numberOr(s.get("l3Ns"), s.path("l3Ns"), Range.positive(), d.l3Ns()), "scenario");
        return given.allCoreGhz() == d.allCoreGhz() && given.l3Ns() == d.l3Ns() ? d : given;
    }

    private CoreToCoreNs coreToCore(Section machine, CoreToCoreNs d) {
        if (!machine.has("coreToCoreNs")) {
            return d;
        }
        Optional<YamlValue.Mapping> m = values.mapping(machine.get("coreToCoreNs"), machine.path("coreToCoreNs"),
                "a mapping {smt, llc, crossLlc, crossSocket}");
        if (m.isEmpty()) {
            return d;
        }
        Section s = Section.of(m.get(), machine.path("coreToCoreNs"), values.problems());
        return new CoreToCoreNs(
                values.numberOr(s.get("smt"), s.path("smt"), Range.positive(), d.smt()),
                values.numberOr(s.get("llc"), s.path("llc"), Range.positive(), d.llc()),
                values.numberOr(s.get("crossLlc"), s.path("crossLlc"), Range.positive(), d.crossLlc()),
                values.numberOr(s.get("crossSocket"), s.path("crossSocket"), Range.positive(), d.crossSocket()));
    }

    private Optional<MachineSpec> preset(YamlValue at, String path, String name) {
        Optional<MachineSpec> found = MachinePresets.names().contains(name) ? MachinePresets.find(name) : Optional.empty();
        if (found.isEmpty()) {
            String hint = io.mountsim.scenarios.schema.KeySuggester.nearest(name, MachinePresets.names())
                    .map(n -> "did you mean " + n + "? ").orElse("");
            String why = MachinePresets.names().contains(name) ? "preset '" + name + "' is listed but not available in this build"
                    : "unknown machine preset '" + name + "'";
            values.error(at, path, why + "; " + hint + "valid presets: " + String.join(", ", MachinePresets.names())
                    + " (or an inline mapping)");
        }
        return found;
    }

    /** Costs for an inline machine's unspecified fields. */
    static MachineSpec defaults() {
        return MachinePresets.find(DEFAULTS_PRESET).orElseGet(() -> new MachineSpec("inline", 1, 1, 1, 1, 1,
                Interconnect.MESH, DEFAULT_CORE_TO_CORE_NS, DEFAULT_PER_SPINNER_HANDOFF_NS, DEFAULT_SMT_SLOWDOWN,
                DEFAULT_PAUSE_NS, "inline"));
    }

    /** Every machine key a user could write, so summary.json shows exactly the machine simulated. */
    static Map<String, Object> resolved(MachineSpec m, String presetName) {
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        if (presetName != null) {
            r.put("preset", presetName);
        }
        r.put("sockets", m.sockets());
        r.put("coresPerSocket", m.coresPerSocket());
        r.put("threadsPerCore", m.threadsPerCore());
        r.put("llcDomainsPerSocket", m.llcDomainsPerSocket());
        r.put("numaNodesPerSocket", m.numaNodesPerSocket());
        r.put("interconnect", m.interconnect().yamlName());
        LinkedHashMap<String, Object> c2c = new LinkedHashMap<>();
        c2c.put("smt", m.coreToCoreNs().smt());
        c2c.put("llc", m.coreToCoreNs().llc());
        c2c.put("crossLlc", m.coreToCoreNs().crossLlc());
        c2c.put("crossSocket", m.coreToCoreNs().crossSocket());
        r.put("coreToCoreNs", c2c);
        r.put("perSpinnerHandoffNs", m.perSpinnerHandoffNs());
        r.put("smtSlowdown", m.smtSlowdown());
        r.put("pauseNs", m.pauseNs());
        r.put("spinningSiblingSlowdown", m.spinningSiblingSlowdown());
        LinkedHashMap<String, Object> memory = new LinkedHashMap<>();
        memory.put("allCoreGhz", m.memory().allCoreGhz());
        memory.put("l3Ns", m.memory().l3Ns());
        r.put("memory", memory);
        r.put("source", m.source());
        return r;
    }
}
