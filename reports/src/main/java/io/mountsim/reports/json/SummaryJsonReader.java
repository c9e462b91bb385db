package io.mountsim.reports.json;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
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
        return new ExperimentResult(
                f.string(doc, "name", ""),
                f.string(doc, "description", ""),
                f.integer(doc, "seed", ""),
                Math.toIntExact(replications),
                confidence,
                swept,
                points,
                f.object(f.required(doc, "scenario", ""), "scenario"),
                f.number(doc, "healthCheckTimeoutSeconds", ""),
                f.bool(doc, "comparison", ""),
                overrides);
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
