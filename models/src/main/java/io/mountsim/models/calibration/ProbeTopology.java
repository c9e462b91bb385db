package io.mountsim.models.calibration;

import io.mountsim.models.topology.CoreToCoreNs;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.MemoryHierarchy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The machine a probe results file describes: its sysfs topology lines (one per online
 * CPU: core, package, node, llc, siblings) as sockets x cores x threads, LLC domains and
 * NUMA nodes, the pingpong probe's one-way line transfers by distance class, smt-sibling's
 * slowdowns and PAUSE latency, and child-walk-levels' clock and L3 latency
 * ({@link ChildWalkLevels}). Hardware costs no probe measured are m7i.metal-24xl's, as an
 * inline scenario machine gets them; the source string says which is which.
 */
public final class ProbeTopology {
    private ProbeTopology() {
    }

    public static Optional<MachineSpec> machine(ProbeResults results, String name) {
        List<Map<String, String>> cpus = results.topology();
        if (cpus.isEmpty()) {
            return Optional.empty();
        }
        Set<String> packages = new HashSet<>();
        Set<String> cores = new HashSet<>();
        Set<String> llcs = new HashSet<>();
        Set<String> nodes = new HashSet<>();
        for (Map<String, String> c : cpus) {
            String pkg = c.getOrDefault("package", "0");
            packages.add(pkg);
            cores.add(pkg + "/" + c.getOrDefault("core", c.get("cpu")));
            llcs.add(c.getOrDefault("llc", "none"));
            nodes.add(c.getOrDefault("node", "0"));
        }
        int sockets = packages.size();
        int coresPerSocket = Math.max(1, cores.size() / sockets);
        int threads = Math.max(1, Math.min(2, cpus.size() / cores.size()));
        int llcPerSocket = Math.max(1, llcs.size() / sockets);
        while (coresPerSocket % llcPerSocket != 0) {
            llcPerSocket--;
        }
        int numaPerSocket = Math.max(1, Math.min(coresPerSocket, nodes.size() / sockets));
        MachineSpec d = MachinePresets.find("m7i.metal-24xl").orElseThrow();
        CoreToCoreNs c = d.coreToCoreNs();
        CoreToCoreNs c2c = new CoreToCoreNs(pingpong(results, "smt").orElse(c.smt()),
                pingpong(results, "llc").orElse(c.llc()), pingpong(results, "other-llc").orElse(c.crossLlc()),
                pingpong(results, "other-socket").orElse(c.crossSocket()));
        String source = "probe results " + results.source() + ": " + results.header().getOrDefault("cpu-model", "unknown CPU")
                + ", kernel " + results.header().getOrDefault("kernel", "?") + "; sysfs topology"
                + (results.rows("pingpong", "pingpong").isEmpty() ? "" : ", pingpong one-way transfers (p50)")
                + "; other hardware costs m7i.metal-24xl's";
        // smt-sibling (the hardware probe): a compute loop's slowdown while its sibling computes,
        // and one PAUSE's latency
        Optional<Double> smt = results.rows("smt-sibling", "smt-sibling").stream()
                .filter(r -> "compute".equals(r.values().get("load")) && "compute".equals(r.values().get("workload")))
                .map(r -> r.number("ratio")).flatMap(Optional::stream).findFirst();
        Optional<Double> pause = results.rows("smt-sibling", "pause-latency").stream()
                .map(r -> r.number("ns")).flatMap(Optional::stream).findFirst();
        // and the slowdown while the sibling only PAUSE-spins (machine.spinningSiblingSlowdown)
        Optional<Double> spinning = results.rows("smt-sibling", "smt-sibling").stream()
                .filter(r -> "pause".equals(r.values().get("load")) && "compute".equals(r.values().get("workload")))
                .map(r -> r.number("ratio")).flatMap(Optional::stream).findFirst();
        if (smt.isPresent() || pause.isPresent()) {
            source += "; smt-sibling: " + (smt.isPresent() && threads > 1 ? "sibling slowdown, " : "")
                    + (spinning.isPresent() && threads > 1 ? "spinning-sibling slowdown, " : "") + "PAUSE latency";
        }
        // child-walk-levels: the clock and L3 latency that price the child-mount walk
        Optional<ChildWalkLevels.Result> walk = ChildWalkLevels.read(results);
        MemoryHierarchy memory = walk.map(ChildWalkLevels.Result::memory).orElse(MemoryHierarchy.CALIBRATION_HOST);
        source += walk.map(w -> "; " + w.provenance()).orElse("; memory hierarchy the calibration host's (no"
                + " child-walk-levels rows)");
        double spinningSlowdown = threads > 1 ? Math.max(1.0, spinning.orElse(d.spinningSiblingSlowdown())) : 1.0;
        return Optional.of(new MachineSpec(name, sockets, coresPerSocket, threads, llcPerSocket, numaPerSocket,
                llcPerSocket > 1 ? Interconnect.CHIPLET : Interconnect.MESH, c2c, d.perSpinnerHandoffNs(),
                threads > 1 ? Math.max(1.0, smt.orElse(d.smtSlowdown())) : 1.0, pause.orElse(d.pauseNs()), source,
                spinningSlowdown, memory));
    }

    private static Optional<Double> pingpong(ProbeResults results, String cls) {
        return results.rows("pingpong", "pingpong").stream().filter(r -> cls.equals(r.values().get("class")))
                .map(r -> r.number("one_way_ns_p50")).flatMap(Optional::stream).findFirst();
    }
}
