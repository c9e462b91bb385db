package io.mountsim.reports.json;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.RunDescription;
import io.mountsim.core.results.ScenarioDescription;
import io.mountsim.core.results.Setting;
import io.mountsim.core.results.SweepAxis;
import io.mountsim.core.results.Timeline;
import io.mountsim.reports.ReportInputException;
import io.mountsim.reports.data.ConfidenceName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a summary.json written by {@link SummaryJson} back into an {@link ExperimentResult}.
 * Points come back without latencies or timelines (those live in points/&lt;index&gt;.json,
 * see {@link PointDetailJson}); everything else round-trips exactly, numbers included.
 */
public final class SummaryJsonReader {

    private SummaryJsonReader() {
    }

    public static ExperimentResult read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses summary.json text; {@code fileName} only labels error messages. */
    public static ExperimentResult parse(String text, String fileName) {
        Object root;
        try {
            root = Json.parse(text);
        } catch (Json.MalformedJsonException e) {
            throw new ReportInputException(fileName + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonFields f = new JsonFields(fileName);
        Map<String, Object> doc = f.object(root, "(top level)");
        String format = f.string(doc, "format", "");
        if (!SummaryJson.FORMAT.equals(format)) {
            throw f.error("format", "\"" + SummaryJson.FORMAT + "\" but found \"" + format + "\"");
        }
        List<String> swept = new ArrayList<>();
        List<?> sweptRaw = f.array(f.required(doc, "sweptKeys", ""), "sweptKeys");
        for (int i = 0; i < sweptRaw.size(); i++) {
            if (!(sweptRaw.get(i) instanceof String s)) {
                throw f.error("sweptKeys[" + i + "]", "a string");
            }
            swept.add(s);
        }
        List<String> overrides = new ArrayList<>();
        // absent from files written before overrides were recorded
        List<?> overridesRaw = doc.containsKey("overrides") ? f.array(doc.get("overrides"), "overrides") : List.of();
        for (int i = 0; i < overridesRaw.size(); i++) {
            if (!(overridesRaw.get(i) instanceof String s)) {
                throw f.error("overrides[" + i + "]", "a string");
            }
            overrides.add(s);
        }
        double confidence = f.number(doc, "confidence", "");
        String ciKey = ConfidenceName.of(confidence);
        List<?> pointsRaw = f.array(f.required(doc, "points", ""), "points");
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < pointsRaw.size(); i++) {
            points.add(point(f, f.object(pointsRaw.get(i), "points[" + i + "]"), "points[" + i + "]", ciKey));
        }
        long replications = f.integer(doc, "replications", "");
        RunDescription run = description(f, f.object(f.required(doc, "runDescription", ""), "runDescription"),
                f.bool(doc, "comparison", ""), overrides);
        if (!run.sweptKeys().equals(swept)) {
            throw f.error("runDescription.sweep", "the keys of sweptKeys " + swept + ", found " + run.sweptKeys());
        }
        return new ExperimentResult(
                f.string(doc, "name", ""),
                f.string(doc, "description", ""),
                f.integer(doc, "seed", ""),
                Math.toIntExact(replications),
                confidence,
                run,
                points,
                f.object(f.required(doc, "scenario", ""), "scenario"),
                f.number(doc, "healthCheckTimeoutSeconds", ""));
    }

    private static RunDescription description(JsonFields f, Map<String, Object> d, boolean comparison,
                                              List<String> overrides) {
        String path = "runDescription";
        List<SweepAxis> sweep = new ArrayList<>();
        List<?> axes = f.array(f.required(d, "sweep", path), path + ".sweep");
        for (int i = 0; i < axes.size(); i++) {
            String at = path + ".sweep[" + i + "]";
            Map<String, Object> axis = f.object(axes.get(i), at);
            sweep.add(new SweepAxis(f.string(axis, "key", at), strings(f, f.required(axis, "values", at), at + ".values")));
        }
        List<ScenarioDescription> scenarios = new ArrayList<>();
        List<?> raw = f.array(f.required(d, "scenarios", path), path + ".scenarios");
        if (raw.isEmpty()) {
            throw f.error(path + ".scenarios", "at least one scenario");
        }
        for (int i = 0; i < raw.size(); i++) {
            String at = path + ".scenarios[" + i + "]";
            Map<String, Object> s = f.object(raw.get(i), at);
            List<Setting> settings = new ArrayList<>();
            f.object(f.required(s, "settings", at), at + ".settings").forEach((k, v) -> {
                if (!(v instanceof String text)) {
                    throw f.error(at + ".settings." + k, "a string");
                }
                settings.add(new Setting(k, text));
            });
            scenarios.add(new ScenarioDescription(f.string(s, "name", at), f.string(s, "machineLabel", at),
                    f.string(s, "machineShape", at), settings));
        }
        long points = f.integer(d, "points", path);
        if (points < 0) {
            throw f.error(path + ".points", "a count >= 0");
        }
        return new RunDescription(scenarios, sweep, points, comparison, overrides);
    }

    private static List<String> strings(JsonFields f, Object v, String path) {
        List<?> raw = f.array(v, path);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof String s)) {
                throw f.error(path + "[" + i + "]", "a string");
            }
            out.add(s);
        }
        return out;
    }

    private static PointResult point(JsonFields f, Map<String, Object> p, String path, String ciKey) {
        int index = Math.toIntExact(f.integer(p, "index", path));
        Map<String, String> parameters = new LinkedHashMap<>();
        f.object(f.required(p, "parameters", path), path + ".parameters").forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                throw f.error(path + ".parameters." + k, "a scalar");
            }
            parameters.put(k, String.valueOf(v));
        });
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        String metricsPath = path + ".metrics";
        f.object(f.required(p, "metrics", path), metricsPath).forEach((name, v) -> {
            String at = metricsPath + "." + name;
            Map<String, Object> m = f.object(v, at);
            metrics.put(name, new MetricSummary(f.number(m, "mean", at), f.number(m, ciKey, at),
                    f.number(m, "min", at), f.number(m, "max", at),
                    Math.toIntExact(f.integer(m, "n", at))));
        });
        String cpuPath = path + ".cpu";
        Map<String, Object> c = f.object(f.required(p, "cpu", path), cpuPath);
        CpuBreakdown cpu = new CpuBreakdown(f.number(c, "usefulWork", cpuPath), f.number(c, "spinning", cpuPath),
                f.number(c, "idle", cpuPath), f.number(c, "waitingForCpu", cpuPath));
        Map<String, Double> measured = new LinkedHashMap<>();
        String measuredPath = path + ".measured";
        f.object(f.required(p, "measured", path), measuredPath)
                .forEach((k, v) -> measured.put(k, f.number(v, measuredPath + "." + k)));
        return new PointResult(index, parameters, metrics, new double[0], cpu, Timeline.empty(), measured);
    }
}
