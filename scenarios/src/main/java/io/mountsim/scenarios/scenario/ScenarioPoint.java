package io.mountsim.scenarios.scenario;

import io.mountsim.models.SimulationSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sweep point, fully resolved.
 *
 * @param index      position in the sweep (stable across shards)
 * @param parameters swept key (dotted path) to its value as written, in sweep order
 * @param spec       what the models simulate
 * @param resolved   the point's scenario sections with every default filled in
 */
public record ScenarioPoint(int index, Map<String, String> parameters, SimulationSpec spec, Map<String, Object> resolved) {
    public ScenarioPoint {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        resolved = Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
    }
}
