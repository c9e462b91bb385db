package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.json.Json;
import io.mountsim.reports.json.SummaryJson;
import io.mountsim.reports.json.SummaryJsonReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryJsonTest {

    @Test
    void aDescriptionWhoseSweepDisagreesWithSweptKeysIsRejected() {
        String json = SummaryJson.write(Fixtures.sweep()).replace("\"key\": \"runtime.idmap\"", "\"key\": \"runtime.passes\"");
        ReportInputException e = assertThrows(ReportInputException.class, () -> SummaryJsonReader.parse(json, "s.json"));
        assertTrue(e.getMessage().contains("s.json: runDescription.sweep"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMetricOfEveryPointHasMeanCiMinMax() throws Exception {
        ExperimentResult r = Fixtures.sweep();
        Map<String, Object> doc = (Map<String, Object>) Json.parse(SummaryJson.write(r));
        assertEquals(42L, doc.get("seed"));
        assertEquals(3L, doc.get("replications"));
        assertEquals(0.95, doc.get("confidence"));
        assertEquals(r.resolvedScenario().get("machine"), ((Map<String, Object>) doc.get("scenario")).get("machine"));
        List<Object> points = (List<Object>) doc.get("points");
        assertEquals(r.points().size(), points.size());
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = (Map<String, Object>) points.get(i);
            assertEquals(r.points().get(i).parameters(), p.get("parameters"));
            Map<String, Object> metrics = (Map<String, Object>) p.get("metrics");
            assertEquals(r.points().get(i).metrics().keySet(), metrics.keySet());
            for (Object m : metrics.values()) {
                Map<String, Object> summary = (Map<String, Object>) m;
                for (String field : List.of("mean", "ci95", "min", "max")) {
                    assertInstanceOf(Number.class, summary.get(field), field);
                }
            }
        }
    }

    @Test
    void metricsAreWrittenInContractOrderWhateverTheProducerOrder() {
        String json = SummaryJson.write(Fixtures.sweep());
        int perSecond = json.indexOf("\"startsPerSecond\"");
        int overlay = json.indexOf("\"syscallUsMean.overlayMount\"");
        int wall = json.indexOf("\"wallSeconds\"");
        assertTrue(perSecond < overlay && overlay < wall, "contract, per-call, then events/wallSeconds");
    }

    @Test
    void readsBackExactlyNumbersIncluded() {
        ExperimentResult r = Fixtures.comparison();
        ExperimentResult back = SummaryJsonReader.parse(SummaryJson.write(r), "summary.json");
        assertEquals(r.name(), back.name());
        assertEquals(r.description(), back.description());
        assertEquals(r.seed(), back.seed());
        assertEquals(r.sweptKeys(), back.sweptKeys());
        assertEquals(r.comparison(), back.comparison());
        assertEquals(r.run(), back.run(), "the typed description the report is drawn from, so merge redraws it");
        for (int i = 0; i < r.points().size(); i++) {
            PointResult a = r.points().get(i);
            PointResult b = back.points().get(i);
            assertEquals(a.metrics(), b.metrics(), "MetricSummary records compare doubles exactly");
            assertEquals(a.cpu(), b.cpu());
            assertEquals(a.measured(), b.measured());
        }
        assertEquals(SummaryJson.write(r), SummaryJson.write(back), "rewriting gives the same bytes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nanBecomesNullAndReadsBackAsNan() throws Exception {
        ExperimentResult r = Fixtures.single();
        ExperimentResult noTimeout = Fixtures.result(r.name(), r.description(), r.seed(), r.replications(),
                r.confidence(), r.sweptKeys(), r.points(), r.resolvedScenario(), Double.NaN, r.comparison());
        String json = SummaryJson.write(noTimeout);
        Map<String, Object> doc = (Map<String, Object>) Json.parse(json);
        assertTrue(doc.containsKey("healthCheckTimeoutSeconds"));
        assertNull(doc.get("healthCheckTimeoutSeconds"));
        assertTrue(Double.isNaN(SummaryJsonReader.parse(json, "s.json").healthCheckTimeoutSeconds()));
    }

    @Test
    void malformedOrForeignFilesAreRejectedWithFileAndPlace() {
        ReportInputException bad = assertThrows(ReportInputException.class,
                () -> SummaryJsonReader.parse("{\"format\": \"mountsim-summary/1\",\n \"name\": }", "s.json"));
        assertTrue(bad.getMessage().startsWith("s.json: not valid JSON: line 2"), bad.getMessage());
        ReportInputException foreign = assertThrows(ReportInputException.class,
                () -> SummaryJsonReader.parse("{\"format\": \"other\"}", "s.json"));
        assertTrue(foreign.getMessage().contains("format"), foreign.getMessage());
        String noIndex = SummaryJson.write(Fixtures.single()).replace("\"index\": 0,", "");
        ReportInputException missing = assertThrows(ReportInputException.class,
                () -> SummaryJsonReader.parse(noIndex, "s.json"));
        assertTrue(missing.getMessage().contains("points[0]: missing key \"index\""), missing.getMessage());
    }
}
