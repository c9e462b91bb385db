package io.mountsim.scenarios.scenario;

import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.ScenarioSchema;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.Set;

/**
 * One mapping of the scenario at a known key path. Creating it reports every key the
 * schema does not know there, with the nearest valid key.
 */
final class Section {
    /**
     * Top-level keys starting with {@code x-} are ignored, as in Compose files: a place for
     * YAML anchors shared by several sections ({@code x-image: &image {layers: 50}}).
     */
    static final String EXTENSION_PREFIX = "x-";

    private final YamlValue.Mapping mapping;
    private final String path;

    private Section(YamlValue.Mapping mapping, String path) {
        this.mapping = mapping;
        this.path = path;
    }

    /** A section over {@code mapping}; unknown keys are reported to {@code problems}. */
    static Section of(YamlValue.Mapping mapping, String path, Problems problems) {
        Set<String> known = ScenarioSchema.childNames(path);
        for (YamlValue.Entry e : mapping.entries().values()) {
            if (path.isEmpty() && e.key().startsWith(EXTENSION_PREFIX)) {
                continue;
            }
            if (!known.contains(e.key())) {
                problems.add(e.keyLocation(), join(path, e.key()), ScenarioSchema.unknownKeyMessage(path, e.key()));
            }
        }
        return new Section(mapping, path);
    }

    /** An absent section: every key reads as absent. */
    static Section empty(String path, YamlValue.Mapping at) {
        return new Section(new YamlValue.Mapping(java.util.Map.of(), at.location()), path);
    }

    YamlValue get(String key) {
        return mapping.get(key);
    }

    boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    YamlValue.Entry entry(String key) {
        return mapping.entries().get(key);
    }

    String path(String key) {
        return join(path, key);
    }

    String path() {
        return path;
    }

    YamlValue.Mapping mapping() {
        return mapping;
    }

    static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
