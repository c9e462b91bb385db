package io.mountsim.scenarios.run;

import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.mitigation.TopologyCache;

/**
 * Runs one replication of one point. The real one is {@link SimulationModel}; tests pass
 * fakes so the runner, sharding and determinism can be checked without the kernel model.
 */
@FunctionalInterface
public interface ReplicationModel {
    ReplicationOutcome run(SimulationSpec spec, long seed, int replication, boolean withTimeline);

    /**
     * The kernel model, with a topology cache of its own: every replication this instance
     * runs on the same machine and mitigations shares one topology. One instance per run.
     */
    static ReplicationModel simulation() {
        TopologyCache topologies = new TopologyCache();
        return (spec, seed, replication, withTimeline) ->
                SimulationModel.runReplication(spec, seed, replication, withTimeline, topologies);
    }
}
