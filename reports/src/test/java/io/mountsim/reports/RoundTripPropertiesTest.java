package io.mountsim.reports;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import io.mountsim.reports.csv.ResultsCsv;
import io.mountsim.reports.csv.ResultsCsvReader;
import io.mountsim.reports.json.Json;
import io.mountsim.reports.text.Numbers;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever the text or number, the writers' output reads back to the same value. */
class RoundTripPropertiesTest {

    @Property(tries = 300)
    void anyStringSurvivesJson(@ForAll String s) throws Exception {
        assertEquals(Map.of("k", s), Json.parse(Json.write(Map.of("k", s))));
    }

    @Property(tries = 300)
    void anyDoubleSurvivesJsonExactly(@ForAll double v) throws Exception {
        Object back = Json.parse(Numbers.json(v));
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            assertEquals(null, back);
        } else {
            assertEquals(v == 0 ? 0.0 : v, ((Number) back).doubleValue());
        }
    }

    @Property(tries = 300)
    void anyCsvNumberParsesBackWithinSixSignificantDigits(@ForAll @DoubleRange(min = -1e12, max = 1e12) double v) {
        String cell = Numbers.csv(v);
        double back = Double.parseDouble(cell);
        assertEquals(v, back, Math.abs(v) * 5e-6 + 1e-300, cell);
    }

    @Property(tries = 200)
    void anyParameterValueSurvivesCsvQuoting(@ForAll String value) {
        PointResult p = new PointResult(0, Map.of("scenario", value),
                Map.of("startsPerSecond", new MetricSummary(1, 0, 1, 1, 1)), new double[0], CpuBreakdown.NONE,
                Timeline.empty(), Map.of());
        ExperimentResult r = Fixtures.result("x", "", 1, 1, 0.95, List.of("scenario"), List.of(p), Map.of(),
                Double.NaN, true);
        String back = ResultsCsvReader.parse(ResultsCsv.write(r), "r.csv").rows().get(0).parameters().get("scenario");
        assertEquals(value, back);
    }
}
