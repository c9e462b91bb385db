package io.mountsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    /** An event that logs its label when it fires. */
    private record Logged(List<String> log, String label, Simulation sim) implements Event {
        @Override
        public void fire() {
            log.add(label + "@" + sim.now());
        }
    }

    @Test
    void sameTimeEventsRunInSchedulingOrder() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        // scheduled out of time order, with ties at t = 5 interleaved with other times
        sim.schedule(5, new Logged(log, "a", sim));
        sim.schedule(9, new Logged(log, "x", sim));
        sim.schedule(5, new Logged(log, "b", sim));
        sim.schedule(1, new Logged(log, "first", sim));
        sim.scheduleAt(5, new Logged(log, "c", sim));
        sim.schedule(5, new Logged(log, "d", sim));
        sim.run();
        assertEquals(List.of("first@1", "a@5", "b@5", "c@5", "d@5", "x@9"), log);
    }

    @Test
    void zeroDelayEventRunsAfterThoseAlreadyDueNow() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(3, () -> {
            log.add("a@" + sim.now());
            sim.schedule(0, new Logged(log, "child-of-a", sim));
        });
        sim.schedule(3, new Logged(log, "b", sim));
        sim.run();
        assertEquals(List.of("a@3", "b@3", "child-of-a@3"), log);
    }

    @Test
    void cancelledEventNeverRunsAndDoesNotMoveTheClock() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(1, new Logged(log, "kept", sim));
        long doomed = sim.schedule(50, new Logged(log, "cancelled", sim));
        sim.cancel(doomed);
        sim.run();
        assertEquals(List.of("kept@1"), log);
        assertEquals(1, sim.now());
        assertEquals(1, sim.eventsProcessed());
    }

    @Test
    void eventCanCancelAnotherDueAtTheSameTime() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        long[] victim = new long[1];
        sim.schedule(4, () -> sim.cancel(victim[0]));
        victim[0] = sim.schedule(4, new Logged(log, "victim", sim));
        sim.run();
        assertEquals(List.of(), log);
    }

    @Test
    void cancellingFiredOrUnknownIdsIsHarmless() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        long fired = sim.schedule(1, new Logged(log, "a", sim));
        sim.run();
        sim.cancel(fired);
        sim.cancel(-1);
        sim.cancel(1_000_000);
        sim.schedule(1, new Logged(log, "b", sim));
        sim.run();
        assertEquals(List.of("a@1", "b@2"), log);
    }

    @Test
    void runUntilStopsBeforeLaterEventsAndResumes() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(10, new Logged(log, "a", sim));
        sim.schedule(20, new Logged(log, "b", sim));
        sim.schedule(30, new Logged(log, "c", sim));
        sim.runUntil(20);
        assertEquals(List.of("a@10", "b@20"), log);
        assertEquals(20, sim.now());
        sim.runUntil(25);
        assertEquals(25, sim.now(), "the clock stands at the horizon while events remain beyond it");
        sim.run();
        assertEquals(List.of("a@10", "b@20", "c@30"), log);
    }

    @Test
    void aHorizonInThePastLeavesTheClockAlone() {
        Simulation sim = new Simulation();
        sim.schedule(100, () -> { });
        sim.schedule(200, () -> { });
        sim.runUntil(150);
        sim.runUntil(50);
        assertEquals(150, sim.now());
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEvent() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(1, () -> {
            log.add("stopper");
            sim.stop();
        });
        sim.schedule(1, new Logged(log, "after", sim));
        sim.run();
        assertEquals(List.of("stopper"), log);
        assertEquals(1, sim.pendingEvents());
        sim.run();
        assertEquals(List.of("stopper", "after@1"), log);
    }

    @Test
    void aDelayPastTheEndOfTimeIsClampedNotWrapped() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(10, () -> sim.schedule(Long.MAX_VALUE, new Logged(log, "never", sim)));
        sim.runUntil(1_000_000);
        assertEquals(List.of(), log);
        sim.run();
        assertEquals(List.of("never@" + Long.MAX_VALUE), log);
    }

    @Test
    void rejectsNegativeDelaysAndThePast() {
        Simulation sim = new Simulation();
        sim.schedule(10, () -> { });
        sim.run();
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(9, () -> { }));
    }

    /** The fingerprint must see each of time, kind and entity, and the order of events. */
    @Test
    void fingerprintDependsOnTimeKindEntityAndOrder() {
        long base = fingerprintOf(new long[][] {{5, 1, 7}, {6, 2, 8}});
        assertEquals(base, fingerprintOf(new long[][] {{5, 1, 7}, {6, 2, 8}}));
        assertNotEquals(base, fingerprintOf(new long[][] {{5, 1, 7}, {7, 2, 8}}), "time");
        assertNotEquals(base, fingerprintOf(new long[][] {{5, 1, 7}, {6, 3, 8}}), "kind");
        assertNotEquals(base, fingerprintOf(new long[][] {{5, 1, 7}, {6, 2, 9}}), "entity");
        assertNotEquals(base, fingerprintOf(new long[][] {{5, 2, 8}, {6, 1, 7}}), "order");
    }

    private static long fingerprintOf(long[][] timeKindEntity) {
        Simulation sim = new Simulation();
        for (long[] tke : timeKindEntity) {
            sim.scheduleAt(tke[0], new Event() {
                @Override
                public void fire() {
                }

                @Override
                public int kind() {
                    return (int) tke[1];
                }

                @Override
                public long entity() {
                    return tke[2];
                }
            });
        }
        sim.run();
        return sim.fingerprint();
    }

    @Test
    void taskIsWokenAfterItsDelayAndReportsItsIdAsEntity() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        Task sleeper = new Task(sim, 42) {
            private int step;

            @Override
            protected void resume() {
                log.add("step" + step++ + "@" + sim.now());
                if (step == 1) {
                    wakeAfter(100);
                } else if (step == 2) {
                    wakeAt(200);
                }
            }
        };
        sleeper.wakeNow();
        sim.run();
        assertEquals(List.of("step0@0", "step1@100", "step2@200"), log);
        assertEquals(42, sleeper.entity());
        assertEquals(Task.KIND_WAKE, sleeper.kind());
    }
}
