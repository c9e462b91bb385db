package io.mountsim.scenarios.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Questions about the key table ({@link ScenarioKeys}): which keys exist under a mapping,
 * and, for a key that does not, the nearest one a user may have meant.
 */
public final class ScenarioSchema {
    /** Every key, in table order. */
    public static final List<ScenarioKey> KEYS = ScenarioKeys.ALL;

    private ScenarioSchema() {
    }

    public static Optional<ScenarioKey> find(String path) {
        return ScenarioKeys.find(path);
    }

    /** The direct child key names of {@code parent} ("" = top level), in schema order. */
    public static Set<String> childNames(String parent) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (ScenarioKey k : KEYS) {
            if (k.path().startsWith(prefix)) {
                String rest = k.path().substring(prefix.length());
                if (!rest.isEmpty() && !rest.contains(".")) {
                    out.add(rest);
                }
            }
        }
        return out;
    }

    /**
     * The message for an unknown key: the nearest sibling, or else a key of the same name
     * elsewhere ({@code containers} at the top level -> {@code workload.containers}).
     */
    public static String unknownKeyMessage(String parent, String key) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        Optional<String> sibling = KeySuggester.nearest(key, childNames(parent));
        if (sibling.isPresent()) {
            return "unknown key; did you mean " + prefix + sibling.get() + "?";
        }
        String lower = key.toLowerCase(Locale.ROOT);
        Optional<String> elsewhere = KEYS.stream().map(ScenarioKey::path)
                .filter(p -> p.toLowerCase(Locale.ROOT).endsWith("." + lower))
                .findFirst();
        if (elsewhere.isPresent()) {
            return "unknown key here; did you mean " + elsewhere.get() + "?";
        }
        Optional<String> anyPath = KeySuggester.nearest(prefix + key, KEYS.stream().map(ScenarioKey::path).toList());
        if (anyPath.isPresent()) {
            return "unknown key; did you mean " + anyPath.get() + "?";
        }
        return "unknown key; valid keys here: " + String.join(", ", childNames(parent));
    }

    /** An unknown dotted path (a sweep key or a {@code --set} key): the nearest valid path. */
    public static String unknownPathMessage(String path) {
        List<String> all = KEYS.stream().map(ScenarioKey::path).toList();
        return KeySuggester.nearest(path, all)
                .map(p -> "unknown key; did you mean " + p + "?")
                .orElse("unknown key; see the scenario keys in README.md");
    }
}
