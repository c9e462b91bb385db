package io.mountsim.scenarios.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One key a scenario file may hold: its dotted path, what its value may be, its default,
 * what it means and whether a sweep may vary it. The kind of key says how its value is
 * read ({@code Values.read}) and how it is written in the JSON Schema; the binders take
 * the key, never its name, so a key's spelling, range and default live in
 * {@link ScenarioKeys} only.
 */
public sealed interface ScenarioKey {
    /** Dotted path, e.g. {@code workload.containers}. */
    String path();

    /** What it means (README, JSON Schema description). */
    String doc();

    /** Whether {@code sweep:} and {@code compare} may vary it. */
    boolean sweepable();

    /** What the value may be, in words, for messages: "an integer in [1, 16]". */
    String expected();

    /** The default in words: "100", "the preset's", "required", "-". */
    String defaultText();

    /**
     * The JSON Schema (draft 2020-12) of the value; {@code children} is the object schema
     * built from the keys below this one (null when there are none).
     */
    Map<String, Object> jsonSchema(Map<String, Object> children);

    /** The last part of the path: the name written in the file. */
    default String name() {
        return path().substring(path().lastIndexOf('.') + 1);
    }

    /** The path of the mapping holding this key ("" at the top level). */
    default String parent() {
        int dot = path().lastIndexOf('.');
        return dot < 0 ? "" : path().substring(0, dot);
    }

    /** The value in words without the article, for the README: "integer in [1, 16]". */
    default String values() {
        String e = expected();
        return e.startsWith("an ") ? e.substring(3) : e.startsWith("a ") ? e.substring(2) : e;
    }

    /** An integer in [min, max]. {@code defaultValue} null = the default is described only (the preset's). */
    record Int(String path, long min, long max, String expected, Long defaultValue, String defaultNote,
               String doc, boolean sweepable) implements ScenarioKey {
        @Override
        public String defaultText() {
            return withNote(defaultValue == null ? "" : Long.toString(defaultValue), defaultNote);
        }

        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            Map<String, Object> s = described(this, "type", "integer", "minimum", min);
            if (max < Integer.MAX_VALUE) {
                s.put("maximum", max);
            }
            if (defaultValue != null) {
                s.put("default", defaultValue);
            }
            return s;
        }

        /** The default; only for keys whose default is a fixed value. */
        public long requireDefault() {
            if (defaultValue == null) {
                throw new IllegalStateException(path + " has no fixed default; pass the fallback");
            }
            return defaultValue;
        }
    }

    /** A finite number in {@code range}. */
    record Num(String path, Range range, Double defaultValue, String defaultNote, String doc, boolean sweepable)
            implements ScenarioKey {
        @Override
        public String expected() {
            return range.describe();
        }

        @Override
        public String defaultText() {
            return withNote(defaultValue == null ? "" : Range.fmt(defaultValue), defaultNote);
        }

        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            Map<String, Object> s = described(this, "type", "number");
            s.put(range.minInclusive() ? "minimum" : "exclusiveMinimum", jsonNumber(range.min()));
            if (range.bounded()) {
                s.put(range.maxInclusive() ? "maximum" : "exclusiveMaximum", jsonNumber(range.max()));
            }
            if (defaultValue != null) {
                s.put("default", jsonNumber(defaultValue));
            }
            return s;
        }

        public double requireDefault() {
            if (defaultValue == null) {
                throw new IllegalStateException(path + " has no fixed default; pass the fallback");
            }
            return defaultValue;
        }
    }

    /** One of a few words. */
    record Choice(String path, List<String> options, String defaultValue, String defaultNote, String doc, boolean sweepable)
            implements ScenarioKey {
        public Choice {
            options = List.copyOf(options);
        }

        @Override
        public String expected() {
            return String.join(" | ", options);
        }

        @Override
        public String values() {
            return expected();
        }

        @Override
        public String defaultText() {
            return withNote(defaultValue == null ? "" : defaultValue, defaultNote);
        }

        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            Map<String, Object> s = described(this, "enum", options);
            if (defaultValue != null) {
                s.put("default", defaultValue);
            }
            return s;
        }
    }

    /**
     * A yes/no switch; {@code on} and {@code off} name the two spellings shown
     * (on/off or true/false), all of on/off, true/false, yes/no are read.
     */
    record Switch(String path, String on, String off, boolean defaultValue, String doc, boolean sweepable)
            implements ScenarioKey {
        /** Every spelling read; YAML 1.1 readers give true/false for the bare words. */
        static final List<Object> SPELLINGS = List.of(true, false, "on", "off", "true", "false", "yes", "no");

        @Override
        public String expected() {
            return on + " | " + off;
        }

        @Override
        public String values() {
            return expected();
        }

        @Override
        public String defaultText() {
            return defaultValue ? on : off;
        }

        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            Map<String, Object> s = described(this, "enum", SPELLINGS);
            s.put("default", defaultText());
            return s;
        }
    }

    /** Free text, a path or a name. */
    record Text(String path, String expected, String defaultText, String doc, boolean sweepable) implements ScenarioKey {
        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            return described(this, "type", "string");
        }
    }

    /** A mapping of the keys below it. */
    record Section(String path, String defaultText, String doc, boolean sweepable) implements ScenarioKey {
        @Override
        public String expected() {
            return "a mapping";
        }

        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            Map<String, Object> s = described(this);
            s.putAll(children == null ? Map.of("type", "object") : children);
            return s;
        }
    }

    /**
     * A key with several forms (a number or {@code {uniform: [min, max]}}, a preset name or
     * a mapping): the binders read it by hand; {@code schema} gives its JSON Schema from the
     * object schema of its children.
     */
    record Form(String path, String expected, String defaultText, String doc, boolean sweepable,
                UnaryOperator<Map<String, Object>> schema) implements ScenarioKey {
        @Override
        public String values() {
            return expected;
        }

        @Override
        public Map<String, Object> jsonSchema(Map<String, Object> children) {
            Map<String, Object> s = described(this);
            s.putAll(schema.apply(children));
            return s;
        }
    }

    private static String withNote(String value, String note) {
        if (note == null || note.isEmpty()) {
            return value.isEmpty() ? "-" : value;
        }
        return value.isEmpty() ? note : value + " " + note;
    }

    /** Whole numbers as integers, so "default": 30 and not 30.0. */
    static Object jsonNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    private static Map<String, Object> described(ScenarioKey k, Object... keyValues) {
        LinkedHashMap<String, Object> s = new LinkedHashMap<>();
        String dflt = k.defaultText();
        s.put("description", k.doc() + ("-".equals(dflt) ? "" : " (default: " + dflt + ")"));
        for (int i = 0; i < keyValues.length; i += 2) {
            s.put((String) keyValues[i], keyValues[i + 1]);
        }
        return s;
    }
}
