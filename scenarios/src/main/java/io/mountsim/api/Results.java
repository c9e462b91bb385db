package io.mountsim.api;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the scenario layer's results become the API's records. When
 * {@link ExperimentResult} carries a typed run description (swept keys with validated
 * values, the sweep size), only this class changes.
 */
final class Results {
    private Results() {
    }

    static List<Point> points(ExperimentResult result) {
        return result.points().stream().map(p -> point(p, result.confidence())).toList();
    }

    private static Point point(PointResult p, double confidence) {
        Map<String, SweptValue> values = new LinkedHashMap<>();
        p.parameters().forEach((key, text) -> values.put(key, new SweptValue(key, text)));
        Map<String, Metric> metrics = new LinkedHashMap<>();
        p.metrics().forEach((name, summary) -> metrics.put(name, Metric.of(name, summary, confidence)));
        return new Point(p.index(), values, metrics, p.measured(), new Point.StartLatencies(p.startLatenciesMs()));
    }
}
