package io.mountsim.reports.data;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;

import java.util.Optional;

/** Which swept key can serve as a numeric x axis. */
public final class SweepKeys {

    private SweepKeys() {
    }

    /**
     * The first swept key whose value is a finite number at every point and that takes at
     * least two distinct values (a key swept over one value is a constant, not an axis).
     * Empty for comparisons, which are whole scenarios side by side.
     */
    public static Optional<String> numericAxis(ExperimentResult r) {
        if (r.comparison()) {
            return Optional.empty();
        }
        for (String key : r.sweptKeys()) {
            boolean numeric = r.points().stream().allMatch(p -> isNumber(p.parameters().get(key)));
            if (numeric && r.points().stream().mapToDouble(p -> value(p, key)).distinct().count() >= 2) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The numeric value of {@code key} at {@code p} (call only for a key {@link #numericAxis} returned). */
    public static double value(PointResult p, String key) {
        return Double.parseDouble(p.parameters().get(key).trim());
    }

    private static boolean isNumber(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
