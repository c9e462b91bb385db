package io.mountsim.models.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * A machine as the workload sees it: sockets -> NUMA nodes -> LLC domains -> cores ->
 * hardware threads, held as a JGraphT weighted graph whose edge weights are cache-line
 * transfer costs, with SMT on or off ({@code smt: off} removes every core's second
 * thread) and the CPUs the workload may use ({@link #restrictedTo}). The mitigations
 * package builds it from a scenario's mitigations; this package knows nothing of them.
 *
 * <p>Edge weights are chosen so that the shortest path between two hardware threads is
 * exactly the measured one-way core-to-core latency of {@link CoreToCoreNs} for their
 * distance: thread-core smt/2, core-LLC (llc-smt)/2, LLC-node (crossLlc-llc)/2,
 * node-socket 0, socket-socket crossSocket-crossLlc. All thread-to-thread distances are
 * precomputed into a matrix, because the lock models ask for one on every handoff.
 */
public final class Topology {
    private final MachineSpec spec;
    private final boolean smtOn;
    private final CpuPlacement[] placementByCpu; // null where the cpu is offline (smt off)
    private final int[] allowed;
    private final List<Integer> allowedList;
    private final double[][] transferNs;
    private final Graph<TopologyNode, DefaultWeightedEdge> graph;

    private Topology(MachineSpec spec, boolean smt) {
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("machine " + spec.name() + ": " + String.join("; ", problems));
        }
        this.spec = spec;
        this.smtOn = spec.threadsPerCore() > 1 && smt;
        List<CpuPlacement> all = CpuNumbering.linux(spec);
        this.placementByCpu = new CpuPlacement[all.size()];
        for (CpuPlacement p : all) {
            if (p.threadInCore() == 0 || smtOn) {
                placementByCpu[p.cpu()] = p;
            }
        }
        this.graph = buildGraph(spec, placementByCpu);
        this.transferNs = distances(graph, placementByCpu);
        this.allowed = cpusWhere(p -> true, -1);
        this.allowedList = Collections.unmodifiableList(Arrays.stream(allowed).boxed().toList());
    }

    /** The same machine with other allowed CPUs: the graph and distances are shared. */
    private Topology(Topology machine, int[] allowed) {
        this.spec = machine.spec;
        this.smtOn = machine.smtOn;
        this.placementByCpu = machine.placementByCpu;
        this.graph = machine.graph;
        this.transferNs = machine.transferNs;
        this.allowed = allowed;
        this.allowedList = Collections.unmodifiableList(Arrays.stream(allowed).boxed().toList());
    }

    /** The whole machine, SMT as the spec has it, every CPU allowed. */
    public static Topology of(MachineSpec spec) {
        return new Topology(spec, true);
    }

    /**
     * The whole machine with SMT on or off ({@code smt} is ignored without SMT), every
     * online CPU allowed. A few tens of ms for a big machine (one Dijkstra per CPU): share
     * the result rather than rebuild it.
     *
     * @throws IllegalArgumentException with a message for people when the spec is
     *                                  impossible ({@link #problems})
     */
    public static Topology of(MachineSpec spec, boolean smt) {
        return new Topology(spec, smt);
    }

    /**
     * This machine with the workload allowed only on {@code cpus} (a cpuset, already
     * resolved against this topology's online CPUs).
     *
     * @throws IllegalArgumentException when a CPU is offline or unknown, or none is given
     */
    public Topology restrictedTo(int[] cpus) {
        int[] sorted = Arrays.stream(cpus).distinct().sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no CPU allowed on " + spec.name());
        }
        for (int cpu : sorted) {
            if (!isOnline(cpu)) {
                throw new IllegalArgumentException("cpu " + cpu + " is not an online CPU of " + spec.name());
            }
        }
        return new Topology(this, sorted);
    }

    /** What is wrong with a machine description, one message per problem; empty = valid. */
    public static List<String> problems(MachineSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.sockets() < 1) {
            out.add("sockets must be at least 1, got " + spec.sockets());
        }
        if (spec.coresPerSocket() < 1) {
            out.add("coresPerSocket must be at least 1, got " + spec.coresPerSocket());
        }
        if (spec.threadsPerCore() != 1 && spec.threadsPerCore() != 2) {
            out.add("threadsPerCore must be 1 or 2, got " + spec.threadsPerCore());
        }
        if (spec.numaNodesPerSocket() < 1) {
            out.add("numaNodesPerSocket must be at least 1, got " + spec.numaNodesPerSocket());
        }
        if (spec.llcDomainsPerSocket() < 1) {
            out.add("llcDomainsPerSocket must be at least 1, got " + spec.llcDomainsPerSocket());
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (spec.coresPerSocket() % spec.llcDomainsPerSocket() != 0) {
            out.add("coresPerSocket (" + spec.coresPerSocket() + ") must be a multiple of llcDomainsPerSocket ("
                    + spec.llcDomainsPerSocket() + ")");
        }
        if (spec.llcDomainsPerSocket() % spec.numaNodesPerSocket() != 0) {
            out.add("llcDomainsPerSocket (" + spec.llcDomainsPerSocket() + ") must be a multiple of numaNodesPerSocket ("
                    + spec.numaNodesPerSocket() + "): a NUMA node holds whole LLC domains");
        }
        if (spec.interconnect() == null) {
            out.add("interconnect must be mesh or chiplet");
        }
        if (!(spec.perSpinnerHandoffNs() >= 0)) {
            out.add("perSpinnerHandoffNs must be >= 0, got " + spec.perSpinnerHandoffNs());
        }
        if (!(spec.smtSlowdown() >= 1)) {
            out.add("smtSlowdown must be >= 1 (1 = no slowdown), got " + spec.smtSlowdown());
        }
        if (!(spec.pauseNs() > 0)) {
            out.add("pauseNs must be > 0, got " + spec.pauseNs());
        }
        CoreToCoreNs c = spec.coreToCoreNs();
        if (c == null) {
            out.add("coreToCoreNs is missing");
            return out;
        }
        if (c.smt() > c.llc()) {
            out.add("coreToCoreNs.smt (" + c.smt() + ") must not exceed coreToCoreNs.llc (" + c.llc() + ")");
        }
        double crossLlc = effectiveCrossLlcNs(spec);
        if (crossLlc < c.llc()) {
            out.add("coreToCoreNs.crossLlc (" + c.crossLlc() + ") must not be below coreToCoreNs.llc (" + c.llc() + ")");
        }
        if (spec.sockets() > 1 && c.crossSocket() < crossLlc) {
            out.add("coreToCoreNs.crossSocket (" + c.crossSocket() + ") must not be below the same-socket latency ("
                    + crossLlc + ")");
        }
        return out;
    }

    /**
     * The latency between two cores of one socket in different LLC domains; on a machine
     * with one LLC per socket there is no such pair and the same-LLC figure applies.
     */
    static double effectiveCrossLlcNs(MachineSpec spec) {
        return spec.llcDomainsPerSocket() == 1 ? spec.coreToCoreNs().llc() : spec.coreToCoreNs().crossLlc();
    }

    private static Graph<TopologyNode, DefaultWeightedEdge> buildGraph(MachineSpec spec, CpuPlacement[] placements) {
        CoreToCoreNs c = spec.coreToCoreNs();
        double crossLlc = effectiveCrossLlcNs(spec);
        SimpleWeightedGraph<TopologyNode, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (CpuPlacement p : placements) {
            if (p == null) {
                continue;
            }
            link(g, new TopologyNode.HardwareThread(p.cpu()), new TopologyNode.Core(p.core()), c.smt() / 2);
            link(g, new TopologyNode.Core(p.core()), new TopologyNode.LlcDomain(p.llc()), (c.llc() - c.smt()) / 2);
            link(g, new TopologyNode.LlcDomain(p.llc()), new TopologyNode.NumaNode(p.node()), (crossLlc - c.llc()) / 2);
            // Crossing NUMA nodes inside a socket is not measured separately: it costs crossLlc.
            link(g, new TopologyNode.NumaNode(p.node()), new TopologyNode.Socket(p.socket()), 0);
        }
        // Sockets are fully connected (UPI / xGMI links; every study machine has at most 2).
        for (int a = 0; a < spec.sockets(); a++) {
            for (int b = a + 1; b < spec.sockets(); b++) {
                link(g, new TopologyNode.Socket(a), new TopologyNode.Socket(b), c.crossSocket() - crossLlc);
            }
        }
        return new AsUnmodifiableGraph<>(g);
    }

    private static void link(Graph<TopologyNode, DefaultWeightedEdge> g, TopologyNode a, TopologyNode b, double weightNs) {
        if (!g.containsEdge(a, b)) {
            Graphs.addEdgeWithVertices(g, a, b, weightNs);
        }
    }

    private static double[][] distances(Graph<TopologyNode, DefaultWeightedEdge> g, CpuPlacement[] placements) {
        int n = placements.length;
        double[][] d = new double[n][];
        DijkstraShortestPath<TopologyNode, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(g);
        for (CpuPlacement from : placements) {
            if (from == null) {
                continue;
            }
            SingleSourcePaths<TopologyNode, DefaultWeightedEdge> paths =
                    dijkstra.getPaths(new TopologyNode.HardwareThread(from.cpu()));
            double[] row = new double[n];
            Arrays.fill(row, Double.NaN); // offline CPUs: never asked for (transferNs checks)
            for (CpuPlacement to : placements) {
                if (to != null) {
                    row[to.cpu()] = paths.getWeight(new TopologyNode.HardwareThread(to.cpu()));
                }
            }
            d[from.cpu()] = row;
        }
        return d;
    }

    public MachineSpec spec() {
        return spec;
    }

    /** The hardware graph (unmodifiable); weights are nanoseconds. */
    public Graph<TopologyNode, DefaultWeightedEdge> graph() {
        return graph;
    }

    /** The CPUs the workload may run on (online after smt, inside the cpuset), ascending. */
    public List<Integer> cpus() {
        return allowedList;
    }

    /** Same as {@link #cpus()} as an array (a copy). */
    public int[] cpuArray() {
        return allowed.clone();
    }

    public int allowedCpuCount() {
        return allowed.length;
    }

    /** Hardware threads online after {@code smt: off}, whatever the cpuset. */
    public int onlineCpuCount() {
        return smtOn ? spec.hardwareThreads() : spec.cores();
    }

    /** Highest logical CPU number of the machine plus one (the numbering keeps the offline siblings' numbers). */
    public int cpuNumberLimit() {
        return placementByCpu.length;
    }

    public boolean isOnline(int cpu) {
        return cpu >= 0 && cpu < placementByCpu.length && placementByCpu[cpu] != null;
    }

    public boolean isSmtOn() {
        return smtOn;
    }

    public int sockets() {
        return spec.sockets();
    }

    public int numaNodes() {
        return spec.sockets() * spec.numaNodesPerSocket();
    }

    public int llcDomains() {
        return spec.sockets() * spec.llcDomainsPerSocket();
    }

    public int cores() {
        return spec.cores();
    }

    public CpuPlacement placement(int cpu) {
        if (!isOnline(cpu)) {
            throw new IllegalArgumentException("cpu " + cpu + " is not an online CPU of " + spec.name());
        }
        return placementByCpu[cpu];
    }

    public int socketOf(int cpu) {
        return placement(cpu).socket();
    }

    public int nodeOf(int cpu) {
        return placement(cpu).node();
    }

    public int llcOf(int cpu) {
        return placement(cpu).llc();
    }

    public int coreOf(int cpu) {
        return placement(cpu).core();
    }

    /** The other online hardware thread of the cpu's core, if SMT is on. */
    public OptionalInt siblingOf(int cpu) {
        CpuPlacement p = placement(cpu);
        if (!smtOn) {
            return OptionalInt.empty();
        }
        int firstThreads = spec.cores();
        int sibling = p.threadInCore() == 0 ? cpu + firstThreads : cpu - firstThreads;
        return isOnline(sibling) ? OptionalInt.of(sibling) : OptionalInt.empty();
    }

    /** One-way cache-line transfer latency between two online CPUs (0 for the same CPU). O(1). */
    public double transferNs(int cpuA, int cpuB) {
        double[] row = cpuA >= 0 && cpuA < transferNs.length ? transferNs[cpuA] : null;
        if (row == null || !isOnline(cpuB)) {
            throw new IllegalArgumentException("cpu " + (row == null ? cpuA : cpuB) + " is not an online CPU of " + spec.name());
        }
        return row[cpuB];
    }

    /** A few lines for {@code mountsim machines}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        CoreToCoreNs c = spec.coreToCoreNs();
        s.append(String.format(Locale.ROOT, "%s: %d socket(s) x %d cores x %d thread(s) = %d CPUs%s, %d NUMA node(s), %d LLC domain(s) (%s)%n",
                spec.name(), spec.sockets(), spec.coresPerSocket(), spec.threadsPerCore(), spec.hardwareThreads(),
                smtOn || spec.threadsPerCore() == 1 ? "" : " (smt off: " + onlineCpuCount() + " online)",
                numaNodes(), llcDomains(), spec.interconnect().yamlName()));
        for (int socket = 0; socket < spec.sockets(); socket++) {
            s.append(String.format(Locale.ROOT, "  socket %d: cpus %s%n", socket, CpuNumbering.listText(cpusWhere(p -> true, socket))));
        }
        s.append(String.format(Locale.ROOT, "  line transfer ns: smt %s, same LLC %s, other LLC %s, other socket %s%n",
                num(c.smt()), num(c.llc()), spec.llcDomainsPerSocket() > 1 ? num(c.crossLlc()) : "-",
                spec.sockets() > 1 ? num(c.crossSocket()) : "-"));
        s.append(String.format(Locale.ROOT, "  contention: %s ns per %s; smt slowdown %s; pause %s ns%n",
                num(spec.perSpinnerHandoffNs()),
                spec.interconnect() == Interconnect.MESH ? "spinning CPU (home-agent queue)" : "LLC domain with spinners",
                num(spec.smtSlowdown()), num(spec.pauseNs())));
        if (allowed.length != onlineCpuCount()) {
            s.append("  cpuset: ").append(CpuNumbering.listText(allowed)).append('\n');
        }
        if (spec.source() != null && !spec.source().isBlank()) {
            s.append("  source: ").append(spec.source()).append('\n');
        }
        return s.toString();
    }

    int[] cpusWhere(java.util.function.Predicate<CpuPlacement> filter, int socket) {
        return Arrays.stream(placementByCpu)
                .filter(p -> p != null && (socket < 0 || p.socket() == socket) && filter.test(p))
                .mapToInt(CpuPlacement::cpu).toArray();
    }

    /** Every online CPU (smt applied, cpuset ignored), ascending. */
    public int[] onlineCpus() {
        return cpusWhere(p -> true, -1);
    }

    /** Online CPUs of one socket, ascending. */
    public int[] cpusOfSocket(int socket) {
        return cpusWhere(p -> true, socket);
    }

    /** Online CPUs of one NUMA node, ascending. */
    public int[] cpusOfNode(int node) {
        return cpusWhere(p -> p.node() == node, -1);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    @Override
    public String toString() {
        return "Topology[" + spec.name() + ", " + allowed.length + " cpus]";
    }
}
