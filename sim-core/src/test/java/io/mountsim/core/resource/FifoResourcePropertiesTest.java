package io.mountsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.engine.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random workers compete for a {@link FifoResource}: each repeatedly thinks, asks for a
 * unit, holds it and releases it, with short integer durations so that many requests
 * and releases share an instant. Checked at every step:
 *
 * <ul>
 *   <li>mutual exclusion / capacity: never more holders than units;</li>
 *   <li>FIFO: units are granted in exactly the order they were asked for;</li>
 *   <li>no idle unit while someone waits (work conservation), and no lost wakeup:
 *       every worker finishes all its rounds and the resource ends empty;</li>
 *   <li>a granted task is resumed exactly once per grant, after the hand-off delay.</li>
 * </ul>
 */
class FifoResourcePropertiesTest {

    @Property(tries = 200)
    void grantsInRequestOrderNeverExceedCapacityAndWakeEveryWaiter(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int capacity,
            @ForAll @IntRange(min = 1, max = 12) int workers,
            @ForAll @IntRange(min = 1, max = 8) int rounds,
            @ForAll @IntRange(min = 0, max = 3) int handoffNs) {
        Simulation sim = new Simulation();
        List<Long> requestOrder = new ArrayList<>();
        List<Long> grantOrder = new ArrayList<>();
        FifoResource resource = new FifoResource(sim, "r", capacity) {
            @Override
            protected long handoffDelayNs(Task from, Task to) {
                grantOrder.add(to.id()); // called exactly when a unit is handed to a waiter
                return handoffNs;
            }
        };
        Random random = new Random(seed);
        List<Worker> all = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Worker worker = new Worker(sim, w, resource, random, rounds, requestOrder, grantOrder, handoffNs);
            all.add(worker);
            worker.wakeAfter(random.nextInt(3));
        }
        sim.run();

        for (Worker worker : all) {
            assertEquals(rounds, worker.completedRounds, worker + " lost a wakeup");
        }
        assertEquals(0, resource.holders());
        assertEquals(0, resource.queueLength());
        assertEquals(requestOrder, grantOrder, "grants must follow request order");
        assertEquals((long) workers * rounds, resource.stats().waitNs().count());
        assertEquals((long) workers * rounds, resource.stats().holdNs().count());
        assertTrue(resource.stats().busyUnits().max() <= capacity);
    }

    /** Think, acquire, hold, release; repeat. Checks the resource's invariants as it goes. */
    private static final class Worker extends Task {
        private enum State { THINKING, WAITING, HOLDING }

        private final FifoResource resource;
        private final Random random;
        private final int rounds;
        private final List<Long> requestOrder;
        private final List<Long> grantOrder;
        private final long handoffNs;
        private State state = State.THINKING;
        private int completedRounds;
        private long queuedAtNs;

        Worker(Simulation sim, long id, FifoResource resource, Random random, int rounds,
               List<Long> requestOrder, List<Long> grantOrder, long handoffNs) {
            super(sim, id);
            this.resource = resource;
            this.random = random;
            this.rounds = rounds;
            this.requestOrder = requestOrder;
            this.grantOrder = grantOrder;
            this.handoffNs = handoffNs;
        }

        @Override
        protected void resume() {
            checkInvariants();
            switch (state) {
                case THINKING -> {
                    requestOrder.add(id());
                    if (resource.acquire(this)) {
                        grantOrder.add(id());
                        granted();
                    } else {
                        state = State.WAITING;
                        queuedAtNs = sim.now();
                        assertTrue(!resource.isHeldBy(this));
                    }
                }
                case WAITING -> {
                    assertTrue(resource.isHeldBy(this), this + " resumed without the unit");
                    assertTrue(sim.now() >= queuedAtNs + handoffNs);
                    granted();
                }
                case HOLDING -> {
                    resource.release(this);
                    completedRounds++;
                    state = State.THINKING;
                    if (completedRounds < rounds) {
                        wakeAfter(random.nextInt(4));
                    }
                }
            }
            checkInvariants();
        }

        private void granted() {
            state = State.HOLDING;
            wakeAfter(random.nextInt(4));
        }

        private void checkInvariants() {
            assertTrue(resource.holders() <= resource.capacity(), "capacity exceeded");
            if (resource.queueLength() > 0) {
                assertEquals(resource.capacity(), resource.holders(), "a unit idles while tasks wait");
            }
        }
    }
}
