package io.mountsim.reports;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small synthetic results with known shapes: latencies that grow with concurrency and
 * shrink with common-parent idmaps, timelines on the two mount locks, and measured values
 * on some points. Built from a fixed Random seed so every test sees the same numbers.
 */
public final class Fixtures {

    static final double HEALTH_CHECK_SECONDS = 30;

    private Fixtures() {
    }

    /**
     * A result as the runner assembles it, its typed description standing in for the
     * scenarios layer's: built from {@code resolved} (a comparison's scenarios under
     * "compare"), the swept keys and the points' parameters.
     */
    public static ExperimentResult result(String name, String description, long seed, int replications, double confidence,
                                          List<String> sweptKeys, List<PointResult> points, Map<String, Object> resolved,
                                          double healthCheckTimeoutSeconds, boolean comparison) {
        List<io.mountsim.core.results.ScenarioDescription> scenarios = new ArrayList<>();
        if (resolved.get("compare") instanceof List<?> compared) {
            compared.forEach(c -> scenarios.add(described(asMap(c))));
        } else {
            scenarios.add(described(resolved));
        }
        List<io.mountsim.core.results.SweepAxis> axes = new ArrayList<>();
        for (String key : sweptKeys) {
            java.util.LinkedHashSet<String> values = new java.util.LinkedHashSet<>();
            points.forEach(p -> values.add(p.parameters().getOrDefault(key, "")));
            axes.add(new io.mountsim.core.results.SweepAxis(key, List.copyOf(values)));
        }
        io.mountsim.core.results.RunDescription run = new io.mountsim.core.results.RunDescription(scenarios, axes,
                points.size(), comparison, List.of());
        return new ExperimentResult(name, description, seed, replications, confidence, run, points, resolved,
                healthCheckTimeoutSeconds);
    }

    /** A fixture scenario's facts: its machine is a preset name, its settings every scalar of the tree. */
    static io.mountsim.core.results.ScenarioDescription described(Map<String, Object> resolved) {
        List<io.mountsim.core.results.Setting> settings = new ArrayList<>();
        flatten("", resolved, settings);
        Object machine = resolved.get("machine");
        return new io.mountsim.core.results.ScenarioDescription(String.valueOf(resolved.getOrDefault("name", "")),
                machine == null ? "" : String.valueOf(machine), "", settings);
    }

    private static void flatten(String prefix, Object v, List<io.mountsim.core.results.Setting> out) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, x, out));
        } else if (v instanceof List<?> l) {
            out.add(new io.mountsim.core.results.Setting(prefix, l.toString()));
        } else {
            out.add(new io.mountsim.core.results.Setting(prefix, String.valueOf(v)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    static Map<String, Object> scenario(String machine, String idmap) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "fixture");
        s.put("machine", machine);
        Map<String, Object> kernel = new LinkedHashMap<>();
        Map<String, Object> syscalls = new LinkedHashMap<>();
        syscalls.put("openTree", 4.3);
        syscalls.put("overlayMount", Map.of("base", 38L));
        kernel.put("syscallsUs", syscalls);
        s.put("kernel", kernel);
        s.put("runtime", new LinkedHashMap<>(Map.of("idmap", idmap)));
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("kind", "container-starts");
        workload.put("containers", 100L);
        workload.put("layers", 50L);
        workload.put("arrival", "burst");
        workload.put("maxConcurrentStarts", "unlimited");
        workload.put("healthCheckTimeoutSeconds", 30L);
        s.put("workload", workload);
        Map<String, Object> mitigations = new LinkedHashMap<>();
        mitigations.put("smt", "on");
        mitigations.put("cpuset", "all");
        s.put("mitigations", mitigations);
        s.put("run", new LinkedHashMap<>(Map.of("seed", 42L)));
        s.put("sweep", List.of("a", 1L, 2.5));
        return s;
    }

    /**
     * A sweep over workload.maxConcurrentStarts [1, 4, 16, 64] x runtime.idmap
     * [per-layer, common-parent]: 8 points; per-layer points carry a measured startsPerSecond.
     * Point 7 has 5000 latencies, more than a LatencySample keeps.
     */
    static ExperimentResult sweep() {
        List<PointResult> points = new ArrayList<>();
        int index = 0;
        for (int concurrency : new int[]{1, 4, 16, 64}) {
            for (String idmap : List.of("per-layer", "common-parent")) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("workload.maxConcurrentStarts", Integer.toString(concurrency));
                params.put("runtime.idmap", idmap);
                double scaleMs = (idmap.equals("per-layer") ? 700.0 : 20.0) * concurrency;
                Map<String, Double> measured = idmap.equals("per-layer")
                        ? Map.of(MetricNames.STARTS_PER_SECOND, 1000.0 / scaleMs * 0.9)
                        : Map.of();
                int starts = index == 7 ? 5000 : 300;
                points.add(point(index, params, scaleMs, starts, measured, 4));
                index++;
            }
        }
        return result("r5.metal sweep", "Container starts under growing concurrency.", 42, 3, 0.95,
                List.of("workload.maxConcurrentStarts", "runtime.idmap"), points,
                scenario("r5.metal", "per-layer"), HEALTH_CHECK_SECONDS, false);
    }

    /** {@code r} with swept key {@code from} called {@code to} (in the points' parameters too). */
    static ExperimentResult renamed(ExperimentResult r, String from, String to) {
        List<PointResult> points = new ArrayList<>();
        for (PointResult p : r.points()) {
            Map<String, String> params = new LinkedHashMap<>();
            p.parameters().forEach((k, v) -> params.put(k.equals(from) ? to : k, v));
            points.add(new PointResult(p.index(), params, p.metrics(), p.startLatenciesMs(), p.cpu(), p.timeline(),
                    p.measured()));
        }
        List<String> keys = r.sweptKeys().stream().map(k -> k.equals(from) ? to : k).toList();
        return result(r.name(), r.description(), r.seed(), r.replications(), r.confidence(), keys,
                points, r.resolvedScenario(), r.healthCheckTimeoutSeconds(), r.comparison());
    }

    /**
     * A cap sweep shaped like the concurrency-sweep run: 200 starts in a burst; a low
     * cap queues them (cap 1: makespan 69.6 s) though each start is fast (p99 370 ms), cap 32
     * and 64 are close, no cap is slower. {@code capHalfWidth} is the makespan half-width of
     * caps 32 and 64. Values are given per cap: {makespan s, p99 ms}.
     */
    static ExperimentResult capSweep(double capHalfWidth) {
        String[] caps = {"1", "8", "32", "64", "unlimited"};
        double[][] values = {{69.6, 370}, {9.1, 690}, {2.3, 650}, {2.2, 711}, {3.5, 1106}};
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < caps.length; i++) {
            PointResult base = point(i, Map.of("workload.maxConcurrentStarts", caps[i]), values[i][1] / 3, 200,
                    Map.of(), 4);
            Map<String, MetricSummary> metrics = new LinkedHashMap<>(base.metrics());
            double hwMakespan = i == 2 || i == 3 ? capHalfWidth : values[i][0] * 0.02;
            metrics.put(MetricNames.MAKESPAN_SECONDS, new MetricSummary(values[i][0], hwMakespan, values[i][0] * 0.9,
                    values[i][0] * 1.1, 3));
            metrics.put(MetricNames.START_LATENCY_MS_P99, new MetricSummary(values[i][1], values[i][1] * 0.1,
                    values[i][1] * 0.9, values[i][1] * 1.1, 3));
            metrics.put(MetricNames.FAILED_STARTS, new MetricSummary(0, 0, 0, 0, 3));
            points.add(new PointResult(i, base.parameters(), metrics, base.startLatenciesMs(), base.cpu(),
                    base.timeline(), base.measured()));
        }
        Map<String, Object> scenario = scenario("r5.metal", "per-layer");
        scenario.remove("sweep");
        return result("r5.metal concurrency cap sweep", "", 42, 3, 0.95,
                List.of("workload.maxConcurrentStarts"), points, scenario, HEALTH_CHECK_SECONDS, false);
    }

    /**
     * The cap sweep: runtime.idmap [per-layer, common-parent] x
     * workload.maxConcurrentStarts [1, 8, 64, unlimited], 200 starts in a burst; per-layer's
     * makespan is shortest at cap 64, common-parent's without a cap.
     */
    static ExperimentResult capSweepTwoSeries() {
        String[] caps = {"1", "8", "64", "unlimited"};
        double[][] makespanS = {{69.6, 9.1, 2.2, 3.5}, {2.9, 0.9, 0.3, 0.25}};
        double[][] p99Ms = {{370, 690, 711, 1106}, {13, 72, 97, 52}};
        List<PointResult> points = new ArrayList<>();
        int index = 0;
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < caps.length; c++) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("runtime.idmap", s == 0 ? "per-layer" : "common-parent");
                params.put("workload.maxConcurrentStarts", caps[c]);
                PointResult base = point(index, params, p99Ms[s][c] / 3, 200, Map.of(), 4);
                Map<String, MetricSummary> metrics = new LinkedHashMap<>(base.metrics());
                metrics.put(MetricNames.MAKESPAN_SECONDS, new MetricSummary(makespanS[s][c], makespanS[s][c] * 0.03,
                        makespanS[s][c] * 0.95, makespanS[s][c] * 1.05, 3));
                metrics.put(MetricNames.START_LATENCY_MS_P95, new MetricSummary(p99Ms[s][c] * 0.9, p99Ms[s][c] * 0.05,
                        p99Ms[s][c] * 0.8, p99Ms[s][c], 3));
                metrics.put(MetricNames.START_LATENCY_MS_P99, new MetricSummary(p99Ms[s][c], p99Ms[s][c] * 0.05,
                        p99Ms[s][c] * 0.9, p99Ms[s][c] * 1.1, 3));
                metrics.put(MetricNames.FAILED_STARTS, new MetricSummary(0, 0, 0, 0, 3));
                points.add(new PointResult(index++, params, metrics, base.startLatenciesMs(), base.cpu(), base.timeline(),
                        base.measured()));
            }
        }
        Map<String, Object> scenario = scenario("r5.metal", "per-layer");
        scenario.remove("sweep");
        return result("r5.metal concurrency cap sweep, per-layer vs common-parent", "", 42, 3, 0.95,
                List.of("runtime.idmap", "workload.maxConcurrentStarts"), points, scenario, HEALTH_CHECK_SECONDS, false);
    }

    /** A what-if of three scenarios, the first (baseline) far slower: p99 41 s vs 0.8 s. */
    static ExperimentResult comparison() {
        List<PointResult> points = List.of(
                pointWithP99(0, "per-layer", 41_000, 12_800),
                pointWithP99(1, "common-parent", 800, 30),
                pointWithP99(2, "fd-lowerdirs", 2_500, 100));
        // the resolved form of a comparison: {name, compare: [one resolved scenario per file]}
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("name", "per-layer vs common-parent vs fd-lowerdirs");
        List<Object> compared = new ArrayList<>();
        for (String idmap : List.of("per-layer", "common-parent", "fd-lowerdirs")) {
            Map<String, Object> s = scenario("r5.metal", idmap);
            s.put("name", idmap);
            compared.add(s);
        }
        resolved.put("compare", compared);
        return result("per-layer vs common-parent vs fd-lowerdirs", "Which idmap mode starts fastest?",
                7, 5, 0.95, List.of("scenario"), points, resolved, HEALTH_CHECK_SECONDS, true);
    }

    /** One point, no sweep, a name full of characters HTML, CSV and JSON must escape. */
    static ExperimentResult single() {
        PointResult p = point(0, Map.of(), 1200, 400, Map.of(), 2);
        return result("<b>\"quoted\", & comma</b>", "Line one\nline two <script>alert(1)</script>", 1, 1,
                0.95, List.of(), List.of(p), scenario("m5.<xl>", "none"), HEALTH_CHECK_SECONDS, false);
    }

    private static PointResult pointWithP99(int index, String name, double p99Ms, double scaleMs) {
        PointResult base = point(index, Map.of("scenario", name), scaleMs, 400, Map.of(), 4);
        Map<String, MetricSummary> metrics = new LinkedHashMap<>(base.metrics());
        metrics.put(MetricNames.START_LATENCY_MS_P99, new MetricSummary(p99Ms, p99Ms * 0.05, p99Ms * 0.9, p99Ms * 1.1, 5));
        return new PointResult(index, base.parameters(), metrics, base.startLatenciesMs(), base.cpu(),
                base.timeline(), base.measured());
    }

    static PointResult point(int index, Map<String, String> params, double scaleMs, int starts,
                             Map<String, Double> measured, int lanes) {
        Random rnd = new Random(1000L + index);
        double[] latencies = new double[starts];
        for (int i = 0; i < starts; i++) {
            latencies[i] = scaleMs * (0.2 + 3 * rnd.nextDouble() * rnd.nextDouble());
        }
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        // deliberately out of contract order: the writers must sort
        metrics.put(MetricNames.SYSCALL_US_MEAN_PREFIX + "overlayMount", summary(rnd, 160));
        metrics.put(MetricNames.WALL_SECONDS, summary(rnd, 0.5));
        for (String name : MetricNames.CONTRACT_ORDER) {
            double typical = switch (name) {
                case MetricNames.STARTS_PER_SECOND -> 1000.0 / scaleMs;
                case MetricNames.START_LATENCY_MS_P50 -> scaleMs;
                case MetricNames.START_LATENCY_MS_P95 -> scaleMs * 2.5;
                case MetricNames.START_LATENCY_MS_P99 -> scaleMs * 3;
                case MetricNames.MAKESPAN_SECONDS -> scaleMs / 10;
                case MetricNames.FAILED_STARTS -> scaleMs > 10_000 ? 9 : 0;
                case MetricNames.CPU_UTILIZATION, MetricNames.SPIN_FRACTION,
                     MetricNames.NAMESPACE_SEM_UTILIZATION, MetricNames.MOUNT_LOCK_UTILIZATION -> 0.4;
                default -> 100 + scaleMs;
            };
            metrics.put(name, summary(rnd, typical));
        }
        metrics.put(MetricNames.SYSCALL_US_MEAN_PREFIX + "openTree", summary(rnd, 4.3));
        metrics.put(MetricNames.EVENTS, new MetricSummary(123456789, 1234.5, 123000000, 124000000, 3));
        List<TimelineSpan> spans = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 60; i++) {
            int lane = i % lanes;
            long hold = 2_000 + rnd.nextInt(20_000);
            spans.add(new TimelineSpan("namespace_sem", lane, i, t, t + hold, TimelineSpan.Kind.HOLD));
            spans.add(new TimelineSpan("namespace_sem", (lane + 1) % lanes, i + 1, t, t + hold, TimelineSpan.Kind.WAIT));
            spans.add(new TimelineSpan("mount_lock", lane, i, t + hold / 4, t + hold / 2, TimelineSpan.Kind.HOLD));
            t += hold;
        }
        Timeline timeline = new Timeline(0, t, lanes, spans);
        CpuBreakdown cpu = new CpuBreakdown(0.3, 0.2, 0.4, 0.15);
        return new PointResult(index, params, metrics, latencies, cpu, timeline, measured);
    }

    private static MetricSummary summary(Random rnd, double typical) {
        double mean = typical * (0.95 + 0.1 * rnd.nextDouble());
        return new MetricSummary(mean, typical * 0.03, mean * 0.9, mean * 1.1, 3);
    }
}
