package io.mountsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.engine.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FifoResourceTest {

    /** Arrives at {@code arriveNs}, acquires, holds for {@code holdNs}, releases; logs grant times. */
    private static final class User extends Task {
        private final FifoResource resource;
        private final long holdNs;
        private final List<String> log;
        private int step;

        User(Simulation sim, long id, FifoResource resource, long arriveNs, long holdNs, List<String> log) {
            super(sim, id);
            this.resource = resource;
            this.holdNs = holdNs;
            this.log = log;
            sim.scheduleAt(arriveNs, this);
        }

        @Override
        protected void resume() {
            switch (step++) {
                case 0 -> {
                    if (resource.acquire(this)) {
                        resume(); // granted at once: go straight on to holding
                    }
                }
                case 1 -> {
                    log.add(id() + " got it at " + sim.now());
                    wakeAfter(holdNs);
                }
                case 2 -> resource.release(this);
                default -> throw new AssertionError("woken after release");
            }
        }
    }

    /**
     * Capacity 1; A holds [0, 10), B asks at 2, C at 4; each holds 10, 5, 5 ns.
     * By hand: B is granted at 10 (waited 8), C at 15 (waited 11), C releases at 20.
     * Queue length is 0 on [0,2), 1 on [2,4), 2 on [4,10), 1 on [10,15), 0 after:
     * area 2 + 12 + 5 = 19 = the sum of waits.
     */
    @Test
    void statisticsOfAHandWorkedSchedule() {
        Simulation sim = new Simulation();
        FifoResource r = new FifoResource(sim, "lock", 1);
        List<String> log = new ArrayList<>();
        new User(sim, 1, r, 0, 10, log);
        new User(sim, 2, r, 2, 5, log);
        new User(sim, 3, r, 4, 5, log);
        sim.run();

        assertEquals(List.of("1 got it at 0", "2 got it at 10", "3 got it at 15"), log);
        assertEquals(20, sim.now());
        ResourceStats s = r.stats();
        assertEquals(3, s.waitNs().count());
        assertEquals(19.0 / 3, s.waitNs().mean(), 1e-12);
        assertEquals(11, s.waitNs().max());
        assertEquals(20.0 / 3, s.holdNs().mean(), 1e-12);
        assertEquals(19.0, s.queueLength().area(20), 1e-12);
        assertEquals(19.0 / 20, s.queueLength().average(20), 1e-12);
        assertEquals(2, s.queueLength().max());
        assertEquals(1.0, s.utilization(20), 1e-12);
        assertEquals(0.8, s.utilization(25), 1e-12, "idle after 20");
    }

    @Test
    void resetDiscardsTheWarmUpButKeepsTheCurrentState() {
        Simulation sim = new Simulation();
        FifoResource r = new FifoResource(sim, "lock", 1);
        List<String> log = new ArrayList<>();
        new User(sim, 1, r, 0, 10, log);
        new User(sim, 2, r, 2, 5, log);
        new User(sim, 3, r, 4, 5, log);
        sim.runUntil(6);
        r.stats().reset(6); // now: 1 holder, 2 waiting
        sim.run();
        ResourceStats s = r.stats();
        // only B and C are granted after the reset; their whole waits count
        assertEquals(2, s.waitNs().count());
        assertEquals((8 + 11) / 2.0, s.waitNs().mean(), 1e-12);
        // queue length from 6: 2 on [6,10), 1 on [10,15), 0 on [15,20]: area 13 over 14 ns
        assertEquals(13.0 / 14, s.queueLength().average(20), 1e-12);
        assertEquals(2, s.queueLength().max(), "the current value survives the reset");
        assertEquals(1.0, s.utilization(20), 1e-12);
    }

    @Test
    void capacityTwoServesTwoAtOnceThenQueuesInOrder() {
        Simulation sim = new Simulation();
        FifoResource r = new FifoResource(sim, "pool", 2);
        List<String> log = new ArrayList<>();
        new User(sim, 1, r, 0, 10, log);
        new User(sim, 2, r, 1, 10, log);
        new User(sim, 3, r, 2, 10, log);
        new User(sim, 4, r, 3, 1, log);
        sim.run();
        assertEquals(List.of("1 got it at 0", "2 got it at 1", "3 got it at 10", "4 got it at 11"), log);
        assertEquals(0, r.holders());
    }

    /**
     * The hand-off delay is charged between release and the waiter's resumption; the
     * unit counts as the waiter's during it: in its hold time, not its wait time.
     */
    @Test
    void handoffDelayDelaysTheWaiterAndCountsAsHolding() {
        Simulation sim = new Simulation();
        FifoResource r = new FifoResource(sim, "lock", 1) {
            @Override
            protected long handoffDelayNs(Task from, Task to) {
                return 3;
            }
        };
        List<String> log = new ArrayList<>();
        new User(sim, 1, r, 0, 10, log);
        new User(sim, 2, r, 2, 5, log);
        sim.run();
        assertEquals(List.of("1 got it at 0", "2 got it at 13"), log);
        assertEquals(8.0 / 2, r.stats().waitNs().mean(), 1e-12, "B waited 2..10");
        assertEquals((10 + 8) / 2.0, r.stats().holdNs().mean(), 1e-12, "B held 10..18, hand-off included");
    }

    /** The example of the engine's package documentation, run with two threads. */
    @Test
    void packageDocumentationExampleRuns() {
        Simulation sim = new Simulation();
        FifoResource lock = new FifoResource(sim, "namespace_sem", 1);
        final class Start extends Task {
            private int pc;

            Start(Simulation sim, long id) {
                super(sim, id);
            }

            @Override
            protected void resume() {
                switch (pc++) {
                    case 0 -> wakeAfter(20_000);
                    case 1 -> {
                        if (lock.acquire(this)) {
                            resume();
                        }
                    }
                    case 2 -> wakeAfter(5_000);
                    case 3 -> lock.release(this);
                    default -> throw new AssertionError("finished");
                }
            }
        }
        new Start(sim, 1).wakeNow();
        new Start(sim, 2).wakeNow();
        sim.run();
        // both compute until 20 us; the second waits for the first's 5 us hold
        assertEquals(30_000, sim.now());
        assertEquals(2_500, lock.stats().waitNs().mean(), 1e-9);
        assertEquals(5_000.0 / 30_000 * 2, lock.stats().utilization(30_000), 1e-12);
    }

    @Test
    void misuseIsReportedNotIgnored() {
        Simulation sim = new Simulation();
        FifoResource r = new FifoResource(sim, "lock", 1);
        Task t = new Task(sim, 1) {
            @Override
            protected void resume() {
            }
        };
        assertThrows(IllegalStateException.class, () -> r.release(t), "release without holding");
        assertTrue(r.acquire(t));
        assertThrows(IllegalStateException.class, () -> r.acquire(t), "acquire twice");
        Task queued = new Task(sim, 2) {
            @Override
            protected void resume() {
            }
        };
        assertFalse(r.acquire(queued));
        assertTrue(r.isWaiting(queued));
        assertThrows(IllegalStateException.class, () -> r.acquire(queued), "ask again while queued");
        assertEquals(1, r.queueLength());
        r.release(t);
        assertFalse(r.isWaiting(queued));
        assertTrue(r.isHeldBy(queued));
        r.release(queued);
        assertTrue(r.acquire(t));
        assertThrows(IllegalArgumentException.class, () -> new FifoResource(sim, "none", 0));
        r.release(t);
        assertFalse(r.isHeldBy(t));
    }

    /**
     * Little's law on one run, as a sample-path identity: with arrivals stopped and the
     * system drained, the area under "number in system" equals the sum of sojourn
     * times, so L = lambda W exactly, with L = (queue area + busy area) / T,
     * lambda = n / T, W = (sum of waits + sum of holds) / n (Stidham 1974). It
     * checks that the time-weighted and per-customer statistics describe the same run.
     */
    @Test
    void littlesLawHoldsOnOneRun() {
        MmcQueueModel.Config config = new MmcQueueModel.Config(1, 1_250_000, 1_000_000, 0, 20_000_000_000L, true);
        MmcQueueModel.Result r = new MmcQueueModel(config, 99).run(0);
        assertTrue(r.arrivals() > 10_000, "a long run: " + r.arrivals());
        assertEquals(r.arrivals(), r.granted(), "all served after draining");
        double timeNs = r.windowNs();
        double l = (r.queueArea() + r.busyArea()) / timeNs;
        double lambdaPerNs = r.arrivals() / timeNs;
        double wNs = (r.waitSumNs() + r.holdSumNs()) / r.arrivals();
        assertEquals(l, lambdaPerNs * wNs, 1e-9 * l);
        // and the same split for the queue alone: Lq = lambda Wq
        assertEquals(r.queueArea() / timeNs, lambdaPerNs * r.meanWaitNs(), 1e-9 * l);
        // sanity: rho = 0.8, so L is near rho / (1 - rho) = 4 (one run: loose)
        assertEquals(4.0, l, 0.8);
    }
}
