package io.mountsim.scenarios.run;

import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;

/**
 * Runs one replication of one point. The real one is {@link SimulationModel}; tests pass
 * fakes so the runner, sharding and determinism can be checked without the kernel model.
 */
@FunctionalInterface
public interface ReplicationModel {
    ReplicationOutcome run(SimulationSpec spec, long seed, int replication, boolean withTimeline);

    static ReplicationModel simulation() {
        return SimulationModel::runReplication;
    }
}
