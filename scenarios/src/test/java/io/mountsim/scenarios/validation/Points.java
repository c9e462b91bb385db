package io.mountsim.scenarios.validation;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds sweep points of a run by their swept values and formats their metrics. */
final class Points {
    private final ExperimentResult result;

    private Points(ExperimentResult result) {
        this.result = result;
    }

    static Points of(ExperimentResult result) {
        return new Points(result);
    }

    /**
     * The one point whose swept keys have the given values, e.g.
     * {@code point("machine", "r5.metal", "workload.containers", "100")}.
     */
    PointResult point(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key, value pairs");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            wanted.put(keyValues[i], keyValues[i + 1]);
        }
        List<PointResult> matching = result.points().stream()
                .filter(p -> wanted.entrySet().stream().allMatch(e -> e.getValue().equals(p.parameters().get(e.getKey()))))
                .toList();
        if (matching.size() != 1) {
            throw new IllegalStateException(result.name() + ": " + matching.size() + " points match " + wanted
                    + "; the scenario's sweep no longer has the point this finding reads");
        }
        return matching.get(0);
    }

    MetricSummary metric(String metric, String... keyValues) {
        MetricSummary m = point(keyValues).metric(metric);
        if (m == null) {
            throw new IllegalStateException(result.name() + ": no metric " + metric);
        }
        return m;
    }

    /** Whether two confidence intervals do not overlap (a difference the replications resolve). */
    static boolean separated(MetricSummary a, MetricSummary b) {
        return a.upper() < b.lower() || b.upper() < a.lower();
    }

    /** {@code 204.8 ± 3.1} with three significant digits on the mean. */
    static String withCi(MetricSummary m) {
        return number(m.mean()) + " ± " + number(m.ci95());
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000 || a == Math.rint(a) && a < 1e9) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
