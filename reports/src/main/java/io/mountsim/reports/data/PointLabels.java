package io.mountsim.reports.data;

import io.mountsim.core.results.PointResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a point is called in legends, table headers and headlines. */
public final class PointLabels {

    private PointLabels() {
    }

    /**
     * The value alone when one key was swept (a comparison's scenario name, "common-parent"),
     * else every {@code key=value}; "point N" with no parameters.
     */
    public static String of(PointResult p) {
        if (p.parameters().size() == 1) {
            return p.parameters().values().iterator().next();
        }
        return p.label();
    }

    /**
     * Values only, joined by " · " ("64 · per-layer"), for crowded axes and legends whose
     * title already names the keys; same as {@link #of} for one or no parameters.
     */
    public static String compact(PointResult p) {
        if (p.parameters().size() <= 1) {
            return of(p);
        }
        return String.join(" · ", p.parameters().values());
    }

    /** {@link #compact} for every point, made unique like {@link #unique}. */
    public static List<String> uniqueCompact(List<PointResult> points) {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PointResult p : points) {
            String label = compact(p);
            if (!seen.add(label)) {
                label = label + " (point " + p.index() + ")";
                seen.add(label);
            }
            labels.add(label);
        }
        return labels;
    }

    /** {@link #of} for every point, made unique (two compared files may share a name). */
    public static List<String> unique(List<PointResult> points) {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PointResult p : points) {
            String label = of(p);
            if (!seen.add(label)) {
                label = label + " (point " + p.index() + ")";
                seen.add(label);
            }
            labels.add(label);
        }
        return labels;
    }
}
