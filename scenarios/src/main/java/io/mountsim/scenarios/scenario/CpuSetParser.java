package io.mountsim.scenarios.scenario;

import io.mountsim.models.mitigation.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Parses {@code mitigations.cpuset}: {@code all}, {@code socket:N}, {@code node:N} or a
 * Linux CPU list such as {@code 0-23,48-71} (the cpuset.cpus syntax of
 * Documentation/admin-guide/cgroup-v2.rst). Minimal local parser until the models'
 * {@code CpuSets.parse} lands; the machine check lives in {@link ScenarioBinder}.
 */
final class CpuSetParser {
    /** The largest CPU number accepted before the machine check (guards huge ranges). */
    private static final int MAX_CPU = 1 << 16;

    private CpuSetParser() {
    }

    /** @throws IllegalArgumentException with a user-facing reason when the text is malformed */
    static CpuSet parse(String text) {
        String t = text.trim();
        if (t.equals("all")) {
            return new CpuSet.All();
        }
        if (t.startsWith("socket:")) {
            return new CpuSet.Socket(index(t.substring("socket:".length()), "socket"));
        }
        if (t.startsWith("node:")) {
            return new CpuSet.Node(index(t.substring("node:".length()), "node"));
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : t.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                cpus.add(index(p, "CPU"));
                continue;
            }
            int from = index(p.substring(0, dash), "CPU");
            int to = index(p.substring(dash + 1), "CPU");
            if (to < from) {
                throw new IllegalArgumentException("range " + p + " runs backwards");
            }
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return new CpuSet.CpuList(new ArrayList<>(cpus), t);
    }

    private static int index(String s, String what) {
        String t = s.trim();
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 6) {
            throw new IllegalArgumentException("'" + s + "' is not a " + what + " number");
        }
        int v = Integer.parseInt(t);
        if (v > MAX_CPU) {
            throw new IllegalArgumentException(what + " " + v + " is out of range");
        }
        return v;
    }

    /** The text a user would write for this cpuset. */
    static String render(CpuSet set) {
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

    static List<Integer> cpus(CpuSet set) {
        return set instanceof CpuSet.CpuList l ? l.cpus() : List.of();
    }
}
