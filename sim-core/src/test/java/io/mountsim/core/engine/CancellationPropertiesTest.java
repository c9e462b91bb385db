package io.mountsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random schedule/cancel programs run through the engine: events are scheduled before
 * the run and from inside other events, and cancelled before the run and from inside
 * events (ids that already fired, ids due at the current instant, an event's own id).
 * Checked against bookkeeping kept beside the engine:
 *
 * <ul>
 *   <li>an event cancelled while pending never fires;</li>
 *   <li>every other event fires exactly once, at its scheduled time;</li>
 *   <li>fired events come out in (time, id) order: the reference sort of what fired
 *       (ids grow with scheduling order, so this is "same time, scheduling order").</li>
 * </ul>
 */
class CancellationPropertiesTest {

    @Property(tries = 300)
    void cancelledEventsNeverRunAndTheRestRunInTimeThenSchedulingOrder(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 60) int initialEvents,
            @ForAll boolean quaternary) {
        Harness h = new Harness(seed, quaternary);
        for (int i = 0; i < initialEvents; i++) {
            h.scheduleNew(h.random.nextInt(6));
        }
        for (int i = 0; i < initialEvents / 4; i++) {
            h.cancelRandom();
        }
        h.sim.run();

        Set<Long> expected = new HashSet<>(h.scheduledTimeNs.keySet());
        expected.removeAll(h.cancelledWhilePending);
        assertEquals(expected, h.firedIds, "every event not cancelled while pending fires");
        List<long[]> sorted = new ArrayList<>(h.fired);
        sorted.sort(Comparator.<long[]>comparingLong(f -> f[0]).thenComparingLong(f -> f[1]));
        assertEquals(render(sorted), render(h.fired), "events fire in (time, scheduling order)");
        assertEquals(h.fired.size(), h.sim.eventsProcessed());
    }

    private static List<String> render(List<long[]> timeAndId) {
        return timeAndId.stream().map(f -> f[0] + ":" + f[1]).toList();
    }

    /** The simulation plus a reference record of what was scheduled, cancelled and fired. */
    private static final class Harness {
        private static final int MAX_EVENTS = 400;
        final Random random;
        final Simulation sim;
        final Map<Long, Long> scheduledTimeNs = new HashMap<>();
        final List<Long> ids = new ArrayList<>();
        final Set<Long> cancelledWhilePending = new HashSet<>();
        final Set<Long> firedIds = new HashSet<>();
        /** (time, id) of each fired event, in firing order. */
        final List<long[]> fired = new ArrayList<>();

        Harness(long seed, boolean quaternary) {
            random = new Random(seed);
            // tiny initial capacities so heap growth happens mid-run
            sim = new Simulation(quaternary ? new QuaternaryHeapEventQueue(2) : new BinaryHeapEventQueue(2));
        }

        void scheduleNew(long delayNs) {
            Probe probe = new Probe();
            probe.id = sim.schedule(delayNs, probe);
            ids.add(probe.id);
            scheduledTimeNs.put(probe.id, sim.now() + delayNs);
        }

        void cancelRandom() {
            if (ids.isEmpty()) {
                return;
            }
            long id = ids.get(random.nextInt(ids.size()));
            sim.cancel(id);
            if (!firedIds.contains(id)) {
                cancelledWhilePending.add(id);
            }
        }

        /** One probe per scheduled id, so each firing knows which id it is. */
        private final class Probe implements Event {
            long id;

            @Override
            public void fire() {
                assertFalse(cancelledWhilePending.contains(id), "cancelled event " + id + " fired");
                assertFalse(firedIds.contains(id), "event " + id + " fired twice");
                assertEquals(scheduledTimeNs.get(id), sim.now(), "event " + id + " fired at the wrong time");
                firedIds.add(id);
                fired.add(new long[] {sim.now(), id});
                int children = random.nextInt(3);
                for (int c = 0; c < children && ids.size() < MAX_EVENTS; c++) {
                    scheduleNew(random.nextInt(4));
                }
                if (random.nextInt(3) == 0) {
                    cancelRandom();
                }
            }
        }
    }
}
