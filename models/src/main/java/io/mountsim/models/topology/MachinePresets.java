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
 *   "up to 3.7 GHz") = 17 ns. (The calibration host, Zen 4 in a KVM guest, measures 24.6 ns per PAUSE at a
 *   measured 3.65 GHz, i.e. 90 cycles: probes/smt-sibling.c and child-walk-levels.c. The preset keeps the cited
 *   figure; {@code pauseNs} only matters to the lock microbenchmark.)</td></tr>
 * <tr><td>spinningSiblingSlowdown 1.05 [est]</td><td>NOT measured: the calibration host's vCPUs are not SMT
 *   siblings (probes/smt-sibling.c: a compute loop runs at 0.997x with the other vCPU computing), so it cannot show
 *   this. PAUSE "de-pipelines" the spinning thread and frees execution resources for its sibling (Intel 64 and
 *   IA-32 Architectures Optimization Reference Manual, "Using PAUSE in spin-wait loops"), but the statically
 *   partitioned queues (reorder buffer, load and store buffers) are only recombined when the sibling halts, not
 *   while it spins (same manual, Hyper-Threading chapter, "partitioned resources"): a spinning sibling still halves
 *   the holder's out-of-order window. 5% is an estimate of that cost on a pointer-chasing walk.</td></tr>
 * <tr><td>memory: all-core clock and L3 load-to-use latency ({@link MemoryHierarchy})</td><td>r5.metal: 3.1 GHz
 *   (AWS: "sustained all core Turbo frequency of up to 3.1 GHz"), L3 26 ns (AnandTech, "Sizing Up Servers: Intel's
 *   Skylake-SP Xeon versus AMD's EPYC 7000", 2017, LMBench random loads 16-32 MB: 25-27 ns; their cache table
 *   gives 77 cycles = 24.8 ns at 3.1 GHz). m7i: 3.2 GHz (AWS: "up to 3.2 GHz" all-core turbo, Xeon 8488C), L3
 *   33 ns (Chips and Cheese, "Sapphire Rapids: Golden Cove Hits Servers", 2023, latency chart of a Xeon 8480: about
 *   33 ns [read off the chart]). m7a: 3.7 GHz (AWS: "up to 3.7 GHz"), L3 50 cycles = 13.5 ns (Chips and Cheese,
 *   "Genoa-X: Server V-Cache Round 2": Zen 3/4 L3 50 cycles without V-cache). With the walk's measured split
 *   this makes the per-child cost 1.28x the host's on r5.metal, 1.32x on m7i and 0.99x on m7a.</td></tr>
 * <tr><td>LLC per domain and DRAM ({@link MemoryHierarchy.Dram}), for a walk the node's own load evicts</td><td>
 *   r5.metal: 35.75 MB L3 per socket (Xeon Platinum 8259CL, 1.375 MB per core slice; kernel-mount-locking.md s7:
 *   "about 33-36 MB"; the older 8175M has 33 MB), DRAM 90 ns (AnandTech, "Sizing Up Servers" 2017, LMBench random
 *   loads 384-512 MB on Skylake-SP: 89-91 ns; Cascade Lake keeps the mesh and memory controller). m7i: 105 MB per
 *   socket (Xeon Platinum 8488C; kernel-mount-locking.md s7). m7a: 32 MB per 8-core CCD (EPYC 9004: 12 CCDs of 32 MB).
 *   DRAM of Sapphire Rapids and Genoa 110 ns [est] (Chips and Cheese, Genoa-X: the two "nearly identical").
 *   Remote DRAM [est]: local + (cross-socket - same-socket line transfer, nviennot): r5.metal 90 + 87 = 177 ns,
 *   m7i 110 + 57 = 167 ns, m7a 110 + 97 = 207 ns.</td></tr>
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
    /** A PAUSE-spinning sibling halves the partitioned out-of-order resources [est]: see the javadoc table. */
    static final double SPINNING_SIBLING_SLOWDOWN = 1.05;

    /**
     * DRAM load-to-use latency of Sapphire Rapids and Genoa [est]: Chips and Cheese ("Genoa-X:
     * Server V-Cache Round 2", 2023) finds the two "nearly identical"; 110 ns is about
     * Skylake-SP's 90 ns (below) plus DDR5's longer latency, not read off a chart.
     */
    static final double DDR5_SERVER_DRAM_NS = 110;

    /**
     * A remote node's DRAM [est]: the local DRAM plus what crossing the socket link adds to a
     * line transfer (nviennot: the cross-socket minus the same-socket one-way latency).
     */
    static double remoteDramNs(double localNs, CoreToCoreNs c2c) {
        return localNs + c2c.crossSocket() - c2c.llc();
    }

    static final MemoryHierarchy SKYLAKE_SP_MEMORY = new MemoryHierarchy(3.1, 26,
            "AWS r5.metal all-core turbo 3.1 GHz; AnandTech Skylake-SP LMBench L3 25-27 ns, DRAM 89-91 ns",
            new MemoryHierarchy.Dram(35.75, 90, remoteDramNs(90, CASCADE_LAKE)));
    static final MemoryHierarchy SAPPHIRE_RAPIDS_MEMORY = new MemoryHierarchy(3.2, 33,
            "AWS m7i all-core turbo 3.2 GHz; Chips and Cheese Sapphire Rapids L3 about 33 ns",
            new MemoryHierarchy.Dram(105, DDR5_SERVER_DRAM_NS, remoteDramNs(DDR5_SERVER_DRAM_NS, SAPPHIRE_RAPIDS)));
    static final MemoryHierarchy GENOA_MEMORY = new MemoryHierarchy(3.7, 50 / 3.7,
            "AWS m7a 3.7 GHz; Chips and Cheese Zen 4 L3 50 cycles",
            new MemoryHierarchy.Dram(32, DDR5_SERVER_DRAM_NS, remoteDramNs(DDR5_SERVER_DRAM_NS, GENOA)));

    private static final Map<String, MachineSpec> PRESETS = new LinkedHashMap<>();

    static {
        add(new MachineSpec("r5.metal", 2, 24, 2, 1, 1, Interconnect.MESH, CASCADE_LAKE,
                CASCADE_LAKE.llc() / 2, SMT_SLOWDOWN, INTEL_PAUSE_CYCLES / 3.1,
                "Xeon Platinum 8259CL/8175M (Cascade Lake/Skylake-SP mesh), 2 x 24 cores x 2; " + SOURCES,
                SPINNING_SIBLING_SLOWDOWN, SKYLAKE_SP_MEMORY));
        add(new MachineSpec("m7i.metal-24xl", 1, 48, 2, 1, 1, Interconnect.MESH, SAPPHIRE_RAPIDS,
                SAPPHIRE_RAPIDS.llc() / 2, SMT_SLOWDOWN, INTEL_PAUSE_CYCLES / 3.2,
                "Xeon Platinum 8488C (Sapphire Rapids mesh, 105 MB L3), 1 x 48 cores x 2; " + SOURCES,
                SPINNING_SIBLING_SLOWDOWN, SAPPHIRE_RAPIDS_MEMORY));
        add(new MachineSpec("m7i.metal-48xl", 2, 48, 2, 1, 1, Interconnect.MESH, SAPPHIRE_RAPIDS,
                SAPPHIRE_RAPIDS.llc() / 2, SMT_SLOWDOWN, INTEL_PAUSE_CYCLES / 3.2,
                "Xeon Platinum 8488C (Sapphire Rapids mesh), 2 x 48 cores x 2; " + SOURCES,
                SPINNING_SIBLING_SLOWDOWN, SAPPHIRE_RAPIDS_MEMORY));
        add(new MachineSpec("m7a.24xlarge", 1, 96, 1, 12, 1, Interconnect.CHIPLET, GENOA,
                GENOA.crossLlc() / 2, SMT_SLOWDOWN, ZEN4_PAUSE_CYCLES / 3.7,
                "EPYC 9R14 (Genoa, 12 CCDs x 8 cores, 32 MB L3 each), 1 x 96 cores, SMT off; " + SOURCES,
                SPINNING_SIBLING_SLOWDOWN, GENOA_MEMORY));
        add(new MachineSpec("m7a.metal-48xl", 2, 96, 1, 12, 1, Interconnect.CHIPLET, GENOA,
                GENOA.crossLlc() / 2, SMT_SLOWDOWN, ZEN4_PAUSE_CYCLES / 3.7,
                "EPYC 9R14 (Genoa), 2 x 96 cores, SMT off; " + SOURCES,
                SPINNING_SIBLING_SLOWDOWN, GENOA_MEMORY));
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
        return Optional.ofNullable(PRESETS.get(name)).map(MachinePresets::withEstimatesScaled);
    }

    /** A preset with its [est] figures scaled by a sensitivity run ({@link EstimatedParameter}); as is otherwise. */
    private static MachineSpec withEstimatesScaled(MachineSpec spec) {
        if (!EstimatedParameter.anyScaled()) {
            return spec;
        }
        double spinning = 1 + (spec.spinningSiblingSlowdown() - 1) * EstimatedParameter.SPINNING_SIBLING_SLOWDOWN.scale();
        MemoryHierarchy memory = spec.memory() == SAPPHIRE_RAPIDS_MEMORY
                ? spec.memory().withClockAndL3(spec.memory().allCoreGhz(),
                spec.memory().l3Ns() * EstimatedParameter.SAPPHIRE_RAPIDS_L3.scale(), spec.memory().source())
                : spec.memory();
        return new MachineSpec(spec.name(), spec.sockets(), spec.coresPerSocket(), spec.threadsPerCore(),
                spec.llcDomainsPerSocket(), spec.numaNodesPerSocket(), spec.interconnect(), spec.coreToCoreNs(),
                spec.perSpinnerHandoffNs() * EstimatedParameter.PER_SPINNER_HANDOFF.scale(), spec.smtSlowdown(),
                spec.pauseNs(), spec.source(), spinning, memory);
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
