package io.mountsim.reports.data;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Which swept key can serve as an ordered x axis: numbers, plus {@value #UNLIMITED}
 * (the absence of a cap), which orders after every number.
 */
public final class SweepKeys {

    /** The one non-numeric value an ordered axis accepts: {@code maxConcurrentStarts: unlimited}. */
    public static final String UNLIMITED = "unlimited";

    /** The concurrency cap: when swept, it is the x axis. */
    public static final String CAP_KEY = "workload.maxConcurrentStarts";

    private SweepKeys() {
    }

    /**
     * The concurrency cap when it is swept, else the first swept key whose value is a finite number (or {@value #UNLIMITED}) at every
     * point and that takes at least two distinct values (a key swept over one value is a
     * constant, not an axis). Empty for comparisons, which are whole scenarios side by side.
     */
    public static Optional<String> numericAxis(ExperimentResult r) {
        if (r.comparison()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>(r.sweptKeys());
        // a swept cap is the run's question (which cap?), whatever else is swept before it
        if (candidates.remove(CAP_KEY)) {
            candidates.add(0, CAP_KEY);
        }
        for (String key : candidates) {
            boolean ordered = r.points().stream().allMatch(p -> isOrdered(p.parameters().get(key)));
            if (ordered && r.points().stream().mapToDouble(p -> value(p, key)).distinct().count() >= 2) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /**
     * The value of {@code key} at {@code p} (call only for a key {@link #numericAxis} returned);
     * {@value #UNLIMITED} is +infinity.
     */
    public static double value(PointResult p, String key) {
        return value(p.parameters().get(key));
    }

    /** A swept value on the ordered axis: the number, or +infinity for {@value #UNLIMITED}. */
    public static double value(String s) {
        return s.trim().equals(UNLIMITED) ? Double.POSITIVE_INFINITY : Double.parseDouble(s.trim());
    }

    /** True when some point's value of {@code key} is {@value #UNLIMITED}: the axis must be ordinal. */
    public static boolean hasUnlimited(List<PointResult> points, String key) {
        return points.stream().anyMatch(p -> UNLIMITED.equals(p.parameters().get(key).trim()));
    }

    /** The distinct values of {@code key} in axis order (numbers ascending, unlimited last), as written. */
    public static List<String> ordered(List<PointResult> points, String key) {
        LinkedHashSet<String> values = new LinkedHashSet<>();
        points.stream().map(p -> p.parameters().get(key).trim())
                .sorted(Comparator.comparingDouble(SweepKeys::value))
                .forEach(v -> {
                    // "8" and "8.0" are one position on the axis
                    if (values.stream().noneMatch(x -> value(x) == value(v))) {
                        values.add(v);
                    }
                });
        return new ArrayList<>(values);
    }

    private static boolean isOrdered(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        if (s.trim().equals(UNLIMITED)) {
            return true;
        }
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
