package io.mountsim.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.workload.MountSimulationFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The study's mount-operation count, from the syscalls the simulated kernel actually ran
 * (not from the formula): 100 starts x 2 passes x (1 overlay + 50 bind mounts + 50
 * unmounts) = 20,200 in per-layer mode; 600 with the common-parent fix.
 */
class MountOpAccountingTest {

    @ParameterizedTest(name = "{0}, introspection idmap {1}: {2} mount ops, {3} syscalls")
    @CsvSource({
            // mode, idmap on the introspection pass, mount ops, syscalls; every start also
            // unmounts the introspection pass's temporary rootfs, which the study does not count
            "PER_LAYER,     true,  20200, 40300", // 2 x (50 x 3 + 1 + 50) + 1 per start
            "COMMON_PARENT, true,    600,  1100", // 2 x (3 + 1 + 1) + 1
            "FD_LOWERDIRS,  true,    200, 30300", // 2 x (50 x 2 + 1 + 50 closes) + 1; only the overlay counts
            "NONE,          true,    200,   300",
            "PER_LAYER,     false, 10200, 20300", // containerd 2.3: plain overlay for the introspection pass
            "COMMON_PARENT, false,   400,   700"})
    void simulatedCountsMatchTheStudysFormula(IdmapMode mode, boolean introspectionIdmap, long mountOps, long syscalls) {
        ReplicationOutcome o = SimulationModel.runReplication(
                MountSimulationFixtures.starts("r5.metal", mode, 2, introspectionIdmap, 100, 50, 0, 0), 7, 0, false);
        assertEquals(mountOps, o.metrics().get(MetricNames.MOUNT_OPS).longValue());
        assertEquals(syscalls, o.metrics().get(MetricNames.SYSCALLS).longValue());
        RuntimeConfig config = new RuntimeConfig(mode, 2, introspectionIdmap);
        assertEquals(mountOps, 100 * RootfsAssembly.mountOpsPerStart(config, 50));
    }
}
