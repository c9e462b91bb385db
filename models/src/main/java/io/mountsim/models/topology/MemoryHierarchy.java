package io.mountsim.models.topology;

import java.util.Objects;

/**
 * What a dependent pointer chase costs on a machine: its all-core clock and its L3
 * load-to-use latency, and from them how much slower or faster than on the calibration
 * host the kernel's child-mount walk runs (has_locked_children(): is_subdir() for every
 * child mount of the source mount, under namespace_sem).
 *
 * <h2>The walk, measured on the calibration host</h2>
 * {@code probes/child-walk-levels.c} (data: calibration/epyc-2core/child-walk-levels.txt)
 * times open_tree against 0 to 64,000 child mounts and the core clock:
 * <ul>
 * <li>core clock 3.653 GHz (a chain of dependent adds);</li>
 * <li>children whose lines fit the 1 MiB L2 (0-4,000 children, about 230 bytes each, the
 *     L2 knee): {@link #HOST_CORE_NS_PER_CHILD} = 21.9 ns per child (least-squares slope over
 *     0, 500, 1,000, 2,000, 4,000 children);</li>
 * <li>children in L3 (least-squares slope over 4,000, 8,000, 16,000): 25.5 ns per child, so
 *     the part exposed to L3 latency is {@link #HOST_L3_EXPOSED_NS_PER_CHILD} = 3.6 ns per
 *     child: out-of-order execution hides most of the loads (about 0.3 of an L3-minus-L2
 *     latency, 36 cycles = 9.9 ns, is exposed per child);</li>
 * <li>past 16,000 children the slope jumps (82 ns, then 232 ns per child): this 2-vCPU
 *     guest's share of the host's L3 runs out. The study's machines stay below that: 400
 *     starts x 50 layers is 20,000 children, 4.6 MB at 230 bytes, in every preset's L3
 *     (33-105 MB per socket, 32 MB per Genoa CCD).</li>
 * </ul>
 *
 * <h2>Which level the working set lives in, and why</h2>
 * At 100-400 concurrent starts the layer store has 2,500-20,000 children, 0.6-4.6 MB:
 * more than one core's L2 (1 MB Skylake-SP and Zen 4, 2 MB Sapphire Rapids) and less than
 * an L3. The lines are read far more often than written (a walk per open_tree, a few
 * list-pointer writes per mount or unmount), so each walker finds them clean in its L3:
 * on Intel the socket's non-inclusive L3 receives the L2s' victims, on Zen 4 each CCD's
 * L3 is the victim cache of its cores' L2s. So a child costs the clock-scaled core work
 * plus the exposed part at the machine's L3 latency. [est: the exposed share (0.3 L3
 * miss per child) is the host's; a core with a larger or smaller out-of-order window
 * hides more or less of it, and IPC is taken equal across cores.]
 *
 * <h2>When the node's own load evicts the walk from the LLC</h2>
 * {@code probes/child-walk-evict.c} (data: calibration/epyc-2core/child-walk-evict.txt) walks
 * 4,000-16,000 children on one vCPU while the other vCPU, sharing the one 32 MiB L3, streams
 * through 4-128 MiB, with 0-10 ms between walks. With the walk's lines gone from the caches
 * (the walker flushing 64 MiB itself before each walk) a child costs
 * {@link #HOST_EVICTED_NS_PER_CHILD} instead of the L3-resident 25.5 ns: the extra,
 * {@link #HOST_EVICTED_NS_PER_CHILD} - 25.5, is {@link #exposedDramLoadsPerChild()} DRAM
 * latencies ({@link #HOST_DRAM_NS}, the same probe's dependent chase through 128 MiB) less
 * the L3's, per child (of its {@link #LINES_PER_CHILD} lines: the rest overlap). Walks of
 * 16,000 children (3.7 MB, more than the walker's L2) back to back cost 35 ns per child beside
 * 4-8 MiB of neighbour and 198 ns beside 32-128 MiB (medians of both runs): above the
 * self-flushed price by the neighbour's own DRAM traffic, which the rule leaves out.
 * <p>The rule ({@link #evictedShare(double, double)}): the running workloads of the walker's
 * LLC domain keep their footprint F there; of the walk's W bytes, what fits beside it, C - F,
 * stays; the rest, (F + W - C) / W of the children, comes from DRAM. It is the best a
 * scan-resistant replacement can do (lines reused by every walk kept, the neighbours' own
 * lines not); plain LRU would lose the whole walk as soon as F + W > C. On the host it
 * under-predicts: beside 16-24 MiB the back-to-back walk of 16,000 children already costs
 * 151 ns, and at 3-10 ms gaps the walk is evicted without any neighbour (142 ns), because the
 * guest's L3 is shared with other tenants of the physical machine (the chase leaves the L3
 * plateau between 8 and 16 MiB, not at 32). The presets are metal instances or whole CCDs,
 * where the LLC is the machine's own, so their nominal LLC is used (MemoryHierarchyEvictionTest
 * checks the rule where it is decisive: 4-8 MiB and 32-128 MiB).
 * [est: the exposed DRAM share is the host's; out-of-order windows differ per core.]
 *
 * @param allCoreGhz core clock under all-core load
 * @param l3Ns       L3 load-to-use latency (the LLC of the walking core's domain)
 * @param source     where the two numbers come from
 * @param dram       the LLC's size and what a line missing from it costs ({@link Dram#UNKNOWN}: never evicted)
 */
public record MemoryHierarchy(double allCoreGhz, double l3Ns, String source, Dram dram) {

    /** Child walk per child with its lines in L2, on the host (child-walk-levels.txt, 0-4,000). */
    public static final double HOST_CORE_NS_PER_CHILD = 21.9;
    /** What L3 residency adds per child on the host (child-walk-levels.txt, 4,000-16,000 minus 0-4,000). */
    public static final double HOST_L3_EXPOSED_NS_PER_CHILD = 3.6;
    /**
     * Cache lines the walk reads per child: the host's 230 bytes per child at the L2 knee
     * (child-walk-levels.txt, 4,000 children in 1 MiB) over 64-byte lines. The struct mount's
     * mnt_child, mnt_mountpoint and mnt.mnt_flags, and the mountpoint dentry's d_parent.
     */
    public static final double LINES_PER_CHILD = 230.0 / 64;

    /** The walk's working set over {@code children} child mounts, MB ({@link #LINES_PER_CHILD} 64-byte lines each). */
    public static double walkMb(double children) {
        return children * LINES_PER_CHILD * 64 / 1e6;
    }

    /**
     * The calibration host (KVM guest, AMD EPYC Zen 4): 3.653 GHz measured by
     * probes/child-walk-levels.c; L3 about 50 cycles on Zen 3/Zen 4 (Chips and Cheese,
     * "Genoa-X: Server V-Cache Round 2", 2023: Milan-X's L3 is 50 cycles, V-cache adds 4)
     * = 13.7 ns at that clock.
     */
    public static final MemoryHierarchy CALIBRATION_HOST = new MemoryHierarchy(3.653, 50 / 3.653,
            "calibration host: clock measured (probes/child-walk-levels.c), L3 50 cycles (Chips and Cheese)");
    /**
     * The calibration host with its LLC (32 MiB, sysfs cpu0/cache/index3/size, shared by both
     * vCPUs) and its DRAM latency ({@link #HOST_DRAM_NS}, one node): what the evict rows are
     * checked against. The calibration itself runs idle, so its LLC never matters there.
     */
    public static final MemoryHierarchy CALIBRATION_HOST_WITH_DRAM = CALIBRATION_HOST.withDram(
            new Dram(32 * 1.048576, MemoryHierarchy.HOST_DRAM_NS, MemoryHierarchy.HOST_DRAM_NS));

    /** The same machine with its LLC and DRAM known. */
    public MemoryHierarchy withDram(Dram d) {
        return new MemoryHierarchy(allCoreGhz, l3Ns, source, d);
    }

    /**
     * A child of the walk with its lines evicted from L2 and L3, on the host, ns: the
     * child-walk-evict.txt rows with neighbour=self (the walker streams 64 MiB through its
     * own caches before every walk), median over the 4,000 / 8,000 / 16,000-child rows at
     * the 0-10 ms gaps.
     */
    public static final double HOST_EVICTED_NS_PER_CHILD = 144.7;
    /** The host's DRAM load-to-use latency, ns: child-walk-evict.txt, chase rows through 128 MiB (huge pages), 162.6 and 162.4. */
    public static final double HOST_DRAM_NS = 162.5;

    /**
     * The last-level cache of one LLC domain, and the load-to-use latency of a line that
     * missed it.
     *
     * @param llcMb        LLC of one domain (a socket's mesh L3, a CCD's L3), MB
     * @param localNs      DRAM of the walker's own NUMA node
     * @param remoteNs     DRAM of another node (= localNs on one node)
     */
    public record Dram(double llcMb, double localNs, double remoteNs) {
        /** No LLC size known: the walk is never taken to be evicted (machines read from a probe or sysfs). */
        public static final Dram UNKNOWN = new Dram(Double.POSITIVE_INFINITY, 0, 0);

        public Dram {
            if (!(llcMb > 0) || localNs < 0 || remoteNs < localNs) {
                throw new IllegalArgumentException("LLC size must be positive and remote DRAM no faster than local");
            }
        }
    }

    public MemoryHierarchy {
        if (!(allCoreGhz > 0) || !(l3Ns > 0)) {
            throw new IllegalArgumentException("clock and L3 latency must be positive");
        }
        Objects.requireNonNull(dram, "dram");
    }

    /** A machine whose LLC size and DRAM latency are not known: the walk is never evicted. */
    public MemoryHierarchy(double allCoreGhz, double l3Ns, String source) {
        this(allCoreGhz, l3Ns, source, Dram.UNKNOWN);
    }

    /** The same machine with another clock and L3 latency (a scenario's or a sensitivity run's). */
    public MemoryHierarchy withClockAndL3(double ghz, double l3, String src) {
        return new MemoryHierarchy(ghz, l3, src, dram);
    }

    /**
     * DRAM latencies (less the L3's) that one evicted child adds on the host, where the rest
     * of its {@link #LINES_PER_CHILD} misses overlap: (evicted - L3-resident price) /
     * (DRAM - L3 latency), from child-walk-evict.txt and child-walk-levels.txt.
     */
    public static double exposedDramLoadsPerChild() {
        return (HOST_EVICTED_NS_PER_CHILD - HOST_CORE_NS_PER_CHILD - HOST_L3_EXPOSED_NS_PER_CHILD)
                / (HOST_DRAM_NS - CALIBRATION_HOST.l3Ns);
    }

    /**
     * Share of the walk's children that come from DRAM: with the running workloads holding
     * {@code neighbourMb} of this LLC domain, what of the walk's {@code walkMb} does not fit
     * beside them, (F + W - C) / W, within [0, 1]. 0 on a machine whose LLC is not known.
     */
    public double evictedShare(double neighbourMb, double walkMb) {
        if (!(walkMb > 0) || Double.isInfinite(dram.llcMb())) {
            return 0;
        }
        return Math.max(0, Math.min(1, (neighbourMb + walkMb - dram.llcMb()) / walkMb));
    }

    /**
     * What an evicted child costs beyond its price in L3, ns: the host's exposed DRAM loads
     * per child at this machine's DRAM latency less its L3's; {@code remote} for a child
     * homed on another NUMA node (alloc_vfsmnt() took it from that node's slab).
     */
    public double evictedExtraNsPerChild(boolean remote) {
        double dramNs = remote ? dram.remoteNs() : dram.localNs();
        return exposedDramLoadsPerChild() * Math.max(0, dramNs - l3Ns);
    }

    /**
     * Factor on the calibration host's cost of core-bound kernel work (no cache misses to
     * speak of): its clock over this machine's, IPC taken equal [est].
     */
    public double coreWorkScale() {
        return CALIBRATION_HOST.allCoreGhz / allCoreGhz;
    }

    /**
     * What one line of the walk costs beyond a local-L3 hit when another NUMA node wrote it
     * since this node's caches last held it, ns: the line is fetched from the writer's
     * caches across the socket link ({@code remoteLineNs}, the machine's cross-socket
     * line transfer) instead of from the local L3. Exposed in the same share as an L3
     * access (the host's {@link #HOST_L3_EXPOSED_NS_PER_CHILD} per child at its
     * {@link #CALIBRATION_HOST} L3 latency, spread over {@link #LINES_PER_CHILD} lines)
     * [est: out-of-order execution may hide less of a 100-200 ns miss than of a 14 ns
     * one; fully exposed the cost is 1 / (3.6 / 13.7 / 3.6) = 13.7x this, still
     * microseconds per walk against the walk's hundreds (VALIDATION.md)].
     */
    public double remoteLineExtraNs(double remoteLineNs) {
        double exposedPerNs = HOST_L3_EXPOSED_NS_PER_CHILD * EstimatedParameter.CHILD_WALK_L3_EXPOSED.scale()
                / CALIBRATION_HOST.l3Ns / LINES_PER_CHILD;
        return exposedPerNs * Math.max(0, remoteLineNs - l3Ns);
    }

    /**
     * Factor on the calibration host's measured per-child cost ({@code childMountCheck}):
     * 1.0 on the host itself.
     */
    public double childWalkScale() {
        double total = HOST_CORE_NS_PER_CHILD + HOST_L3_EXPOSED_NS_PER_CHILD;
        // a sensitivity run moves the split, not the host's measured total
        double exposed = Math.min(total, HOST_L3_EXPOSED_NS_PER_CHILD * EstimatedParameter.CHILD_WALK_L3_EXPOSED.scale());
        double here = (total - exposed) * CALIBRATION_HOST.allCoreGhz / allCoreGhz + exposed * l3Ns / CALIBRATION_HOST.l3Ns;
        return here / total;
    }
}
