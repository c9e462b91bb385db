package io.mountsim.reports.json;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.RunDescription;
import io.mountsim.reports.data.ConfidenceName;
import io.mountsim.reports.data.MetricOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * summary.json: the run as resolved and every metric of every point. Layout (keys in this
 * order, see {@link SummaryJsonReader} for the way back):
 * <pre>
 * { "format": "mountsim-summary/1", "name", "description", "seed", "replications",
 *   "confidence", "healthCheckTimeoutSeconds" (null = none), "comparison", "sweptKeys",
 *   "overrides" (the command line's --set KEY=VALUE, as given),
 *   "scenario": { resolved scenario },
 *   "runDescription": { "points" (the whole run's), "sweep": [ {"key", "values": [text]} ],
 *                       "scenarios": [ {"name", "machineLabel", "machineShape",
 *                                       "settings": {dotted key: text}} ] },
 *   "points": [ { "index", "parameters": {key: value},
 *                 "metrics": { name: {"mean", "ci95" (named for the level), "min", "max", "n"} },
 *                 "cpu": {"usefulWork", "spinning", "idle", "waitingForCpu"},
 *                 "measured": { metric: value } } ] }
 * </pre>
 * Metrics in {@link MetricOrder} order; {@code ci95} is the half-width at the run's
 * {@code confidence} and is named for it ({@code ci80} at 0.8, see {@link ConfidenceName});
 * NaN is {@code null}.
 */
public final class SummaryJson {

    public static final String FORMAT = "mountsim-summary/1";

    private SummaryJson() {
    }

    public static String write(ExperimentResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("name", r.name());
        doc.put("description", r.description());
        doc.put("seed", r.seed());
        doc.put("replications", r.replications());
        doc.put("confidence", r.confidence());
        doc.put("healthCheckTimeoutSeconds", r.healthCheckTimeoutSeconds());
        doc.put("comparison", r.comparison());
        doc.put("sweptKeys", r.sweptKeys());
        doc.put("overrides", r.overrides());
        doc.put("scenario", r.resolvedScenario());
        doc.put("runDescription", description(r.run()));
        doc.put("points", r.points().stream().map(p -> point(p, ConfidenceName.of(r.confidence()))).toList());
        return Json.write(doc);
    }

    /** The typed facts the report is drawn from, so merge redraws it from shards (comparison, sweptKeys, overrides are above). */
    private static Map<String, Object> description(RunDescription d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", d.points());
        m.put("sweep", d.sweep().stream().map(a -> {
            Map<String, Object> axis = new LinkedHashMap<>();
            axis.put("key", a.key());
            axis.put("values", a.values());
            return axis;
        }).toList());
        m.put("scenarios", d.scenarios().stream().map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", s.name());
            one.put("machineLabel", s.machineLabel());
            one.put("machineShape", s.machineShape());
            Map<String, Object> settings = new LinkedHashMap<>();
            s.settings().forEach(x -> settings.put(x.key(), x.value()));
            one.put("settings", settings);
            return one;
        }).toList());
        return m;
    }

    private static Map<String, Object> point(PointResult p, String ciKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("parameters", p.parameters());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String name : MetricOrder.sort(p.metrics().keySet())) {
            metrics.put(name, metric(p.metric(name), ciKey));
        }
        m.put("metrics", metrics);
        m.put("cpu", cpu(p.cpu()));
        Map<String, Object> measured = new LinkedHashMap<>();
        for (String name : MetricOrder.sort(p.measured().keySet())) {
            measured.put(name, p.measured().get(name));
        }
        m.put("measured", measured);
        return m;
    }

    private static Map<String, Object> metric(MetricSummary s, String ciKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", s.mean());
        m.put(ciKey, s.ci95());
        m.put("min", s.min());
        m.put("max", s.max());
        m.put("n", s.n());
        return m;
    }

    private static Map<String, Object> cpu(CpuBreakdown c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("usefulWork", c.usefulWork());
        m.put("spinning", c.spinning());
        m.put("idle", c.idle());
        m.put("waitingForCpu", c.waitingForCpu());
        return m;
    }
}
