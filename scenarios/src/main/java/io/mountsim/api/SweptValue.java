package io.mountsim.api;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The value a swept key had at one point, as the scenario wrote it (the text that
 * results.csv prints), e.g. {@code 64} or {@code per-layer}.
 *
 * @param key  the swept key, a dotted path such as {@code workload.maxConcurrentStarts}
 * @param text the value as written
 */
public record SweptValue(String key, String text) {
    /** A decimal number as YAML writes one (not Java's {@code NaN}, {@code 1d} or hex forms). */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * The value as a number, when it is one.
     *
     * @return the number, or empty for a name such as {@code per-layer}
     */
    public OptionalDouble number() {
        return NUMBER.matcher(text).matches() ? OptionalDouble.of(Double.parseDouble(text)) : OptionalDouble.empty();
    }

    /** The value as written. */
    @Override
    public String toString() {
        return text;
    }
}
