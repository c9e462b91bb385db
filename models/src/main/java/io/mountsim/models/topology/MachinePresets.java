package io.mountsim.models.topology;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named machines of the study (shared/design/kernel-mount-locking.md sections 6-7)
 * and {@code host}, read from this machine's sysfs.
 *
 * <h2>Where every number comes from</h2>
 * <table>
 * <caption>preset facts</caption>
 * <tr><th>number</th><th>source</th></tr>
 * <tr><td>r5.metal 2 x 24 x 2 = 96 vCPUs, 2 NUMA nodes</td><td>AWS EC2 instance-type docs (r5.metal: 96 vCPUs,
 *   Xeon Platinum 8000 series 8175M/8259CL, 2 sockets); lscpu of r5/c5.metal: node0 0-23,48-71</td></tr>
 * <tr><td>m7i.metal-24xl 1 x 48 x 2, m7i.metal-48xl 2 x 48 x 2</td><td>AWS docs (Xeon Platinum 8488C, 96 / 192
 *   vCPUs; 48xl has 2 NUMA nodes, 24xl one)</td></tr>
 * <tr><td>m7a.24xlarge 1 x 96 x 1, m7a.metal-48xl 2 x 96 x 1, 12 CCDs of 8 cores per socket</td><td>AWS docs
 *   (EPYC 9R14 Genoa, SMT disabled on m7a: 1 vCPU = 1 core); Genoa has 12 CCDs x 8 cores, 32 MB L3 each</td></tr>
 * <tr><td>core-to-core one-way latencies</td><td>nviennot/core-to-core-latency, CAS ping-pong
 *   (kernel-mount-locking.md s6): Xeon 8275CL Cascade Lake (c5.metal, same die as r5.metal's 8259CL)
 *   smt 7.6 / same socket 47 / cross socket 134; Xeon 8375C Ice Lake (c6i.metal), used as the lower bound
 *   for Sapphire Rapids: 8.1 / 51 / 108; EPYC 9274F Genoa: smt 9 / same CCD 22-24 (23) / cross CCD 97-104 (100)
 *   / cross socket 193-202 (197)</td></tr>
 * <tr><td>perSpinnerHandoffNs</td><td>DERIVED, not measured: the Markov model of "Non-scalable locks are dangerous"
 *   (Boyd-Wickizer et al. 2012) makes a handoff cost c*k/2 with k contending agents and c the time the line's home
 *   takes to serve one request. On a mesh the line's home CHA serves one request per address at a time (TOR), so
 *   c = one on-socket transfer (the same-socket latency) and each spinning CPU adds c/2: 23.5 ns on Cascade Lake,
 *   25.5 on Sapphire Rapids. On chiplets a CCD's L3 answers its own cores and only one request per CCD reaches the
 *   home, so each CCD with spinners adds c/2 with c = the cross-CCD latency: 50 ns on Genoa.</td></tr>
 * <tr><td>smtSlowdown 1.54</td><td>Intel's Hyper-Threading figure of up to 30% more throughput from two threads
 *   on server workloads (Marr et al., "Hyper-Threading Technology Architecture and Microarchitecture", Intel
 *   Technology Journal 6(1), 2002): two busy siblings share 1.3 cores, each runs at 0.65 = 1/1.54 of a full core.
 *   The same default is used on Zen 4 (AMD quotes similar SMT yields); it only matters with SMT on.</td></tr>
 * <tr><td>pauseNs</td><td>PAUSE latency in cycles over the all-core clock: about 140 cycles from Skylake on (Intel
 *   64 and IA-32 Architectures Optimization Reference Manual, Skylake section "Pause latency"; assumed unchanged on
 *   Cascade Lake and Sapphire Rapids [est]) at 3.1 GHz (r5: AWS "up to 3.1 GHz all-core turbo") = 45 ns and at
 *   3.2 GHz (m7i: AWS "up to 3.2 GHz") = 44 ns; Zen 4 about 64 cycles [est: Zen 2 raised PAUSE from a few cycles to
 *   about 65 per AMD's Zen 2 software optimization guide; not re-measured on Genoa] at 3.7 GHz (m7a: AWS
 *   "up to 3.7 GHz") = 17 ns.</td></tr>
 * </table>
 */
public final class MachinePresets {
    public static final String HOST = "host";

    private static final String SOURCES = "see MachinePresets javadoc: AWS instance docs, nviennot core-to-core-latency, "
            + "Intel optimization manual; perSpinnerHandoffNs derived from Boyd-Wickizer et al. 2012";

    // nviennot core-to-core-latency, Xeon 8275CL (c5.metal): same mesh and die as r5.metal's part.
    static final CoreToCoreNs CASCADE_LAKE = new CoreToCoreNs(7.6, 47, 47, 134);
    // nviennot, Xeon 8375C Ice Lake (c6i.metal): the closest measured mesh to Sapphire Rapids (a lower bound).
    static final CoreToCoreNs SAPPHIRE_RAPIDS = new CoreToCoreNs(8.1, 51, 51, 108);
    // nviennot, EPYC 9274F Genoa: same Zen 4 CCDs and IO die as m7a's EPYC 9R14.
    static final CoreToCoreNs GENOA = new CoreToCoreNs(9, 23, 100, 197);

    /** Two busy siblings get 1.3 cores of throughput (Intel HT, Marr et al. 2002): each at 1/1.54 speed. */
    static final double SMT_SLOWDOWN = 2 / 1.3;
    static final double INTEL_PAUSE_CYCLES = 140;
    static final double ZEN4_PAUSE_CYCLES = 64;

    private static final Map<String, MachineSpec> PRESETS = new LinkedHashMap<>();

    static {
        add(new MachineSpec("r5.metal", 2, 24, 2, 1, 1, Interconnect.MESH, CASCADE_LAKE,
                CASCADE_LAKE.llc() / 2, SMT_SLOWDOWN, INTEL_PAUSE_CYCLES / 3.1,
                "Xeon Platinum 8259CL/8175M (Cascade Lake/Skylake-SP mesh), 2 x 24 cores x 2; " + SOURCES));
        add(new MachineSpec("m7i.metal-24xl", 1, 48, 2, 1, 1, Interconnect.MESH, SAPPHIRE_RAPIDS,
                SAPPHIRE_RAPIDS.llc() / 2, SMT_SLOWDOWN, INTEL_PAUSE_CYCLES / 3.2,
                "Xeon Platinum 8488C (Sapphire Rapids mesh, 105 MB L3), 1 x 48 cores x 2; " + SOURCES));
        add(new MachineSpec("m7i.metal-48xl", 2, 48, 2, 1, 1, Interconnect.MESH, SAPPHIRE_RAPIDS,
                SAPPHIRE_RAPIDS.llc() / 2, SMT_SLOWDOWN, INTEL_PAUSE_CYCLES / 3.2,
                "Xeon Platinum 8488C (Sapphire Rapids mesh), 2 x 48 cores x 2; " + SOURCES));
        add(new MachineSpec("m7a.24xlarge", 1, 96, 1, 12, 1, Interconnect.CHIPLET, GENOA,
                GENOA.crossLlc() / 2, SMT_SLOWDOWN, ZEN4_PAUSE_CYCLES / 3.7,
                "EPYC 9R14 (Genoa, 12 CCDs x 8 cores, 32 MB L3 each), 1 x 96 cores, SMT off; " + SOURCES));
        add(new MachineSpec("m7a.metal-48xl", 2, 96, 1, 12, 1, Interconnect.CHIPLET, GENOA,
                GENOA.crossLlc() / 2, SMT_SLOWDOWN, ZEN4_PAUSE_CYCLES / 3.7,
                "EPYC 9R14 (Genoa), 2 x 96 cores, SMT off; " + SOURCES));
    }

    private static volatile Optional<MachineSpec> host;

    private MachinePresets() {
    }

    private static void add(MachineSpec spec) {
        PRESETS.put(spec.name(), spec);
    }

    /** Preset names, the study's machines first, then {@code host}. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(PRESETS.keySet());
        names.add(HOST);
        return List.copyOf(names);
    }

    /** A preset by name; {@code host} is read from /sys once (empty if this is not Linux). */
    public static Optional<MachineSpec> find(String name) {
        if (HOST.equals(name)) {
            return host();
        }
        return Optional.ofNullable(PRESETS.get(name));
    }

    private static Optional<MachineSpec> host() {
        Optional<MachineSpec> h = host;
        if (h == null) {
            h = SysfsTopology.tryRead(Path.of("/")).map(SysfsTopology::toMachineSpec);
            host = h;
        }
        return h;
    }

    /**
     * The preset whose CPU family is nearest to a host's, for the hardware costs sysfs does
     * not tell: AMD -> Genoa (Zen 4), Intel -> Sapphire Rapids, anything else -> Sapphire Rapids.
     */
    static MachineSpec nearestFamily(String vendorId) {
        return "AuthenticAMD".equals(vendorId) ? PRESETS.get("m7a.24xlarge") : PRESETS.get("m7i.metal-24xl");
    }
}
