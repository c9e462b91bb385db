package io.mountsim.models.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.locks.Worker.Compute;
import io.mountsim.models.locks.Worker.RcuSync;
import io.mountsim.models.sched.FlatLayout;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * synchronize_rcu_expedited(): the caller sleeps at least one grace period that started
 * after its call; with sharing, everyone who called during a grace period shares the
 * next one (rcu_exp_gp_seq_snap()); without, each caller gets its own, in FIFO order.
 */
class RcuExpeditedTest {
    private static final long GRACE_PERIOD_NS = 100_000;
    private static final long KWORKER_WORK_NS = 10_000;

    private final Rig rig = new Rig(FlatLayout.of(4, 0), Rig.freeScheduling(), 10_000);

    private Worker caller(long atNs, RcuExpedited rcu) {
        Worker w = rig.worker(List.of(new RcuSync(rcu)));
        rig.startAt(w, atNs);
        return w;
    }

    private Map<Long, Long> wokenNs() {
        return rig.events(Worker.Kind.GRANTED).stream()
                .collect(Collectors.toMap(Worker.Event::taskId, Worker.Event::timeNs));
    }

    @Test
    void callersDuringAGracePeriodShareExactlyOneMore() {
        RcuExpedited rcu = new RcuExpedited(rig.sched, GRACE_PERIOD_NS, KWORKER_WORK_NS, true);
        caller(0, rcu);
        for (int i = 1; i <= 5; i++) {
            caller(10_000L * i, rcu); // all while the first grace period runs
        }
        assertTrue(rig.run() && rig.allDone());
        assertEquals(2, rcu.gracePeriods());
        assertEquals(6, rcu.callers());
        Map<Long, Long> woken = wokenNs();
        assertEquals(GRACE_PERIOD_NS, woken.get(0L));
        for (long id = 1; id <= 5; id++) {
            assertEquals(2 * GRACE_PERIOD_NS, woken.get(id), "caller " + id + " woken by the second period");
        }
    }

    @Test
    void aCallerAfterTheLastPeriodEndedStartsANewOne() {
        RcuExpedited rcu = new RcuExpedited(rig.sched, GRACE_PERIOD_NS, KWORKER_WORK_NS, true);
        caller(0, rcu);
        caller(150_000, rcu);
        assertTrue(rig.run() && rig.allDone());
        assertEquals(2, rcu.gracePeriods());
        assertEquals(Map.of(0L, GRACE_PERIOD_NS, 1L, 150_000 + GRACE_PERIOD_NS), wokenNs());
    }

    @Test
    void unsharedGracePeriodsServeOneCallerEachInArrivalOrder() {
        RcuExpedited rcu = new RcuExpedited(rig.sched, GRACE_PERIOD_NS, KWORKER_WORK_NS, false);
        for (int i = 0; i < 4; i++) {
            caller(10_000L * i, rcu);
        }
        assertTrue(rig.run() && rig.allDone());
        assertEquals(4, rcu.gracePeriods());
        assertEquals(Map.of(0L, GRACE_PERIOD_NS, 1L, 2 * GRACE_PERIOD_NS, 2L, 3 * GRACE_PERIOD_NS,
                3L, 4 * GRACE_PERIOD_NS), wokenNs());
    }

    @Test
    void everyCallerSleepsAtLeastOneGracePeriod() {
        for (boolean shared : new boolean[] {true, false}) {
            Rig r = new Rig(FlatLayout.of(2, 0), new io.mountsim.models.sched.SchedulerParams(750_000, 3_000, 1_000), 10_000);
            RcuExpedited rcu = new RcuExpedited(r.sched, GRACE_PERIOD_NS, KWORKER_WORK_NS, shared);
            for (int i = 0; i < 20; i++) {
                Worker w = r.worker(List.of(new Compute(7_000L * i % 23_000), new RcuSync(rcu), new Compute(5_000),
                        new RcuSync(rcu)));
                r.startAt(w, 13_000L * i);
            }
            assertTrue(r.run() && r.allDone());
            List<Worker.Event> requests = r.events(Worker.Kind.REQUEST);
            List<Worker.Event> wakeups = r.events(Worker.Kind.GRANTED);
            assertEquals(40, wakeups.size());
            for (Worker.Event woken : wakeups) {
                long askedNs = requests.stream()
                        .filter(q -> q.taskId() == woken.taskId() && q.timeNs() <= woken.timeNs())
                        .mapToLong(Worker.Event::timeNs).max().orElseThrow();
                assertTrue(woken.timeNs() - askedNs >= GRACE_PERIOD_NS, "slept " + (woken.timeNs() - askedNs) + " ns");
            }
        }
    }

    @Test
    void aGracePeriodWaitsForItsKworkerToGetACpu() {
        // Two CPUs, both computing 500 us without a preemption point when the caller
        // sleeps: the kworker queues, runs at 500 us, works 10 us; the period ends then.
        Rig r = new Rig(FlatLayout.of(2, 0), Rig.freeScheduling(), 10_000);
        RcuExpedited rcu = new RcuExpedited(r.sched, GRACE_PERIOD_NS, KWORKER_WORK_NS, true);
        r.startAt(r.worker(List.of(new Compute(500_000))), 0);
        Worker caller = r.worker(List.of(new RcuSync(rcu)));
        r.startAt(caller, 0);
        r.startAt(r.worker(List.of(new Compute(500_000))), 0); // queued, then takes the caller's CPU
        assertTrue(r.run() && r.allDone());
        long wokenNs = r.events(Worker.Kind.GRANTED).get(0).timeNs();
        assertEquals(500_000 + KWORKER_WORK_NS, wokenNs);
    }
}
