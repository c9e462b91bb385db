package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.csv.ResultsCsv;
import io.mountsim.reports.csv.ResultsCsvReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsCsvTest {

    @Test
    void headerIsSweptKeysThenEachMetricWithItsHalfWidth() {
        ExperimentResult r = Fixtures.sweep();
        String csv = ResultsCsv.write(r);
        String header = csv.substring(0, csv.indexOf('\n'));
        List<String> expected = new ArrayList<>(List.of("workload.maxConcurrentStarts", "runtime.idmap"));
        List<String> metrics = new ArrayList<>(MetricNames.CONTRACT_ORDER);
        // no wallSeconds: it measures the host, and results.csv must be byte-identical anywhere
        metrics.addAll(List.of("syscallUsMean.openTree", "syscallUsMean.overlayMount", "events"));
        for (String m : metrics) {
            expected.add(m);
            expected.add(m + "_ci95");
        }
        assertEquals(String.join(",", expected), header);
    }

    @Test
    void oneRowPerPointWhoseNumbersParseBackToTheMetrics() {
        ExperimentResult r = Fixtures.sweep();
        ResultsCsvReader.Table t = ResultsCsvReader.parse(ResultsCsv.write(r), "results.csv");
        assertEquals(r.sweptKeys(), t.sweptKeys());
        assertEquals(r.points().size(), t.rows().size());
        for (int i = 0; i < r.points().size(); i++) {
            PointResult p = r.points().get(i);
            ResultsCsvReader.Row row = t.rows().get(i);
            assertEquals(p.parameters(), row.parameters());
            for (Map.Entry<String, MetricSummary> e : p.metrics().entrySet()) {
                ResultsCsvReader.Cell cell = row.metrics().get(e.getKey());
                if (e.getKey().equals(MetricNames.WALL_SECONDS)) {
                    assertNull(cell, "wallSeconds stays out of results.csv");
                    continue;
                }
                assertClose(e.getValue().mean(), cell.mean(), e.getKey());
                assertClose(e.getValue().ci95(), cell.halfWidth(), e.getKey() + "_ci95");
            }
        }
    }

    @Test
    void aLockBenchmarkKeepsOnlyItsOwnColumns() {
        PointResult lockbench = new PointResult(0, Map.of(), Map.of(MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION,
                new MetricSummary(41.5, 0.5, 40, 43, 3), MetricNames.CPU_UTILIZATION, new MetricSummary(0.9, 0, 0.9, 0.9, 3)),
                new double[0], io.mountsim.core.results.CpuBreakdown.NONE,
                io.mountsim.core.results.Timeline.empty(), Map.of());
        ExperimentResult r = Fixtures.result("lb", "", 1, 3, 0.95, List.of(), List.of(lockbench), Map.of(),
                Double.NaN, false);
        ResultsCsvReader.Table t = ResultsCsvReader.parse(ResultsCsv.write(r), "results.csv");
        assertEquals(List.of(MetricNames.CPU_UTILIZATION, MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION), t.metrics(),
                "no empty start-latency columns");
        assertEquals(41.5, t.rows().get(0).metrics().get(MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION).mean());
    }

    @Test
    void containerStartsAlwaysHaveEveryContractColumnButNoLockbenchOnes() {
        PointResult starts = new PointResult(0, Map.of(), Map.of(MetricNames.STARTS_PER_SECOND,
                new MetricSummary(41.5, 0.5, 40, 43, 3)), new double[0], io.mountsim.core.results.CpuBreakdown.NONE,
                io.mountsim.core.results.Timeline.empty(), Map.of());
        ExperimentResult r = Fixtures.result("cs", "", 1, 3, 0.95, List.of(), List.of(starts), Map.of(),
                Double.NaN, false);
        ResultsCsvReader.Table t = ResultsCsvReader.parse(ResultsCsv.write(r), "results.csv");
        assertTrue(t.metrics().containsAll(MetricNames.CONTRACT_ORDER));
        assertFalse(t.metrics().contains(MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION));
        assertTrue(Double.isNaN(t.rows().get(0).metrics().get(MetricNames.MAKESPAN_SECONDS).mean()), "empty cell");
    }

    @Test
    void valuesWithCommasQuotesAndNewlinesAreQuotedAndReadBack() {
        String nasty = "a,\"b\"\nc";
        PointResult p = new PointResult(0, Map.of("scenario", nasty), Map.of(), new double[0],
                io.mountsim.core.results.CpuBreakdown.NONE, io.mountsim.core.results.Timeline.empty(), Map.of());
        ExperimentResult r = Fixtures.result("x", "", 1, 1, 0.95, List.of("scenario"), List.of(p), Map.of(),
                Double.NaN, true);
        String csv = ResultsCsv.write(r);
        assertTrue(csv.contains("\"a,\"\"b\"\"\nc\""), csv);
        assertEquals(nasty, ResultsCsvReader.parse(csv, "x.csv").rows().get(0).parameters().get("scenario"));
    }

    @Test
    void numbersNeverUseExponentsOrLocaleSeparators() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            String csv = ResultsCsv.write(Fixtures.sweep());
            assertFalse(csv.matches("(?s).*\\d[eE][-+]?\\d.*"), "no scientific notation");
            String firstRow = csv.split("\n")[1];
            assertFalse(firstRow.contains(";"));
            // 123456789 events: every integer digit kept, not 1.23457E8
            assertTrue(firstRow.contains(",123456789,1234.5"), firstRow);
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void malformedCsvIsReportedWithRowAndColumn() {
        String csv = "k,startsPerSecond,startsPerSecond_ci95\nx,abc,1\n";
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsCsvReader.parse(csv, "r.csv"));
        assertTrue(e.getMessage().contains("r.csv: row 2, column 2"), e.getMessage());
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what);
            return;
        }
        // six significant digits (integers keep all of theirs)
        assertEquals(expected, actual, Math.abs(expected) * 1e-5 + 1e-12, what);
    }
}
