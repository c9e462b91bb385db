package io.mountsim.models;

import io.mountsim.core.results.ReplicationOutcome;

/**
 * Runs one replication of one point. STUB until the kernel/runtime model lands.
 */
public final class SimulationModel {
    private SimulationModel() {
    }

    /**
     * @param seed         the run's master seed
     * @param replication  replication index (selects the random substreams)
     * @param withTimeline record the lock timeline (costs memory; replication 0 only)
     */
    public static ReplicationOutcome runReplication(SimulationSpec spec, long seed, int replication, boolean withTimeline) {
        throw new UnsupportedOperationException("model not built yet");
    }
}
