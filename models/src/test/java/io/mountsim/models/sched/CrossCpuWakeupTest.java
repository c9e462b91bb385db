package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.core.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A wakeup whose task is placed on a CPU other than its waker's costs the waker's CPU the
 * IPI it sends (before the waker's next work) and, on a busy target, the target's interrupt
 * and switch before the woken task runs (try_to_wake_up(): ttwu_queue_wakelist() /
 * smp_send_reschedule(), kernel/sched/core.c); a local wakeup, or one with no waking task,
 * costs nothing extra. Times worked out by hand from the rules in CpuScheduler.wake().
 */
class CrossCpuWakeupTest {
    private static final long IDLE_WAKEUP_NS = 2_000;
    private static final long SWITCH_NS = 1_000;
    private static final SchedulerParams.CrossWake CROSS = new SchedulerParams.CrossWake(300, 500, 700);

    /** A task running one action per resume; it records when it was resumed. */
    private static final class Steps extends SchedTask {
        final List<Consumer<Steps>> actions = new ArrayList<>();
        final List<Long> resumedAtNs = new ArrayList<>();
        private final CpuScheduler sched;
        private int next;

        Steps(CpuScheduler sched, long id) {
            super(sched.simulation(), id);
            this.sched = sched;
        }

        Steps then(Consumer<Steps> action) {
            actions.add(action);
            return this;
        }

        @Override
        protected void resume() {
            resumedAtNs.add(sched.now());
            actions.get(next++).accept(this);
        }
    }

    private record Run(Steps waker, Steps woken) {
    }

    /**
     * The waker runs on CPU 0, works 10 us, wakes a task that last ran on CPU 1, works 1 us,
     * then 100 us more, and exits; with {@code busyTarget} a hog took CPU 1 at 5 us for 50 us.
     */
    private static Run run(SchedulerParams.CrossWake cross, boolean busyTarget, boolean wakerKnown) {
        Simulation sim = new Simulation();
        CpuScheduler s = new CpuScheduler(sim, FlatLayout.of(2, 0),
                new SchedulerParams(750_000, IDLE_WAKEUP_NS, SWITCH_NS, false, 0, cross));
        Steps woken = new Steps(s, 1);
        woken.then(s::block).then(s::exit);
        Steps waker = new Steps(s, 0);
        waker.then(t -> s.compute(t, 10_000))
                .then(t -> {
                    s.wake(woken, wakerKnown ? t.cpu() : -1);
                    s.compute(t, 1_000);
                })
                .then(t -> s.compute(t, 100_000)) // CPU 0 stays busy: no newidle pull of the woken task
                .then(s::exit);
        Steps hog = new Steps(s, 2);
        hog.then(t -> s.compute(t, 50_000)).then(s::exit);
        sim.scheduleAt(0, () -> s.wake(waker)); // CPU 0
        sim.scheduleAt(0, () -> s.wake(woken)); // CPU 1, where it sleeps at once
        if (busyTarget) {
            sim.scheduleAt(5_000, () -> s.wake(hog)); // CPU 1, the only idle one: busy until 57 us
        }
        sim.run();
        return new Run(waker, woken);
    }

    @Test
    void anIdleTargetCostsTheWakerItsIpiAndTheTargetOnlyTheIdleWakeup() {
        Run r = run(CROSS, false, true);
        // waker: dispatched at 2 us, works 10, wakes at 12, then 1 us + its 0.7 us IPI
        assertEquals(List.of(2_000L, 12_000L, 13_700L, 113_700L), r.waker().resumedAtNs);
        // woken: onto idle CPU 1 at 12 us, running after the idle wakeup
        assertEquals(List.of(2_000L, 14_000L), r.woken().resumedAtNs);
    }

    @Test
    void aBusyTargetCostsTheWakerItsIpiAndTheTargetItsInterruptBeforeTheWokenTaskRuns() {
        Run r = run(CROSS, true, true);
        assertEquals(List.of(2_000L, 12_000L, 13_300L, 113_300L), r.waker().resumedAtNs);
        // woken: queued on CPU 1 behind the hog (7 to 57 us), then a switch and its 0.5 us
        assertEquals(List.of(2_000L, 57_000L + SWITCH_NS + 500), r.woken().resumedAtNs);
    }

    @Test
    void notMeasuredOrNoWakingTaskChargesNothing() {
        for (Run r : List.of(run(SchedulerParams.CrossWake.NONE, true, true), run(CROSS, true, false))) {
            assertEquals(List.of(2_000L, 12_000L, 13_000L, 113_000L), r.waker().resumedAtNs);
            assertEquals(List.of(2_000L, 57_000L + SWITCH_NS), r.woken().resumedAtNs);
        }
    }

    @Test
    void aWakeupThatStaysOnTheWakersCpuChargesNothing() {
        // one CPU: the woken task can only be queued behind its waker
        Simulation sim = new Simulation();
        CpuScheduler s = new CpuScheduler(sim, FlatLayout.of(1, 0),
                new SchedulerParams(750_000, IDLE_WAKEUP_NS, SWITCH_NS, false, 0, CROSS));
        Steps woken = new Steps(s, 1);
        woken.then(s::block).then(s::exit);
        Steps waker = new Steps(s, 0);
        waker.then(t -> {
            s.wake(woken, t.cpu());
            s.compute(t, 1_000);
        }).then(s::exit);
        sim.scheduleAt(0, () -> s.wake(woken)); // runs first and sleeps at 2 us
        sim.scheduleAt(1_000, () -> s.wake(waker)); // queued, switched in at 3 us
        sim.run();
        assertEquals(List.of(3_000L, 4_000L), waker.resumedAtNs);
        assertEquals(List.of(2_000L, 4_000L + SWITCH_NS), woken.resumedAtNs);
    }
}
