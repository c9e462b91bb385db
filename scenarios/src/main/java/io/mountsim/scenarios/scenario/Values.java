package io.mountsim.scenarios.scenario;

import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.KeySuggester;
import io.mountsim.scenarios.schema.Range;
import io.mountsim.scenarios.schema.ScenarioKey;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Typed reads of single YAML values. Each read either returns the value or records one
 * problem (naming the key path, what was expected and what was written) and returns
 * empty, so binding goes on and every mistake of a file is reported in one run.
 */
final class Values {
    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    void error(YamlValue at, String path, String message) {
        problems.add(at.location(), path, message);
    }

    // ---- reads by key of the table (ScenarioKeys): the key names the value, its range and default ----

    /** The key's integer, or its default when absent; {@code s} is the mapping holding it. */
    int read(Section s, ScenarioKey.Int key) {
        return read(s, key, Math.toIntExact(key.requireDefault()));
    }

    /** The key's integer, or {@code fallback} when absent (a default taken from a preset or profile). */
    int read(Section s, ScenarioKey.Int key, int fallback) {
        return Math.toIntExact(readLong(s, key, fallback));
    }

    long readLong(Section s, ScenarioKey.Int key, long fallback) {
        YamlValue v = s.get(held(s, key));
        if (v == null) {
            return fallback;
        }
        return integer(v, s.path(key.name()), key.min(), key.max(), key.expected()).orElse(fallback);
    }

    double read(Section s, ScenarioKey.Num key) {
        return read(s, key, key.requireDefault());
    }

    double read(Section s, ScenarioKey.Num key, double fallback) {
        return numberOr(s.get(held(s, key)), s.path(key.name()), key.range(), fallback);
    }

    String read(Section s, ScenarioKey.Choice key) {
        return read(s, key, key.defaultValue());
    }

    /** The key's option, or {@code fallback} when absent or misspelt (the misspelling is reported). */
    String read(Section s, ScenarioKey.Choice key, String fallback) {
        if (!s.has(held(s, key))) {
            return fallback;
        }
        return choice(s.get(key.name()), s.path(key.name()), key.options()).orElse(fallback);
    }

    boolean read(Section s, ScenarioKey.Switch key) {
        if (!s.has(held(s, key))) {
            return key.defaultValue();
        }
        return onOff(s.get(key.name()), s.path(key.name())).orElse(key.defaultValue());
    }

    /** The key's text; empty when absent or not text (reported). */
    Optional<String> read(Section s, ScenarioKey.Text key) {
        if (!s.has(held(s, key))) {
            return Optional.empty();
        }
        return text(s.get(key.name()), s.path(key.name()));
    }

    /** The key's name in {@code s}, after checking that {@code s} is the mapping holding it. */
    private static String held(Section s, ScenarioKey key) {
        if (!key.parent().equals(s.path())) {
            throw new IllegalArgumentException(key.path() + " is not a key of " + (s.path().isEmpty() ? "the top level" : s.path()));
        }
        return key.name();
    }

    /** The scalar's text, or a problem when the value is a list, a mapping or empty. */
    Optional<String> scalar(YamlValue v, String path, String expected) {
        if (v instanceof YamlValue.Scalar s && !s.isNull()) {
            return Optional.of(s.text().trim());
        }
        error(v, path, "expected " + expected + ", got " + describe(v));
        return Optional.empty();
    }

    Optional<String> text(YamlValue v, String path) {
        return scalar(v, path, "text");
    }

    /** An integer in [min, max]; {@code expected} describes the range in words. */
    OptionalLong integer(YamlValue v, String path, long min, long max, String expected) {
        Optional<String> s = scalar(v, path, expected);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        long value;
        try {
            value = Long.parseLong(s.get().replace("_", ""));
        } catch (NumberFormatException e) {
            error(v, path, "expected " + expected + ", got '" + s.get() + "'");
            return OptionalLong.empty();
        }
        if (value < min || value > max) {
            error(v, path, "expected " + expected + ", got " + value);
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    int intOr(YamlValue v, String path, int min, int max, String expected, int fallback) {
        if (v == null) {
            return fallback;
        }
        OptionalLong r = integer(v, path, min, max, expected);
        return r.isPresent() ? (int) r.getAsLong() : fallback;
    }

    /** A finite number accepted by {@code range}. */
    OptionalDouble number(YamlValue v, String path, Range range) {
        Optional<String> s = scalar(v, path, range.describe());
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        double value;
        try {
            value = Double.parseDouble(s.get().replace("_", ""));
        } catch (NumberFormatException e) {
            error(v, path, "expected " + range.describe() + ", got '" + s.get() + "'");
            return OptionalDouble.empty();
        }
        if (!Double.isFinite(value) || !range.accepts(value)) {
            error(v, path, "expected " + range.describe() + ", got " + s.get());
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    double numberOr(YamlValue v, String path, Range range, double fallback) {
        if (v == null) {
            return fallback;
        }
        OptionalDouble r = number(v, path, range);
        return r.isPresent() ? r.getAsDouble() : fallback;
    }

    /** One of {@code options}, with the nearest one suggested for a typo. */
    Optional<String> choice(YamlValue v, String path, List<String> options) {
        String expected = "one of " + String.join(", ", options);
        Optional<String> s = scalar(v, path, expected);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String lower = s.get().toLowerCase(Locale.ROOT);
        for (String o : options) {
            if (o.equals(lower)) {
                return Optional.of(o);
            }
        }
        String hint = KeySuggester.nearest(s.get(), options).map(o -> "; did you mean " + o + "?").orElse("");
        error(v, path, "expected " + expected + ", got '" + s.get() + "'" + hint);
        return Optional.empty();
    }

    /** on/off, true/false, yes/no. */
    Optional<Boolean> onOff(YamlValue v, String path) {
        Optional<String> s = scalar(v, path, "on or off");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        switch (s.get().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes":
                return Optional.of(true);
            case "off", "false", "no":
                return Optional.of(false);
            default:
                error(v, path, "expected on or off, got '" + s.get() + "'");
                return Optional.empty();
        }
    }

    Optional<YamlValue.Mapping> mapping(YamlValue v, String path, String expected) {
        if (v instanceof YamlValue.Mapping m) {
            return Optional.of(m);
        }
        error(v, path, "expected " + expected + ", got " + describe(v));
        return Optional.empty();
    }

    static String describe(YamlValue v) {
        if (v instanceof YamlValue.Mapping) {
            return "a mapping";
        }
        if (v instanceof YamlValue.Sequence) {
            return "a list";
        }
        YamlValue.Scalar s = (YamlValue.Scalar) v;
        return s.isNull() ? "nothing" : "'" + s.text() + "'";
    }
}
