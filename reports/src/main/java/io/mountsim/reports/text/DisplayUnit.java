package io.mountsim.reports.text;

import java.util.List;

/**
 * A unit to show numbers in, and the factor from the unit they were measured in: a time
 * measured in µs, ms or s moves to the next larger unit while the values reach ten
 * thousand, so a table or axis never shows 111323 µs for 111 ms.
 *
 * @param factor multiply a measured value by this to get the displayed one
 * @param label  the displayed unit ("" for counts and fractions)
 */
public record DisplayUnit(double factor, String label) {

    private static final List<String> TIME = List.of("ns", "µs", "ms", "s");

    public static DisplayUnit identity(String unit) {
        return new DisplayUnit(1, unit);
    }

    /** {@code unit} itself unless it is a time unit and {@code maxAbs} reaches ten thousand of it. */
    public static DisplayUnit forTime(String unit, double maxAbs) {
        int at = TIME.indexOf(unit);
        if (at < 0) {
            return identity(unit);
        }
        double factor = 1;
        double max = Math.abs(maxAbs);
        while (at < TIME.size() - 1 && max * factor >= 10_000) {
            factor /= 1000;
            at++;
        }
        return new DisplayUnit(factor, TIME.get(at));
    }

    public double apply(double v) {
        return v * factor;
    }
}
