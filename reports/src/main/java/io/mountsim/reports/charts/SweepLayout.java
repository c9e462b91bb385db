package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.SweepKeys;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a sweep maps onto a chart: the {@link SweepKeys#numericAxis ordered swept key} becomes
 * the x axis; the remaining keys together name the series (one line per combination of
 * their values). A comparison, or a sweep over names only, has no x key. When the axis
 * holds {@code unlimited}, it is an ordered category axis (1, 2, 4, ..., 64, unlimited,
 * evenly spaced), since no number stands for "no cap".
 *
 * @param xKey       the swept key on the x axis, or null
 * @param seriesKeys the other swept keys that take more than one value, in sweep order
 * @param categories the x axis's values in order when it is a category axis, else empty
 */
record SweepLayout(String xKey, List<String> seriesKeys, List<String> categories) {

    static SweepLayout of(ExperimentResult r) {
        List<String> varying = r.sweptKeys().stream()
                .filter(k -> r.points().stream().map(p -> p.parameters().get(k)).distinct().count() > 1)
                .toList();
        return SweepKeys.numericAxis(r)
                .map(key -> {
                    List<String> rest = new ArrayList<>(varying);
                    rest.remove(key);
                    List<String> categories = SweepKeys.hasUnlimited(r.points(), key)
                            ? SweepKeys.ordered(r.points(), key) : List.of();
                    return new SweepLayout(key, List.copyOf(rest), categories);
                })
                .orElseGet(() -> new SweepLayout(null, List.copyOf(r.sweptKeys()), List.of()));
    }

    boolean numeric() {
        return xKey != null;
    }

    boolean categorical() {
        return !categories.isEmpty();
    }

    /** The point's position on the x axis: its value, or its category's index. */
    double x(PointResult p) {
        if (categorical()) {
            double v = SweepKeys.value(p, xKey);
            for (int i = 0; i < categories.size(); i++) {
                if (SweepKeys.value(categories.get(i)) == v) {
                    return i;
                }
            }
        }
        return SweepKeys.value(p, xKey);
    }

    /** The x axis for {@code points}: categories in order, else a linear or log value axis. */
    ValueAxis xAxis(List<PointResult> points) {
        if (categorical()) {
            SymbolAxis axis = new SymbolAxis(xKey, categories.toArray(String[]::new));
            axis.setGridBandsVisible(false);
            return axis;
        }
        return Axes.value(xKey, points.stream().mapToDouble(this::x).toArray());
    }

    /** "runtime.idmap=per-layer" (the given keys), or {@code whole} when there are none. */
    static String label(PointResult p, List<String> keys, String whole) {
        if (keys.isEmpty()) {
            return whole;
        }
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(p.parameters().getOrDefault(k, "?"));
        }
        return sb.toString();
    }

    String seriesLabel(PointResult p, String whole) {
        return label(p, seriesKeys, whole);
    }

    /** Points grouped by series label (first-seen order), each group sorted by x. */
    Map<String, List<PointResult>> series(List<PointResult> points, String whole) {
        return group(points, seriesKeys, whole);
    }

    /** Points grouped by the values of {@code keys} (first-seen order), each group sorted by x. */
    Map<String, List<PointResult>> group(List<PointResult> points, List<String> keys, String whole) {
        Map<String, List<PointResult>> groups = new LinkedHashMap<>();
        for (PointResult p : points) {
            groups.computeIfAbsent(label(p, keys, whole), k -> new ArrayList<>()).add(p);
        }
        if (numeric()) {
            groups.values().forEach(g -> g.sort(Comparator.comparingDouble(this::x)));
        }
        return groups;
    }
}
