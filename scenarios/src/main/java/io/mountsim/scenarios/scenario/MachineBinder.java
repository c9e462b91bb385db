package io.mountsim.scenarios.scenario;

import io.mountsim.models.topology.CoreToCoreNs;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.MemoryHierarchy;
import io.mountsim.models.topology.Topology;
import io.mountsim.scenarios.schema.Resolved;
import io.mountsim.scenarios.schema.ScenarioKey;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mountsim.scenarios.schema.ScenarioKeys.*;

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

    private final Values values;

    MachineBinder(Values values) {
        this.values = values;
    }

    record Bound(MachineSpec machine, Map<String, Object> resolved) {
    }

    Optional<Bound> bind(YamlValue v) {
        if (v instanceof YamlValue.Scalar) {
            Optional<String> name = values.scalar(v, MACHINE.path(), "a preset name or a mapping");
            return name.flatMap(n -> preset(v, MACHINE.path(), n)).map(p -> new Bound(p, resolved(p, p.name())));
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, MACHINE.path(), "a preset name or a mapping");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Section s = Section.of(m.get(), MACHINE.path(), values.problems());
        MachineSpec base = null;
        String presetName = null;
        if (s.has(MACHINE_PRESET.name())) {
            YamlValue presetValue = s.get(MACHINE_PRESET.name());
            Optional<String> name = values.scalar(presetValue, MACHINE_PRESET.path(), "a preset name");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Optional<MachineSpec> p = preset(presetValue, MACHINE_PRESET.path(), name.get());
            if (p.isEmpty()) {
                return Optional.empty();
            }
            base = p.get();
            presetName = base.name();
        } else {
            for (ScenarioKey required : List.of(MACHINE_SOCKETS, MACHINE_CORES_PER_SOCKET)) {
                if (!s.has(required.name())) {
                    values.error(v, required.path(), "missing; an inline machine needs sockets and coresPerSocket"
                            + " (or preset: NAME to start from a preset)");
                }
            }
        }
        // shape defaults of an inline machine are the schema's (1 thread, 1 LLC, 1 node, mesh);
        // only its hardware costs come from the defaults preset
        MachineSpec costs = defaults();
        MachineSpec d = base != null ? base : new MachineSpec("inline", 1, 1, 1, 1, 1, Interconnect.MESH,
                costs.coreToCoreNs(), costs.perSpinnerHandoffNs(), costs.smtSlowdown(), costs.pauseNs(), "inline");
        int sockets = values.read(s, MACHINE_SOCKETS, d.sockets());
        int cores = values.read(s, MACHINE_CORES_PER_SOCKET, d.coresPerSocket());
        int threads = values.read(s, MACHINE_THREADS_PER_CORE, d.threadsPerCore());
        int llc = values.read(s, MACHINE_LLC_DOMAINS, Math.min(d.llcDomainsPerSocket(), cores));
        if (s.has(MACHINE_LLC_DOMAINS.name()) && llc > 0 && cores % llc != 0) {
            values.error(s.get(MACHINE_LLC_DOMAINS.name()), MACHINE_LLC_DOMAINS.path(),
                    "expected a divisor of coresPerSocket (" + cores + "), got " + llc);
        }
        int numa = values.read(s, MACHINE_NUMA_NODES, Math.min(d.numaNodesPerSocket(), cores));
        if (s.has(MACHINE_NUMA_NODES.name()) && numa > cores) {
            values.error(s.get(MACHINE_NUMA_NODES.name()), MACHINE_NUMA_NODES.path(),
                    "expected at most coresPerSocket (" + cores + ") NUMA nodes per socket, got " + numa);
        }
        String interconnectName = values.read(s, MACHINE_INTERCONNECT, d.interconnect().yamlName());
        Interconnect interconnect = Arrays.stream(Interconnect.values()).filter(i -> i.yamlName().equals(interconnectName))
                .findFirst().orElseThrow();
        CoreToCoreNs c2c = coreToCore(s, d.coreToCoreNs());
        double perSpinner = values.read(s, MACHINE_PER_SPINNER_HANDOFF, d.perSpinnerHandoffNs());
        double smtSlowdown = values.read(s, MACHINE_SMT_SLOWDOWN, d.smtSlowdown());
        double pauseNs = values.read(s, MACHINE_PAUSE_NS, d.pauseNs());
        double spinningSlowdown = values.read(s, MACHINE_SPINNING_SIBLING_SLOWDOWN, d.spinningSiblingSlowdown());
        MemoryHierarchy memory = memory(s, d.memory());
        String source = s.has(MACHINE_SOURCE.name()) ? values.read(s, MACHINE_SOURCE).orElse("inline")
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
            values.error(v, MACHINE.path(), problem);
        }
        return Optional.of(new Bound(spec, resolved(spec, presetName)));
    }

    private MemoryHierarchy memory(Section machine, MemoryHierarchy d) {
        Optional<Section> s = mappingAt(machine, MACHINE_MEMORY, "a mapping {allCoreGhz, l3Ns}");
        if (s.isEmpty()) {
            return d;
        }
        // the LLC size and DRAM latency stay the base machine's: the scenario names clock and L3 only
        MemoryHierarchy given = d.withClockAndL3(
                values.read(s.get(), MEMORY_ALL_CORE_GHZ, d.allCoreGhz()),
                values.read(s.get(), MEMORY_L3_NS, d.l3Ns()), "scenario");
        return given.allCoreGhz() == d.allCoreGhz() && given.l3Ns() == d.l3Ns() ? d : given;
    }

    /** The mapping at {@code key} of the machine; empty when absent or not a mapping (reported). */
    private Optional<Section> mappingAt(Section machine, ScenarioKey key, String expected) {
        if (!machine.has(key.name())) {
            return Optional.empty();
        }
        return values.mapping(machine.get(key.name()), key.path(), expected)
                .map(m -> Section.of(m, key.path(), values.problems()));
    }

    private CoreToCoreNs coreToCore(Section machine, CoreToCoreNs d) {
        Optional<Section> found = mappingAt(machine, MACHINE_CORE_TO_CORE, "a mapping {smt, llc, crossLlc, crossSocket}");
        if (found.isEmpty()) {
            return d;
        }
        Section s = found.get();
        return new CoreToCoreNs(
                values.read(s, C2C_SMT, d.smt()),
                values.read(s, C2C_LLC, d.llc()),
                values.read(s, C2C_CROSS_LLC, d.crossLlc()),
                values.read(s, C2C_CROSS_SOCKET, d.crossSocket()));
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
        Resolved r = new Resolved();
        if (presetName != null) {
            r.put(MACHINE_PRESET, presetName);
        }
        r.put(MACHINE_SOCKETS, m.sockets())
                .put(MACHINE_CORES_PER_SOCKET, m.coresPerSocket())
                .put(MACHINE_THREADS_PER_CORE, m.threadsPerCore())
                .put(MACHINE_LLC_DOMAINS, m.llcDomainsPerSocket())
                .put(MACHINE_NUMA_NODES, m.numaNodesPerSocket())
                .put(MACHINE_INTERCONNECT, m.interconnect().yamlName())
                .put(C2C_SMT, m.coreToCoreNs().smt())
                .put(C2C_LLC, m.coreToCoreNs().llc())
                .put(C2C_CROSS_LLC, m.coreToCoreNs().crossLlc())
                .put(C2C_CROSS_SOCKET, m.coreToCoreNs().crossSocket())
                .put(MACHINE_PER_SPINNER_HANDOFF, m.perSpinnerHandoffNs())
                .put(MACHINE_SMT_SLOWDOWN, m.smtSlowdown())
                .put(MACHINE_PAUSE_NS, m.pauseNs())
                .put(MACHINE_SPINNING_SIBLING_SLOWDOWN, m.spinningSiblingSlowdown())
                .put(MEMORY_ALL_CORE_GHZ, m.memory().allCoreGhz())
                .put(MEMORY_L3_NS, m.memory().l3Ns())
                .put(MACHINE_SOURCE, m.source());
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) r.tree().get(MACHINE.name());
        return machine;
    }
}
