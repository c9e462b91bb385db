package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.core.engine.Simulation;
import io.mountsim.models.sched.ScriptTask.Spin;
import io.mountsim.models.sched.ScriptTask.Work;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lock holder's work beside a PAUSE-spinning SMT sibling. */
class SpinningSiblingTest {
    private static final long WAKEUP_NS = 2_000;

    /** Two SMT siblings; a spinning sibling stretches work by {@code spinning}, a busy one by 1.5. */
    private static CpuLayout siblings(double spinning) {
        FlatLayout flat = new FlatLayout(2, 0, false, true, 1.5);
        return new CpuLayout() {
            public int cpus() {
                return 2;
            }

            public int siblingOf(int cpu) {
                return flat.siblingOf(cpu);
            }

            public int llcOf(int cpu) {
                return 0;
            }

            public int socketOf(int cpu) {
                return 0;
            }

            public double transferNs(int fromCpu, int toCpu) {
                return 0;
            }

            public double smtSlowdown() {
                return flat.smtSlowdown();
            }

            public double spinningSiblingSlowdown() {
                return spinning;
            }

            public double contentionNs(int spinners, int domainsInvolved) {
                return 0;
            }
        };
    }

    private static long workerDoneNs(double spinning, long spinNs) {
        Simulation sim = new Simulation();
        CpuScheduler sched = new CpuScheduler(sim, siblings(spinning), new SchedulerParams(3_000_000, WAKEUP_NS, 1_000));
        ScriptTask worker = new ScriptTask(sched, 0, List.of(new Work(1_000_000)));
        ScriptTask spinner = new ScriptTask(sched, 1, List.of(new Spin(spinNs)));
        sim.scheduleAt(0, () -> sched.wake(worker));
        sim.scheduleAt(0, () -> sched.wake(spinner));
        sim.run();
        return worker.doneNs();
    }

    @Test
    void workIsStretchedOnlyWhileTheSiblingSpins() {
        // the sibling spins for the first 500 us of the worker's 1 ms: 400 us of work get done
        // at 1/1.25 speed, the other 600 us at full speed once it stops
        assertEquals(WAKEUP_NS + 500_000 + 600_000, workerDoneNs(1.25, 500_000), 1);
        // a sibling that spins past the end stretches all of it
        assertEquals(WAKEUP_NS + 1_250_000, workerDoneNs(1.25, 5_000_000), 1);
    }

    @Test
    void aSpinningSiblingThatTakesNothingLeavesTheWorkAlone() {
        assertEquals(WAKEUP_NS + 1_000_000, workerDoneNs(1.0, 500_000), 1);
    }
}
