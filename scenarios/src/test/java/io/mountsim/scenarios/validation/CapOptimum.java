package io.mountsim.scenarios.validation;

import static io.mountsim.core.results.MetricNames.MAKESPAN_SECONDS;
import static io.mountsim.scenarios.validation.Points.number;
import static io.mountsim.scenarios.validation.Points.withCi;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finding 9: for one machine and one variant (idmap mode x layer count), the
 * concurrency cap with the lowest mean makespan, beside the uncapped makespan.
 *
 * @param machine   the preset
 * @param idmap     runtime.idmap
 * @param layers    workload.layers
 * @param bestCap   workload.maxConcurrentStarts of the fastest point
 * @param best      its makespan in seconds
 * @param uncapped  the makespan without a cap
 */
record CapOptimum(String machine, String idmap, String layers, String bestCap, MetricSummary best, MetricSummary uncapped) {
    static final String MACHINE = "machine";
    static final String IDMAP = "runtime.idmap";
    static final String LAYERS = "workload.layers";
    static final String CAP = "workload.maxConcurrentStarts";
    static final String UNLIMITED = "unlimited";

    /** One optimum per (machine, idmap, layers) group of the sweep, in sweep order. */
    static List<CapOptimum> all(ExperimentResult result) {
        Map<List<String>, List<PointResult>> groups = new LinkedHashMap<>();
        for (PointResult p : result.points()) {
            List<String> key = List.of(p.parameters().get(MACHINE), p.parameters().get(IDMAP), p.parameters().get(LAYERS));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<CapOptimum> optima = new ArrayList<>();
        groups.forEach((key, points) -> {
            PointResult best = points.stream().min(Comparator.comparingDouble(NetflixFinding::makespan)).orElseThrow();
            MetricSummary uncapped = points.stream().filter(p -> UNLIMITED.equals(p.parameters().get(CAP))).findFirst()
                    .map(p -> p.metric(MAKESPAN_SECONDS)).orElse(null);
            optima.add(new CapOptimum(key.get(0), key.get(1), key.get(2), best.parameters().get(CAP),
                    best.metric(MAKESPAN_SECONDS), uncapped));
        });
        return optima;
    }

    boolean finite() {
        return Double.isFinite(best.mean()) && best.mean() > 0;
    }

    /** Whether the best cap's makespan is resolved from the uncapped one (CIs disjoint). */
    boolean beatsUncappedResolved() {
        return uncapped != null && !UNLIMITED.equals(bestCap) && Points.separated(best, uncapped);
    }

    @Override
    public String toString() {
        return machine + " " + idmap + " " + layers + " layers: best cap " + bestCap + ", makespan " + withCi(best) + " s"
                + (uncapped == null ? "" : " (uncapped " + withCi(uncapped) + " s)");
    }

    String makespanMs() {
        return number(best.mean() * 1000) + " ± " + number(best.ci95() * 1000);
    }
}
