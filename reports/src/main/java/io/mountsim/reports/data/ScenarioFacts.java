package io.mountsim.reports.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain facts read from a resolved scenario (nested maps as in summary.json's
 * "scenario"), tolerant of any shape: a key the scenario lacks simply yields nothing.
 */
public final class ScenarioFacts {

    private final Map<String, Object> scenario;

    public ScenarioFacts(Map<String, Object> scenario) {
        this.scenario = scenario;
    }

    /**
     * A copy with the value at {@code dottedPath} replaced (when the path exists), e.g. to
     * print "swept" instead of a swept key's base value.
     */
    public ScenarioFacts with(String dottedPath, Object value) {
        return new ScenarioFacts(replace(scenario, dottedPath.split("\\."), 0, value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replace(Map<String, Object> map, String[] path, int at, Object value) {
        if (!map.containsKey(path[at])) {
            return map;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
        if (at == path.length - 1) {
            copy.put(path[at], value);
        } else if (map.get(path[at]) instanceof Map<?, ?> child) {
            copy.put(path[at], replace((Map<String, Object>) child, path, at + 1, value));
        }
        return copy;
    }

    /** The value at a dotted path ("workload.containers"), or null. */
    public Object at(String dottedPath) {
        Object v = scenario;
        for (String part : dottedPath.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    public String text(String dottedPath) {
        Object v = at(dottedPath);
        return v == null || v instanceof Map || v instanceof List ? null : scalar(v);
    }

    /** A value for people: doubles without binary noise (3.1164, not 3.1164000000000005). */
    static String scalar(Object v) {
        return v instanceof Double d ? io.mountsim.reports.text.Numbers.plain(d) : String.valueOf(v);
    }

    /**
     * The machine every point of {@code r} ran on, for titles and the headline; null when
     * unknown or when the machine itself was swept (then each point names its own).
     */
    public static String machineOf(io.mountsim.core.results.ExperimentResult r) {
        boolean swept = r.sweptKeys().stream().anyMatch(k -> k.equals("machine") || k.startsWith("machine."));
        return swept ? null : new ScenarioFacts(r.resolvedScenario()).machineLabel();
    }

    /**
     * The machine as people name it: the preset name, an inline machine's own name, or its
     * shape ("1 socket × 16 cores × 2 threads").
     */
    public String machineLabel() {
        List<ScenarioFacts> compared = compared();
        if (!compared.isEmpty()) {
            // a comparison: its scenarios' machines, once each ("r5.metal" or "r5.metal vs m7i.metal")
            java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>();
            compared.forEach(c -> {
                if (c.machineLabel() != null) {
                    labels.add(c.machineLabel());
                }
            });
            return labels.isEmpty() ? null : String.join(" vs ", labels);
        }
        Object m = at("machine");
        if (m == null) {
            return null;
        }
        if (!(m instanceof Map<?, ?> map)) {
            return String.valueOf(m);
        }
        for (String nameKey : List.of("preset", "name")) {
            if (map.get(nameKey) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        List<String> shape = new ArrayList<>();
        count(map.get("sockets"), "socket", shape);
        count(map.get("coresPerSocket"), "core", shape);
        count(map.get("threadsPerCore"), "thread", shape);
        return shape.isEmpty() ? "custom machine" : String.join(" × ", shape);
    }

    /** A preset's or inline machine's shape: "2 sockets × 24 cores × 2 threads, mesh"; null if unknown. */
    public String machineShape() {
        if (!(at("machine") instanceof Map<?, ?> map)) {
            return null;
        }
        List<String> shape = new ArrayList<>();
        count(map.get("sockets"), "socket", shape);
        count(map.get("coresPerSocket"), "core", shape);
        count(map.get("threadsPerCore"), "thread", shape);
        if (shape.isEmpty()) {
            return null;
        }
        String text = String.join(" × ", shape);
        return map.get("interconnect") == null ? text : text + ", " + map.get("interconnect");
    }

    /**
     * The scenarios of a comparison (the resolved form {@code {name, compare: [scenario...]}}),
     * in order; empty for a single scenario.
     */
    @SuppressWarnings("unchecked")
    public List<ScenarioFacts> compared() {
        if (!(scenario.get("compare") instanceof List<?> list)) {
            return List.of();
        }
        List<ScenarioFacts> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                out.add(new ScenarioFacts((Map<String, Object>) m));
            }
        }
        return out;
    }

    private static void count(Object v, String noun, List<String> out) {
        if (v != null) {
            out.add(v + " " + noun + ("1".equals(String.valueOf(v)) ? "" : "s"));
        }
    }

    /** Every scalar of the scenario as dotted path = value, in document order. */
    public List<Map.Entry<String, String>> flatten() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        flatten("", scenario, out);
        return out;
    }

    private static void flatten(String prefix, Object v, List<Map.Entry<String, String>> out) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.add(Map.entry(prefix, "{}"));
            }
            m.forEach((k, x) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, x, out));
        } else if (v instanceof List<?> l) {
            boolean scalars = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            if (scalars) {
                out.add(Map.entry(prefix, "[" + String.join(", ", l.stream().map(ScenarioFacts::scalar).toList()) + "]"));
            } else {
                for (int i = 0; i < l.size(); i++) {
                    flatten(prefix + "[" + i + "]", l.get(i), out);
                }
            }
        } else {
            out.add(Map.entry(prefix, scalar(v)));
        }
    }
}
