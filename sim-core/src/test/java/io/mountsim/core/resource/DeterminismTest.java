package io.mountsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.experiment.Replications;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reproducibility of whole runs, on the M/M/2 model: the fingerprint (a hash of every
 * processed event's time, kind and entity) and every statistic are a function of the
 * seed and replication index alone, whatever the thread that runs them.
 */
class DeterminismTest {
    private static final MmcQueueModel.Config CONFIG = new MmcQueueModel.Config(
            2, 600_000, 1_000_000, 50_000_000L, 2_000_000_000L, false);

    @Test
    void sameSeedGivesTheSameFingerprintAndResults() {
        MmcQueueModel.Result first = new MmcQueueModel(CONFIG, 7).run(3);
        MmcQueueModel.Result second = new MmcQueueModel(CONFIG, 7).run(3);
        assertTrue(first.events() > 5_000, "the run must do real work: " + first.events());
        assertEquals(first, second);
    }

    @Test
    void differentSeedOrReplicationGivesDifferentFingerprints() {
        long base = new MmcQueueModel(CONFIG, 7).run(0).fingerprint();
        assertNotEquals(base, new MmcQueueModel(CONFIG, 8).run(0).fingerprint(), "other seed");
        assertNotEquals(base, new MmcQueueModel(CONFIG, 7).run(1).fingerprint(), "other replication");
    }

    @Test
    void fingerprintsOfManySeedsAreDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            seen.add(new MmcQueueModel(CONFIG, seed).run(0).fingerprint());
        }
        assertEquals(50, seen.size());
    }

    /**
     * Common random numbers: two variants that differ only in service speed (a
     * mitigation compared with the baseline) see exactly the same arrivals, because
     * arrivals draw from their own named stream; and the slower variant waits longer.
     */
    @Test
    void variantsShareArrivalsThroughNamedStreams() {
        MmcQueueModel.Config faster = new MmcQueueModel.Config(CONFIG.servers(), CONFIG.meanInterarrivalNs(),
                0.8 * CONFIG.meanServiceNs(), CONFIG.warmupNs(), CONFIG.measureNs(), false);
        for (int replication = 0; replication < 3; replication++) {
            MmcQueueModel.Result base = new MmcQueueModel(CONFIG, 5).run(replication);
            MmcQueueModel.Result variant = new MmcQueueModel(faster, 5).run(replication);
            assertEquals(base.arrivals(), variant.arrivals(), "same arrival stream in replication " + replication);
            assertNotEquals(base.fingerprint(), variant.fingerprint());
            assertTrue(variant.meanWaitNs() < base.meanWaitNs(), "faster service, shorter waits");
        }
    }

    /**
     * Replications on two and three threads (more replications than threads, so
     * threads are reused and finish out of order) equal the sequential run, field by
     * field, and replication k re-run alone equals replication k of the batch.
     */
    @Test
    void parallelReplicationsEqualSequentialOnesAndEachCanBeRerunAlone() {
        MmcQueueModel model = new MmcQueueModel(CONFIG, 11);
        int count = 7;
        List<MmcQueueModel.Result> sequential = Replications.run(count, model::run, 1);
        List<MmcQueueModel.Result> twoThreads = Replications.run(count, model::run, 2);
        List<MmcQueueModel.Result> threeThreads = Replications.run(count, model::run, 3);
        assertEquals(sequential, twoThreads);
        assertEquals(sequential, threeThreads);
        assertEquals(sequential.get(5), new MmcQueueModel(CONFIG, 11).run(5));
        assertEquals(count, sequential.stream().map(MmcQueueModel.Result::fingerprint).distinct().count(),
                "replications must differ from each other");
    }
}
