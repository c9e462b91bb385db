package io.mountsim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mountsim.models.SimulationSpec;
import io.mountsim.scenarios.schema.JsonSchemaExportTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The binding both ways: a point's resolved copy (what summary.json repeats, written by
 * each key of the table) read back as a scenario gives the same simulation and the same
 * resolved copy. A key whose value the binder read but wrote back wrongly, or did not
 * write back, changes the spec here.
 */
class ResolvedRoundTripTest {
    @Test
    void everyShippedPointReadsBackToTheSameSimulation() throws IOException {
        List<String> failures = new ArrayList<>();
        int points = 0;
        for (Path f : JsonSchemaExportTest.shippedScenarios()) {
            Scenario s = ScenarioLoader.load(f, Overrides.none());
            for (ScenarioPoint p : s.points()) {
                // JSON is YAML; parsed as if it were the file, so relative paths (traces, profiles) resolve alike
                String text = new ObjectMapper().writeValueAsString(p.resolved());
                ScenarioPoint back = ScenarioLoader.parse(text, f, Overrides.none()).points().get(0);
                if (!sameSimulation(p.spec(), back.spec())) {
                    failures.add(f + " point " + p.index() + ": " + p.spec() + "\n  read back as " + back.spec());
                }
                if (!p.resolved().equals(back.resolved())) {
                    failures.add(f + " point " + p.index() + ": resolved " + p.resolved() + "\n  read back as " + back.resolved());
                }
                points++;
            }
        }
        assertTrue(points >= 40, "points checked: " + points);
        assertEquals(List.of(), failures);
    }

    /** Equal but for the machine's label: a profile's machine reads back as an inline one with the same numbers. */
    private static boolean sameSimulation(SimulationSpec a, SimulationSpec b) {
        return MachineBinder.resolved(a.machine(), null).equals(MachineBinder.resolved(b.machine(), null))
                && a.equals(new SimulationSpec(a.machine(), b.kernel(), b.runtime(), b.watchers(), b.workload(), b.mitigations(),
                b.node()));
    }
}
