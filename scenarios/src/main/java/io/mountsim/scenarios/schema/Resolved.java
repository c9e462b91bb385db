package io.mountsim.scenarios.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario with every default filled in, as written to summary.json: values placed by
 * their key of the table, so the resolved copy can only hold keys a scenario file may
 * hold (and is itself a valid scenario file). Mappings keep the order values were put.
 */
public final class Resolved {
    private final LinkedHashMap<String, Object> root = new LinkedHashMap<>();

    /** Puts {@code value} at the key's path, creating the mappings above it. */
    public Resolved put(ScenarioKey key, Object value) {
        String[] parts = key.path().split("\\.");
        Map<String, Object> at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = at.get(parts[i]);
            if (!(child instanceof Map<?, ?>)) {
                child = new LinkedHashMap<String, Object>();
                at.put(parts[i], child);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) child;
            at = next;
        }
        at.put(parts[parts.length - 1], value);
        return this;
    }

    /** Whether anything was put at or below {@code key} (no value put is null). */
    public boolean has(ScenarioKey key) {
        return at(root, key) != null;
    }

    /** Everything put, as nested mappings (the YAML/JSON shape of a scenario file). */
    public Map<String, Object> tree() {
        return root;
    }

    /** The value at {@code key} in a resolved tree (summary.json's "scenario"), or null when absent. */
    public static Object at(Map<String, Object> tree, ScenarioKey key) {
        Object at = tree;
        for (String part : key.path().split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(part);
        }
        return at;
    }

    /**
     * The nested resolved scenario as dotted key path -> value, in order: the facts a
     * report needs ("workload.containers" -> 100). Lists (sweep values, watchers.others)
     * stay values; sweep's keys are key paths themselves and stay whole under "sweep".
     */
    public static Map<String, Object> flat(Map<String, Object> tree) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String path = prefix.isEmpty() ? (String) e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child && !path.equals(ScenarioKeys.SWEEP_KEYS.path())) {
                flatten(path, child, out);
            } else {
                out.put(path, e.getValue() instanceof List<?> l ? List.copyOf(l) : e.getValue());
            }
        }
    }
}
