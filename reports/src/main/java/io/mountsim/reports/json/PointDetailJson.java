package io.mountsim.reports.json;

import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.reports.ReportInputException;
import io.mountsim.reports.data.MetricOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * points/&lt;index&gt;.json: the per-point detail too big for summary.json but needed to
 * redraw the distribution and timeline charts after {@code merge}:
 * <pre>
 * { "format": "mountsim-point/1", "index",
 *   "startLatencyMsSample": [sorted order statistics, see LatencySample],
 *   "replications": { metric: [value of replication 0, 1, ...] },
 *   "timeline": { "windowStartNs", "windowEndNs", "lanes",
 *                 "spans": [[resource, lane, taskId, startNs, endNs, "HOLD"|"READ_HOLD"|"WAIT"], ...],
 *                 "overview" (when the spans are a window): {"startNs", "binNs",
 *                     "waiting": {resource: [mean waiters per bin]}, "holding": {...}} } }
 * </pre>
 * Write it from a result already reduced by {@link io.mountsim.reports.data.ReportData}.
 */
public final class PointDetailJson {

    public static final String FORMAT = "mountsim-point/1";

    private PointDetailJson() {
    }

    public static String fileName(int index) {
        return index + ".json";
    }

    public static String write(PointResult p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("index", p.index());
        doc.put("startLatencyMsSample", p.startLatenciesMs());
        Map<String, Object> reps = new LinkedHashMap<>();
        for (String name : MetricOrder.sort(p.replicationValues().keySet())) {
            reps.put(name, p.replicationValues().get(name));
        }
        doc.put("replications", reps);
        Timeline t = p.timeline();
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("windowStartNs", t.windowStartNs());
        timeline.put("windowEndNs", t.windowEndNs());
        timeline.put("lanes", t.lanes());
        List<Object> spans = new ArrayList<>(t.spans().size());
        for (TimelineSpan s : t.spans()) {
            spans.add(List.of(s.resource(), s.lane(), s.taskId(), s.startNs(), s.endNs(), s.kind().name()));
        }
        timeline.put("spans", spans);
        Timeline.Overview o = t.overview();
        if (!o.isEmpty()) {
            Map<String, Object> overview = new LinkedHashMap<>();
            overview.put("startNs", o.startNs());
            overview.put("binNs", o.binNs());
            overview.put("waiting", new LinkedHashMap<>(o.waiting()));
            overview.put("holding", new LinkedHashMap<>(o.holding()));
            timeline.put("overview", overview);
        }
        doc.put("timeline", timeline);
        return Json.write(doc);
    }

    /** {@code base} (from summary.json) with the latency sample and timeline of {@code file} added. */
    public static PointResult read(Path file, PointResult base) {
        String name = file.toString();
        Object root;
        try {
            root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReportInputException(name + ": cannot read: " + e.getMessage(), e);
        } catch (Json.MalformedJsonException e) {
            throw new ReportInputException(name + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonFields f = new JsonFields(name);
        Map<String, Object> doc = f.object(root, "(top level)");
        if (!FORMAT.equals(f.string(doc, "format", ""))) {
            throw f.error("format", "\"" + FORMAT + "\"");
        }
        long index = f.integer(doc, "index", "");
        if (index != base.index()) {
            throw f.error("index", base.index() + " (the point this file is named after) but found " + index);
        }
        List<?> sampleRaw = f.array(f.required(doc, "startLatencyMsSample", ""), "startLatencyMsSample");
        double[] sample = new double[sampleRaw.size()];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = f.number(sampleRaw.get(i), "startLatencyMsSample[" + i + "]");
        }
        Map<String, double[]> reps = new LinkedHashMap<>();
        if (doc.containsKey("replications")) { // absent from files written before it was kept
            f.object(doc.get("replications"), "replications").forEach((metric, raw) -> {
                List<?> values = f.array(raw, "replications." + metric);
                double[] v = new double[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = f.number(values.get(i), "replications." + metric + "[" + i + "]");
                }
                reps.put(metric, v);
            });
        }
        Map<String, Object> t = f.object(f.required(doc, "timeline", ""), "timeline");
        List<?> spansRaw = f.array(f.required(t, "spans", "timeline"), "timeline.spans");
        List<TimelineSpan> spans = new ArrayList<>(spansRaw.size());
        for (int i = 0; i < spansRaw.size(); i++) {
            spans.add(span(f, spansRaw.get(i), "timeline.spans[" + i + "]"));
        }
        Timeline.Overview overview = Timeline.Overview.NONE;
        if (t.containsKey("overview")) {
            Map<String, Object> o = f.object(t.get("overview"), "timeline.overview");
            overview = new Timeline.Overview(f.integer(o, "startNs", "timeline.overview"),
                    f.integer(o, "binNs", "timeline.overview"), series(f, o, "waiting"), series(f, o, "holding"));
        }
        Timeline timeline = new Timeline(f.integer(t, "windowStartNs", "timeline"), f.integer(t, "windowEndNs", "timeline"),
                Math.toIntExact(f.integer(t, "lanes", "timeline")), spans, overview);
        return new PointResult(base.index(), base.parameters(), base.metrics(), sample, base.cpu(), timeline,
                base.measured(), reps);
    }

    private static Map<String, double[]> series(JsonFields f, Map<String, Object> overview, String key) {
        String path = "timeline.overview." + key;
        Map<String, double[]> out = new LinkedHashMap<>();
        f.object(f.required(overview, key, "timeline.overview"), path).forEach((resource, raw) -> {
            List<?> values = f.array(raw, path + "." + resource);
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = f.number(values.get(i), path + "." + resource + "[" + i + "]");
            }
            out.put(resource, v);
        });
        return out;
    }

    private static TimelineSpan span(JsonFields f, Object raw, String path) {
        List<?> a = f.array(raw, path);
        String expected = "[resource, lane, taskId, startNs, endNs, \"HOLD\"|\"READ_HOLD\"|\"WAIT\"]";
        if (a.size() != 6 || !(a.get(0) instanceof String resource) || !(a.get(1) instanceof Long lane)
                || !(a.get(2) instanceof Long task) || !(a.get(3) instanceof Long start)
                || !(a.get(4) instanceof Long end) || !(a.get(5) instanceof String kind)) {
            throw f.error(path, expected);
        }
        TimelineSpan.Kind k;
        try {
            k = TimelineSpan.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw f.error(path + "[5]", "\"HOLD\", \"READ_HOLD\" or \"WAIT\"");
        }
        if (end < start) {
            throw f.error(path, "endNs >= startNs");
        }
        return new TimelineSpan(resource, Math.toIntExact(lane), task, start, end, k);
    }
}
