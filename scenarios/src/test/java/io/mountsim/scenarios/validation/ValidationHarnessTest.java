package io.mountsim.scenarios.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validation harness itself: reuse of replications changes no number; the document keeps its prose. */
class ValidationHarnessTest {
    private static final String OP_COUNT = "netflix/op-count.yaml";
    private static final String PARENT_ONLY = "sweep.runtime.idmap=[common-parent]";

    @Test
    void aReusedReplicationEqualsAFreshSimulationOfTheSamePoint() {
        ValidationRuns warm = new ValidationRuns();
        warm.run(OP_COUNT, PARENT_ONLY, "run.replications=1");
        // replication 0 of this run comes from the cache filled above, replication 1 is new
        PointResult reused = warm.run(OP_COUNT, PARENT_ONLY).points().get(0);
        PointResult fresh = new ValidationRuns().run(OP_COUNT, PARENT_ONLY).points().get(0);
        assertEquals(2, reused.metric(MetricNames.MOUNT_OPS).n());
        for (Map.Entry<String, MetricSummary> m : fresh.metrics().entrySet()) {
            if (!m.getKey().equals(MetricNames.WALL_SECONDS)) { // host time, not a simulated number
                assertEquals(m.getValue(), reused.metric(m.getKey()), m.getKey());
            }
        }
    }

    @Test
    void aVerdictCountsHoldingChecks() {
        Check yes = new Check("a", true, "1");
        Check no = new Check("b", false, "2");
        assertEquals(Verdict.REPRODUCED, Verdict.of(List.of(yes, yes)));
        assertEquals(Verdict.PARTLY, Verdict.of(List.of(yes, no)));
        assertEquals(Verdict.MISSED, Verdict.of(List.of(no, no)));
        assertThrows(IllegalArgumentException.class, () -> new Evaluation("x", List.of(), List.of()));
    }

    @Test
    void confidenceIntervalsSeparateOnlyWhenDisjoint() {
        MetricSummary low = new MetricSummary(10, 1, 9, 11, 3);
        assertTrue(Points.separated(low, new MetricSummary(12.5, 1, 12, 13, 3)));
        assertFalse(Points.separated(low, new MetricSummary(11.5, 1, 11, 12, 3)));
    }

    @Test
    void regeneratingReplacesOnlyTheGeneratedSection() {
        String doc = "# title\nprose before\n" + ValidationReport.BEGIN + "\nold table\n" + ValidationReport.END + "\nprose after\n";
        String out = ValidationReport.splice(doc, "new table\n");
        assertEquals("# title\nprose before\n" + ValidationReport.BEGIN + "\nnew table\n" + ValidationReport.END + "\nprose after\n", out);
        assertThrows(IllegalArgumentException.class, () -> ValidationReport.splice("no markers", "x"));
    }

    @Test
    void everyFindingNamesAnExistingScenarioFile() {
        for (NetflixFinding f : NetflixFinding.values()) {
            assertFalse(ValidationRuns.load(f.file()).points().isEmpty(), f.scenarioFile());
        }
    }
}
