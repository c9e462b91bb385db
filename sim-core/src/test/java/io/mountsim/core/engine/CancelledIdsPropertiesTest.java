package io.mountsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CancelledIdsPropertiesTest {

    /** The primitive set against java.util.HashSet under random adds, removes and clears. */
    @Property(tries = 200)
    void behavesLikeAHashSet(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2_000) int operations,
                             @ForAll @IntRange(min = 1, max = 500) int idRange) {
        Random random = new Random(seed);
        CancelledIds ids = new CancelledIds();
        Set<Long> reference = new HashSet<>();
        for (int i = 0; i < operations; i++) {
            long id = random.nextInt(idRange);
            int op = random.nextInt(100);
            if (op < 55) {
                assertEquals(reference.add(id), ids.add(id));
            } else if (op < 99) {
                assertEquals(reference.remove(id), ids.remove(id));
            } else {
                reference.clear();
                ids.clear();
            }
            assertEquals(reference.size(), ids.size());
        }
        for (long id = 0; id < idRange; id++) {
            assertEquals(reference.contains(id), ids.contains(id), "id " + id);
        }
    }

    /**
     * Cancelling ids that already fired (a timer cancelled after it went off) must not
     * grow the engine's memory without bound, and must not disturb real cancellations.
     */
    @Test
    void cancellingFiredEventsDoesNotAccumulate() {
        Simulation sim = new Simulation();
        List<Long> firedOrder = new ArrayList<>();
        // a long-lived population of 100 pending events, 10 of them cancelled for real
        List<Long> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long id = sim.schedule(1_000_000 + i, () -> firedOrder.add(-1L));
            pending.add(id);
        }
        for (int i = 0; i < 10; i++) {
            sim.cancel(pending.get(i * 9 + 1)); // ids of both parities, spread over the population
        }
        // 100,000 short timers, each cancelled after it fired
        for (int i = 0; i < 100_000; i++) {
            long id = sim.schedule(1, () -> { });
            sim.runUntil(sim.now() + 1);
            sim.cancel(id);
            assertTrue(sim.cancellationsHeld() <= 2 * sim.pendingEvents() + 65,
                    "held " + sim.cancellationsHeld() + " with " + sim.pendingEvents() + " queued");
        }
        sim.run();
        assertEquals(90, firedOrder.size(), "the 10 real cancellations survived the purges");
        assertEquals(0, sim.cancellationsHeld());
    }
}
