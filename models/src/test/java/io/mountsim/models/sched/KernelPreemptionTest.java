package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.engine.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Under a preemptible kernel a task doing long preemptible work loses its CPU once its
 * slice is used and another task waits, and finishes its work later; under voluntary
 * preemption it keeps the CPU until the work is done.
 */
class KernelPreemptionTest {
    private static final long SLICE_NS = 100_000;
    private static final long LONG_WORK_NS = 1_000_000;
    private static final long SHORT_WORK_NS = 10_000;

    /** One long compute, then done. */
    private static final class Worker extends SchedTask {
        private final CpuScheduler sched;
        private final long workNs;
        private final boolean preemptible;
        private boolean started;
        long doneNs = -1;

        Worker(Simulation sim, CpuScheduler sched, long id, long workNs, boolean preemptible) {
            super(sim, id);
            this.sched = sched;
            this.workNs = workNs;
            this.preemptible = preemptible;
        }

        @Override
        protected void resume() {
            if (!started) {
                started = true;
                sched.compute(this, workNs, preemptible);
                return;
            }
            doneNs = sched.now();
            sched.exit(this);
        }
    }

    private static long[] run(boolean kernelPreemption, boolean workPreemptible) {
        Simulation sim = new Simulation();
        CpuScheduler sched = new CpuScheduler(sim, FlatLayout.of(1, 0),
                new SchedulerParams(SLICE_NS, 0, 0, kernelPreemption));
        Worker hog = new Worker(sim, sched, 1, LONG_WORK_NS, workPreemptible);
        Worker late = new Worker(sim, sched, 2, SHORT_WORK_NS, workPreemptible);
        sim.scheduleAt(0, () -> sched.wake(hog));
        sim.scheduleAt(1_000, () -> sched.wake(late));
        sim.run();
        return new long[] {hog.doneNs, late.doneNs};
    }

    @Test
    void preemptibleWorkYieldsAtTheEndOfItsSliceAndFinishesItsWorkLater() {
        long[] done = run(true, true);
        // the late task runs right after the hog's first slice, the hog finishes all its work after it
        assertEquals(SLICE_NS + SHORT_WORK_NS, done[1]);
        assertEquals(LONG_WORK_NS + SHORT_WORK_NS, done[0]);
    }

    @Test
    void workThatIsNotPreemptibleKeepsTheCpuUntilItIsDone() {
        long[] done = run(true, false);
        assertEquals(LONG_WORK_NS, done[0]);
        assertEquals(LONG_WORK_NS + SHORT_WORK_NS, done[1]);
    }

    @Test
    void preemptedWorkIsNeitherLostNorCountedTwice() {
        long[] done = run(true, true);
        assertTrue(done[0] >= LONG_WORK_NS && done[0] - done[1] == LONG_WORK_NS - SLICE_NS,
                "the hog's remaining work after its slice: " + (done[0] - done[1]));
    }
}
