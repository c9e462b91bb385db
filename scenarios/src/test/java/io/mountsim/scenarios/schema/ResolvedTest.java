package io.mountsim.scenarios.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolved copy is placed, read and flattened by the table's keys. */
class ResolvedTest {
    @Test
    void valuesArePlacedAtTheirKeysPathInTheOrderPut() {
        Resolved r = new Resolved().put(ScenarioKeys.WORKLOAD_KIND, "container-starts").put(ScenarioKeys.WORKLOAD_CONTAINERS, 7)
                .put(ScenarioKeys.MITIGATIONS_SMT, "off");
        assertEquals(Map.of("workload", Map.of("kind", "container-starts", "containers", 7), "mitigations", Map.of("smt", "off")),
                r.tree());
        assertTrue(r.has(ScenarioKeys.WORKLOAD));
        assertFalse(r.has(ScenarioKeys.NODE));
        assertEquals(7, Resolved.at(r.tree(), ScenarioKeys.WORKLOAD_CONTAINERS));
        assertNull(Resolved.at(r.tree(), ScenarioKeys.WORKLOAD_THREADS));
        assertEquals(List.of("workload.kind", "workload.containers", "mitigations.smt"), List.copyOf(Resolved.flat(r.tree()).keySet()));
    }

    @Test
    void aScenariosFactsReadByKey() {
        Scenario s = ScenarioLoader.load(Path.of("netflix/two-sockets-worse.yaml"), Overrides.none());
        Map<String, Object> flat = Resolved.flat(s.resolved());
        // the file leaves healthCheckTimeoutSeconds out: the table's default, the study's 30 s, fills it in
        assertEquals(30L, flat.get(ScenarioKeys.WORKLOAD_HEALTH_CHECK_TIMEOUT.path()));
        assertEquals(flat.get("workload.containers"), Resolved.at(s.resolved(), ScenarioKeys.WORKLOAD_CONTAINERS));
        assertTrue(flat.get("sweep") instanceof Map<?, ?>, "sweep stays one value: its keys are key paths");
    }
}
