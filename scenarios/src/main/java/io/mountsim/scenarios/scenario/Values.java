package io.mountsim.scenarios.scenario;

import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.KeySuggester;
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

    /** An accepted numeric interval and its description for messages. */
    record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
        static Range positive() {
            return new Range(0, false, Double.MAX_VALUE, true);
        }

        static Range nonNegative() {
            return new Range(0, true, Double.MAX_VALUE, true);
        }

        static Range atLeast(double min) {
            return new Range(min, true, Double.MAX_VALUE, true);
        }

        static Range unit() {
            return new Range(0, true, 1, true);
        }

        static Range openUnit() {
            return new Range(0, false, 1, false);
        }

        boolean accepts(double v) {
            return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
        }

        String describe() {
            String lo = (minInclusive ? ">= " : "> ") + fmt(min);
            if (max == Double.MAX_VALUE) {
                return "a number " + lo;
            }
            return "a number in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
