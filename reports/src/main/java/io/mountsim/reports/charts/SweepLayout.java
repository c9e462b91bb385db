package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.SweepKeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a sweep maps onto a chart: the {@link SweepKeys#numericAxis numeric swept key} becomes
 * the x axis; the remaining keys together name the series (one line per combination of
 * their values). A comparison, or a sweep over names only, has no x key.
 *
 * @param xKey       the numeric swept key on the x axis, or null
 * @param seriesKeys the other swept keys, in sweep order
 */
record SweepLayout(String xKey, List<String> seriesKeys) {

    static SweepLayout of(ExperimentResult r) {
        return SweepKeys.numericAxis(r)
                .map(key -> {
                    List<String> rest = new ArrayList<>(r.sweptKeys());
                    rest.remove(key);
                    return new SweepLayout(key, List.copyOf(rest));
                })
                .orElseGet(() -> new SweepLayout(null, List.copyOf(r.sweptKeys())));
    }

    boolean numeric() {
        return xKey != null;
    }

    double x(PointResult p) {
        return SweepKeys.value(p, xKey);
    }

    /** "runtime.idmap=per-layer" (all series keys), or {@code whole} when there are none. */
    String seriesLabel(PointResult p, String whole) {
        if (seriesKeys.isEmpty()) {
            return whole;
        }
        StringBuilder sb = new StringBuilder();
        for (String k : seriesKeys) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(p.parameters().getOrDefault(k, "?"));
        }
        return sb.toString();
    }

    /** Points grouped by series label (first-seen order), each group sorted by x. */
    Map<String, List<PointResult>> series(List<PointResult> points, String whole) {
        Map<String, List<PointResult>> groups = new LinkedHashMap<>();
        for (PointResult p : points) {
            groups.computeIfAbsent(seriesLabel(p, whole), k -> new ArrayList<>()).add(p);
        }
        if (numeric()) {
            groups.values().forEach(g -> g.sort(Comparator.comparingDouble(this::x)));
        }
        return groups;
    }
}
