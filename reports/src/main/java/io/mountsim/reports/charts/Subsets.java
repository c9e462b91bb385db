package io.mountsim.reports.charts;

import io.mountsim.core.results.PointResult;

import java.util.ArrayList;
import java.util.List;

/** Choosing which points a crowded chart shows. */
final class Subsets {

    private Subsets() {
    }

    /** At most {@code max} points, evenly spaced in sweep order, always the first and the last. */
    static List<PointResult> evenlySpaced(List<PointResult> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<PointResult> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(points.get((int) Math.round((double) i * (points.size() - 1) / (max - 1))));
        }
        return out;
    }
}
