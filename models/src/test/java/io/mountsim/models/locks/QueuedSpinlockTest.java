package io.mountsim.models.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.random.Distributions;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.core.stats.ConfidenceInterval;
import io.mountsim.models.locks.Worker.SpinSection;
import io.mountsim.models.sched.FlatLayout;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;
import org.junit.jupiter.api.Test;

/**
 * The queued spinlock: FIFO, one line transfer per handoff whatever the queue length,
 * and as a single server under Poisson load it is the M/G/1 queue that theory predicts.
 */
class QueuedSpinlockTest {
    private static final long TRANSFER_NS = 150;

    @Test
    void waitersAreServedInArrivalOrderEachAfterOneLineTransfer() {
        Rig rig = new Rig(FlatLayout.of(8, TRANSFER_NS), Rig.freeScheduling(), 10_000);
        QueuedSpinlock lock = new QueuedSpinlock(rig.sched, Rig.stats("lock"));
        // arrival order 0, 3, 1, 4, 2 (start times not in id order)
        long[] startNs = {0, 2_000, 4_000, 1_000, 3_000};
        for (long s : startNs) {
            rig.startAt(rig.worker(List.of(new SpinSection(lock, 10_000))), s);
        }
        assertTrue(rig.run() && rig.allDone());
        List<Worker.Event> grants = rig.events(Worker.Kind.GRANTED);
        assertEquals(List.of(0L, 3L, 1L, 4L, 2L), grants.stream().map(Worker.Event::taskId).toList());
        // the first takes the free lock with no previous holder: nothing to pull
        assertEquals(0L, grants.get(0).timeNs());
        for (int i = 1; i < grants.size(); i++) {
            long previousReleaseNs = rig.events(Worker.Kind.RELEASE).get(i - 1).timeNs();
            assertEquals(previousReleaseNs + TRANSFER_NS, grants.get(i).timeNs(), "handoff " + i);
        }
        assertEquals(5, lock.acquisitions());
        assertEquals(4, lock.contendedAcquisitions());
    }

    @Test
    void aFreeLockCostsOneLineTransferFromTheLastHolderCpu() {
        Rig rig = new Rig(FlatLayout.of(2, TRANSFER_NS), Rig.freeScheduling(), 10_000);
        QueuedSpinlock lock = new QueuedSpinlock(rig.sched, Rig.stats("lock"));
        Worker a = rig.worker(List.of(new SpinSection(lock, 1_000), new Worker.Compute(1_000), new SpinSection(lock, 1_000)));
        rig.startAt(a, 0); // CPU 0
        Worker b = rig.worker(List.of(new Worker.Compute(5_000), new SpinSection(lock, 1_000)));
        rig.startAt(b, 500); // CPU 1
        assertTrue(rig.run() && rig.allDone());
        // a: [0, 1000) with no previous holder; [2000, 3000) on the same CPU: the line is
        // still there; b at 5500 on CPU 1 pulls it from CPU 0 first.
        List<Worker.Event> releases = rig.events(Worker.Kind.RELEASE);
        assertEquals(List.of(1_000L, 3_000L, 5_500 + 1_000 + TRANSFER_NS),
                releases.stream().map(Worker.Event::timeNs).toList());
    }

    /**
     * Poisson arrivals (each a new thread), exponential hold, fixed handoff. With enough
     * CPUs nobody waits for a CPU, so the lock is a FIFO single server with service
     * S = hold + handoff. S is exponential plus a constant, so the exact mean wait is the
     * Pollaczek-Khinchine formula Wq = lambda E[S^2] / (2 (1 - rho)) (M/M/1 would only hold
     * for a zero handoff; here it would predict 1500 ns instead of 1230 ns).
     */
    @Test
    void meanWaitUnderPoissonLoadMatchesTheMG1Formula() {
        double holdMeanNs = 800;
        double handoffNs = 200;
        double serviceMeanNs = holdMeanNs + handoffNs;
        double rho = 0.6;
        double lambdaPerNs = rho / serviceMeanNs;
        double serviceSecondMoment = handoffNs * handoffNs + 2 * handoffNs * holdMeanNs + 2 * holdMeanNs * holdMeanNs;
        double expectedWaitNs = lambdaPerNs * serviceSecondMoment / (2 * (1 - rho));

        int replications = 20;
        int customers = 20_000;
        double[] meanWaits = new double[replications];
        RandomStreams streams = new RandomStreams(20261127L);
        for (int rep = 0; rep < replications; rep++) {
            meanWaits[rep] = oneReplication(streams, rep, customers, lambdaPerNs, holdMeanNs, handoffNs);
        }
        ConfidenceInterval ci = ConfidenceInterval.ofMean(meanWaits, 0.95);
        System.out.printf("qspinlock M/G/1: mean wait %.1f ns +- %.1f (95%%), P-K %.1f ns%n",
                ci.mean(), ci.halfWidth(), expectedWaitNs);
        assertTrue(ci.contains(expectedWaitNs), "P-K mean wait " + expectedWaitNs + " ns outside " + ci);
        double mm1WaitNs = rho / (1 - rho) * serviceMeanNs;
        assertTrue(!ci.contains(mm1WaitNs), "the test must tell M/G/1 from M/M/1: " + ci);
    }

    private static double oneReplication(RandomStreams streams, int rep, int customers, double lambdaPerNs,
            double holdMeanNs, double handoffNs) {
        // every transfer, even back to the same CPU, costs the handoff: a constant service part
        FlatLayout layout = new FlatLayout(64, handoffNs, true, false, 1.0);
        Rig rig = new Rig(layout, Rig.freeScheduling(), 10L * customers);
        QueuedSpinlock lock = new QueuedSpinlock(rig.sched, new LockStats("lock", 0, 0));
        RealDistribution interarrival = Distributions.exponential(streams.stream("arrivals", rep), 1 / lambdaPerNs);
        RealDistribution hold = Distributions.exponential(streams.stream("holds", rep), holdMeanNs);
        double t = 0;
        for (int i = 0; i < customers; i++) {
            t += interarrival.sample();
            rig.startAt(rig.worker(List.of(new SpinSection(lock, Math.round(hold.sample())))), Math.round(t));
        }
        assertTrue(rig.run() && rig.allDone());
        assertEquals(customers, lock.stats().waitNs().count());
        return lock.stats().waitNs().mean();
    }
}
