package io.mountsim.scenarios.schema;

/**
 * An accepted numeric interval, with its description for messages and the README and
 * its JSON Schema bounds.
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
    public static Range positive() {
        return new Range(0, false, Double.MAX_VALUE, true);
    }

    public static Range nonNegative() {
        return new Range(0, true, Double.MAX_VALUE, true);
    }

    public static Range atLeast(double min) {
        return new Range(min, true, Double.MAX_VALUE, true);
    }

    public static Range unit() {
        return new Range(0, true, 1, true);
    }

    public static Range openUnit() {
        return new Range(0, false, 1, false);
    }

    public boolean accepts(double v) {
        return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
    }

    /** Whether there is an upper bound at all ({@code Double.MAX_VALUE} means none). */
    public boolean bounded() {
        return max != Double.MAX_VALUE;
    }

    /** "a number > 0", "a number in [0, 1]". */
    public String describe() {
        String lo = (minInclusive ? ">= " : "> ") + fmt(min);
        if (!bounded()) {
            return "a number " + lo;
        }
        return "a number in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
    }

    /** A whole number without ".0", so messages read as the user wrote the bound. */
    public static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
