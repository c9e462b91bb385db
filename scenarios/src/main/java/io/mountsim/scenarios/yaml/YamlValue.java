package io.mountsim.scenarios.yaml;

import io.mountsim.scenarios.diag.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A YAML value that remembers where it was written, so every error can name its line.
 * Immutable; an override builds a new tree.
 */
public sealed interface YamlValue {

    Location location();

    /** The value as a user would write it in flow style, e.g. {@code {uniform: [20, 80]}}. */
    String render();

    /** A scalar; {@code isNull} for an empty value, {@code ~} or {@code null}. */
    record Scalar(String text, boolean isNull, boolean quoted, Location location) implements YamlValue {
        private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_.+/\\-][A-Za-z0-9_.+/: \\-]*");

        @Override
        public String render() {
            if (isNull) {
                return "null";
            }
            return PLAIN_SAFE.matcher(text).matches() && !text.endsWith(" ") && !text.contains(": ")
                    ? text : '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    record Sequence(List<YamlValue> items, Location location) implements YamlValue {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String render() {
            List<String> parts = new ArrayList<>();
            items.forEach(i -> parts.add(i.render()));
            return "[" + String.join(", ", parts) + "]";
        }
    }

    /** One key of a mapping, with the key's own location (for unknown-key errors). */
    record Entry(String key, Location keyLocation, YamlValue value) {
    }

    record Mapping(Map<String, Entry> entries, Location location) implements YamlValue {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YamlValue get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        /** A copy with {@code key} set to {@code value} (appended when new, in place otherwise). */
        public Mapping with(String key, Location keyLocation, YamlValue value) {
            LinkedHashMap<String, Entry> copy = new LinkedHashMap<>(entries);
            Entry old = copy.get(key);
            copy.put(key, new Entry(key, old != null ? old.keyLocation() : keyLocation, value));
            return new Mapping(copy, location);
        }

        public Mapping without(String key) {
            LinkedHashMap<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.remove(key);
            return new Mapping(copy, location);
        }

        @Override
        public String render() {
            List<String> parts = new ArrayList<>();
            entries.values().forEach(e -> parts.add(e.key() + ": " + e.value().render()));
            return "{" + String.join(", ", parts) + "}";
        }
    }
}
