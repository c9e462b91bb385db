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
        return v == null || v instanceof Map || v instanceof List ? null : String.valueOf(v);
    }

    /**
     * The machine as people name it: the preset name, an inline machine's own name, or its
     * shape ("1 socket × 16 cores × 2 threads").
     */
    public String machineLabel() {
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
                out.add(Map.entry(prefix, l.toString()));
            } else {
                for (int i = 0; i < l.size(); i++) {
                    flatten(prefix + "[" + i + "]", l.get(i), out);
                }
            }
        } else {
            out.add(Map.entry(prefix, String.valueOf(v)));
        }
    }
}
