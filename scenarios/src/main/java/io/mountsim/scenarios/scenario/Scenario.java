package io.mountsim.scenarios.scenario;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated scenario file: its settings and every sweep point, ready to run.
 *
 * @param file       the file as the user named it
 * @param name       {@code name:} (or the file name)
 * @param description {@code description:} or a generated one-line summary
 * @param run        seed, replications, confidence
 * @param sweptKeys  swept keys in sweep order (empty without a sweep)
 * @param points     every point, in index order
 * @param resolved   the scenario with every default filled in (for summary.json)
 * @param measured   real-kernel measurements per point index (may be empty)
 * @param overrides  the command line's {@code --set KEY=VALUE} overrides applied, as given
 * @param warnings   what is valid but probably not meant (points that simulate the same thing)
 */
public record Scenario(Path file,
                       String name,
                       String description,
                       RunSettings run,
                       List<String> sweptKeys,
                       List<ScenarioPoint> points,
                       Map<String, Object> resolved,
                       Map<Integer, Map<String, Double>> measured,
                       List<String> overrides,
                       List<String> warnings) {
    public Scenario {
        warnings = List.copyOf(warnings);
        overrides = List.copyOf(overrides);
        sweptKeys = List.copyOf(sweptKeys);
        points = List.copyOf(points);
        resolved = Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
        measured = Map.copyOf(measured);
    }

    public boolean hasSweep() {
        return !sweptKeys.isEmpty();
    }

    /** The health-check timeout to mark on charts: the first point's (NaN for none). */
    public double healthCheckTimeoutSeconds() {
        return points.isEmpty() ? Double.NaN : points.get(0).spec().workload().healthCheckTimeoutSeconds();
    }

    /**
     * What the run is called in titles, chart subtitles, summary.json and the default output
     * directory: the name, and the overrides when there are any, so a run with
     * {@code --set workload.containers=200} is not labelled as the file's 100.
     */
    public String title() {
        return titled(name, overrides);
    }

    /** "name [key=value; key2=value2]", or the name alone without overrides. */
    public static String titled(String name, List<String> overrides) {
        return overrides.isEmpty() ? name : name + " [" + String.join("; ", overrides) + "]";
    }

    /** The title as a directory name: lower case, runs of other characters as one '-'. */
    public String slug() {
        return slug(title());
    }

    public static String slug(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (s.length() > 80) {
            s = s.substring(0, 80).replaceAll("[-.]+$", "");
        }
        return s.isEmpty() ? "scenario" : s;
    }
}
