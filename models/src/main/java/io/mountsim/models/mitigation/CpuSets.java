package io.mountsim.models.mitigation;

import io.mountsim.models.topology.CpuNumbering;
import io.mountsim.models.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Parsing, checking and resolving {@code mitigations.cpuset}: {@code all},
 * {@code socket:N}, {@code node:N}, or a Linux CPU list such as {@code "0-23,48-71"}
 * (the syntax of taskset -c and cpuset.cpus).
 *
 * <p>Like {@code sched_setaffinity}, which intersects the requested mask with the active
 * CPUs and fails only when nothing is left, a CPU list may name SMT siblings that
 * {@code smt: off} took offline: they are dropped, and only a list with no online CPU
 * at all is an error.
 */
public final class CpuSets {
    /** Far more than any machine here; guards against "0-2000000000" allocating an array. */
    private static final int MAX_CPU = 65_535;

    private CpuSets() {
    }

    /**
     * @throws IllegalArgumentException with a message that says what was expected, for
     *                                  the scenario layer to show as is
     */
    public static CpuSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("cpuset is empty: expected all, socket:N, node:N or a CPU list such as 0-23,48-71");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return new CpuSet.All();
        }
        if (t.startsWith("socket:")) {
            return new CpuSet.Socket(index(t.substring("socket:".length()), "socket", text));
        }
        if (t.startsWith("node:")) {
            return new CpuSet.Node(index(t.substring("node:".length()), "node", text));
        }
        return new CpuSet.CpuList(parseList(t, text), text.trim());
    }

    private static int index(String digits, String what, String text) {
        String d = digits.trim();
        if (d.isEmpty() || !d.chars().allMatch(Character::isDigit) || d.length() > 6) {
            throw new IllegalArgumentException("cpuset '" + text + "': expected " + what + ":N with N a "
                    + what + " number such as 0");
        }
        return Integer.parseInt(d);
    }

    private static List<Integer> parseList(String t, String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : t.split(",", -1)) {
            String p = part.trim();
            String[] ends = p.split("-", -1);
            if (p.isEmpty() || ends.length > 2) {
                throw new IllegalArgumentException("cpuset '" + text + "': '" + p + "' is not a CPU number or range;"
                        + " expected all, socket:N, node:N or a CPU list such as 0-23,48-71");
            }
            int lo = cpuNumber(ends[0], text);
            int hi = ends.length == 2 ? cpuNumber(ends[1], text) : lo;
            if (hi < lo) {
                throw new IllegalArgumentException("cpuset '" + text + "': range " + p + " runs backwards (write " + hi + "-" + lo + ")");
            }
            for (int cpu = lo; cpu <= hi; cpu++) {
                cpus.add(cpu);
            }
        }
        return new ArrayList<>(cpus);
    }

    private static int cpuNumber(String s, String text) {
        String d = s.trim();
        if (d.isEmpty() || !d.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("cpuset '" + text + "': '" + d + "' is not a CPU number;"
                    + " expected all, socket:N, node:N or a CPU list such as 0-23,48-71");
        }
        if (d.length() > 6 || Integer.parseInt(d) > MAX_CPU) {
            throw new IllegalArgumentException("cpuset '" + text + "': cpu " + d + " is out of range");
        }
        return Integer.parseInt(d);
    }

    /** What is wrong with a cpuset on a topology (its smt setting applied); empty = usable. */
    public static List<String> problems(CpuSet set, Topology topology) {
        List<String> out = new ArrayList<>();
        String machine = topology.spec().name();
        if (set instanceof CpuSet.Socket s && s.socket() >= topology.sockets()) {
            out.add("cpuset socket:" + s.socket() + " does not exist: " + machine + " has "
                    + topology.sockets() + " socket(s), numbered 0-" + (topology.sockets() - 1));
        } else if (set instanceof CpuSet.Node n && n.node() >= topology.numaNodes()) {
            out.add("cpuset node:" + n.node() + " does not exist: " + machine + " has "
                    + topology.numaNodes() + " NUMA node(s), numbered 0-" + (topology.numaNodes() - 1));
        } else if (set instanceof CpuSet.CpuList l) {
            int limit = topology.cpuNumberLimit();
            int highest = l.cpus().stream().mapToInt(Integer::intValue).max().orElse(-1);
            if (highest >= limit) {
                out.add("cpu " + highest + " is beyond the machine's " + limit + " CPUs (" + machine
                        + ": cpus 0-" + (limit - 1) + ")");
            }
            if (out.isEmpty() && l.cpus().stream().noneMatch(topology::isOnline)) {
                out.add("cpuset '" + l.text() + "' names only CPUs that smt: off takes offline on " + machine
                        + " (online: " + format(topology.onlineCpus()) + ")");
            }
        }
        return out;
    }

    /**
     * The allowed CPUs, ascending.
     *
     * @throws IllegalArgumentException with the messages of {@link #problems}
     */
    public static int[] resolve(CpuSet set, Topology topology) {
        List<String> problems = problems(set, topology);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (set instanceof CpuSet.Socket s) {
            return topology.cpusOfSocket(s.socket());
        }
        if (set instanceof CpuSet.Node n) {
            return topology.cpusOfNode(n.node());
        }
        if (set instanceof CpuSet.CpuList l) {
            return l.cpus().stream().mapToInt(Integer::intValue).filter(topology::isOnline).sorted().toArray();
        }
        return topology.onlineCpus();
    }

    /** Linux CPU-list text for a set of CPUs: {0,1,2,5} -> "0-2,5" ({@link CpuNumbering#listText}). */
    public static String format(int[] cpus) {
        return CpuNumbering.listText(cpus);
    }

    /** The YAML text of a cpuset (inverse of {@link #parse}). */
    public static String text(CpuSet set) {
        if (set instanceof CpuSet.Socket s) {
            return "socket:" + s.socket();
        }
        if (set instanceof CpuSet.Node n) {
            return "node:" + n.node();
        }
        if (set instanceof CpuSet.CpuList l) {
            return l.text();
        }
        return "all";
    }
}
