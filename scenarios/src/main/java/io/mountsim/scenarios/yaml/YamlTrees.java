package io.mountsim.scenarios.yaml;

import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Overrides inside a scenario tree by dotted path ({@code --set} and sweep points). */
public final class YamlTrees {
    /**
     * Keys whose scalar form is shorthand for a mapping with one key, so a deeper override
     * can extend it: {@code machine: r5.metal} + {@code machine.threadsPerCore=1} means
     * {@code machine: {preset: r5.metal, threadsPerCore: 1}}.
     */
    private static final Map<String, String> SCALAR_SHORTHAND = Map.of("machine", "preset");

    private YamlTrees() {
    }

    /** A copy of {@code root} with {@code path} set to {@code value}; a problem if a parent is not a mapping. */
    public static YamlValue.Mapping set(YamlValue.Mapping root, String path, YamlValue value, Location at, Problems problems) {
        return set(root, "", List.of(path.split("\\.", -1)), value, at, problems, path);
    }

    private static YamlValue.Mapping set(YamlValue.Mapping node, String prefix, List<String> segments, YamlValue value,
                                         Location at, Problems problems, String fullPath) {
        String key = segments.get(0);
        String here = prefix.isEmpty() ? key : prefix + "." + key;
        if (segments.size() == 1) {
            return node.with(key, at, value);
        }
        YamlValue child = node.get(key);
        YamlValue.Mapping childMap;
        if (child == null || child instanceof YamlValue.Scalar s && s.isNull()) {
            childMap = new YamlValue.Mapping(Map.of(), at);
        } else if (child instanceof YamlValue.Mapping m) {
            childMap = m;
        } else if (child instanceof YamlValue.Scalar s && SCALAR_SHORTHAND.containsKey(here)) {
            LinkedHashMap<String, YamlValue.Entry> entries = new LinkedHashMap<>();
            String inner = SCALAR_SHORTHAND.get(here);
            entries.put(inner, new YamlValue.Entry(inner, s.location(), s));
            childMap = new YamlValue.Mapping(entries, s.location());
        } else {
            problems.add(at, fullPath, "cannot set it: " + here + " holds " + (child instanceof YamlValue.Sequence ? "a list" : "a single value")
                    + ", not a mapping");
            return node;
        }
        return node.with(key, at, set(childMap, here, segments.subList(1, segments.size()), value, at, problems, fullPath));
    }

    /** A YAML value as plain Java values (for summary.json): numbers, booleans, strings, lists, maps. */
    public static Object toJava(YamlValue v) {
        if (v instanceof YamlValue.Sequence q) {
            return q.items().stream().map(YamlTrees::toJava).toList();
        }
        if (v instanceof YamlValue.Mapping m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, toJava(e.value())));
            return out;
        }
        YamlValue.Scalar s = (YamlValue.Scalar) v;
        if (s.isNull()) {
            return null;
        }
        if (!s.quoted()) {
            String t = s.text();
            if (t.matches("-?\\d{1,18}")) {
                return Long.parseLong(t);
            }
            if (t.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
                return Double.parseDouble(t);
            }
        }
        return s.text();
    }
}
