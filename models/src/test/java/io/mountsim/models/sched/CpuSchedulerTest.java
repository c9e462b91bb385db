package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.models.sched.ScriptTask.PreemptionPoint;
import io.mountsim.models.sched.ScriptTask.Sleep;
import io.mountsim.models.sched.ScriptTask.Spin;
import io.mountsim.models.sched.ScriptTask.Step;
import io.mountsim.models.sched.ScriptTask.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuSchedulerTest {
    private static final long IDLE_WAKEUP_NS = 2_000;
    private static final long SWITCH_NS = 1_000;

    private final Simulation sim = new Simulation();
    private final List<ScriptTask> tasks = new ArrayList<>();

    private CpuScheduler scheduler(CpuLayout layout, long sliceNs, long idleWakeupNs, long switchNs) {
        return new CpuScheduler(sim, layout, new SchedulerParams(sliceNs, idleWakeupNs, switchNs));
    }

    private ScriptTask start(CpuScheduler sched, long atNs, List<Step> steps) {
        ScriptTask t = new ScriptTask(sched, tasks.size(), steps);
        tasks.add(t);
        sim.scheduleAt(atNs, () -> sched.wake(t));
        return t;
    }

    private void runAll() {
        sim.run();
        for (ScriptTask t : tasks) {
            assertTrue(t.doneNs() >= 0, t + " never finished");
        }
    }

    @Test
    void moreRunnableTasksThanCpusShareThePerCpuQueuesAndAllRun() {
        CpuScheduler sched = scheduler(FlatLayout.of(2, 0), 300_000, IDLE_WAKEUP_NS, SWITCH_NS);
        int n = 6;
        long workPerTaskNs = 1_000_000;
        for (int i = 0; i < n; i++) {
            start(sched, 0, ScriptTask.chunks(10, workPerTaskNs / 10));
        }
        runAll();

        // Two run at once; the four queued at t=0 are spread over both run queues.
        long onCpu0First = tasks.stream().filter(t -> t.firstCpu() == 0).count();
        assertEquals(n / 2, onCpu0First, "first placements per CPU");
        // Slices rotate the queues: every task gets a CPU within about one round of slices.
        for (ScriptTask t : tasks) {
            assertTrue(t.firstRunNs() <= 2 * 400_000 + 10 * SWITCH_NS, t + " first ran at " + t.firstRunNs());
            assertTrue(t.yields() > 0, t + " never yielded to the queued tasks");
        }
        // Work conserving: no CPU idles while tasks queue, so the makespan is the work per
        // CPU plus switches and the two initial wakeups.
        long makespanNs = tasks.stream().mapToLong(ScriptTask::doneNs).max().orElseThrow();
        long perCpuWorkNs = n * workPerTaskNs / 2;
        assertTrue(makespanNs >= perCpuWorkNs && makespanNs <= perCpuWorkNs + IDLE_WAKEUP_NS + 60 * SWITCH_NS,
                "makespan " + makespanNs);
        CpuBreakdown b = sched.breakdown();
        assertTrue(b.waitingForCpu() > 0);
        assertEquals(0, b.spinning());
        assertTrue(b.usefulWork() > 0.99, "busy " + b.usefulWork());
    }

    @Test
    void aWakeupOntoAnIdleCpuCostsTheIdleWakeupAndOntoABusyOneWaitsForIt() {
        CpuScheduler sched = scheduler(FlatLayout.of(1, 0), 750_000, IDLE_WAKEUP_NS, SWITCH_NS);
        ScriptTask sleeper = start(sched, 0, List.of(new Sleep(10_000), new Work(1_000)));
        // the sleeper first runs at 2 us, sleeps until 12 us, runs again at 14 us, done at 15 us
        runAll();
        assertEquals(IDLE_WAKEUP_NS, sleeper.firstRunNs());
        assertEquals(IDLE_WAKEUP_NS + 10_000 + IDLE_WAKEUP_NS + 1_000, sleeper.doneNs());

        Simulation busySim = new Simulation();
        CpuScheduler busy = new CpuScheduler(busySim, FlatLayout.of(1, 0), new SchedulerParams(750_000, IDLE_WAKEUP_NS, SWITCH_NS));
        ScriptTask hog = new ScriptTask(busy, 0, List.of(new Work(50_000)));
        ScriptTask late = new ScriptTask(busy, 1, List.of(new Work(1_000)));
        busySim.scheduleAt(0, () -> busy.wake(hog));
        busySim.scheduleAt(5_000, () -> busy.wake(late));
        busySim.run();
        // no preemption inside the hog's work: the late task waits for it, then a switch
        assertEquals(IDLE_WAKEUP_NS + 50_000 + SWITCH_NS, late.firstRunNs());
        double waitedNs = busy.breakdown().waitingForCpu() * busySim.now();
        assertEquals(IDLE_WAKEUP_NS + 50_000 - 5_000, waitedNs, 1.0);
    }

    @Test
    void aTaskYieldsAtAPreemptionPointOnlyOnceItsSliceIsUsedAndOthersWait() {
        long sliceNs = 750_000;
        CpuScheduler sched = scheduler(FlatLayout.of(1, 0), sliceNs, 0, SWITCH_NS);
        ScriptTask a = start(sched, 0, ScriptTask.chunks(20, 100_000));
        ScriptTask b = start(sched, 50_000, List.of(new Work(10_000)));
        runAll();
        // a's preemption points come every 100 us; the first at or past 750 us is at 800 us
        assertEquals(800_000 + SWITCH_NS, b.firstRunNs());
        assertEquals(1, a.yields());

        Simulation aloneSim = new Simulation();
        CpuScheduler alone = new CpuScheduler(aloneSim, FlatLayout.of(1, 0), new SchedulerParams(sliceNs, 0, SWITCH_NS));
        ScriptTask solo = new ScriptTask(alone, 0, ScriptTask.chunks(20, 100_000));
        aloneSim.scheduleAt(0, () -> alone.wake(solo));
        aloneSim.run();
        assertEquals(0, solo.yields(), "nobody waits: no yield however long it runs");
        assertEquals(2_000_000, solo.doneNs());
    }

    @Test
    void theBreakdownAddsUpTheTimeline() {
        CpuScheduler sched = scheduler(FlatLayout.of(2, 0), 750_000, 100, SWITCH_NS);
        // wakeup [0,100) busy; work [100,1100); spin [1100,1600); sleep [1600,2600);
        // wakeup [2600,2700) busy; work [2700,3700)
        ScriptTask t = start(sched, 0, List.of(new Work(1_000), new Spin(500), new Sleep(1_000), new Work(1_000)));
        runAll();
        assertEquals(3_700, t.doneNs());
        CpuBreakdown b = sched.breakdown();
        double capacityNs = 2 * 3_700.0;
        assertEquals(2_200 / capacityNs, b.usefulWork(), 1e-12);
        assertEquals(500 / capacityNs, b.spinning(), 1e-12);
        assertEquals(1 - 2_700 / capacityNs, b.idle(), 1e-12);
        assertEquals(0, b.waitingForCpu());
    }

    @Test
    void workIsStretchedOnlyWhileTheSmtSiblingComputes() {
        double slowdown = 1.5;
        CpuScheduler sched = scheduler(new FlatLayout(4, 0, false, true, slowdown), 750_000, 0, 0);
        start(sched, 0, List.of(new Work(1_000_000)));                 // CPU 0
        ScriptTask sibling = start(sched, 10_000, List.of(new Work(100_000))); // CPU 1, sibling computes
        ScriptTask spinner = start(sched, 20_000, List.of(new Spin(1_000_000))); // CPU 2
        ScriptTask besideSpinner = start(sched, 30_000, List.of(new Work(100_000))); // CPU 3, sibling spins
        runAll();
        assertEquals(Set.of(1), sibling.cpusUsed());
        assertEquals(10_000 + Math.round(100_000 * slowdown), sibling.doneNs());
        assertEquals(Set.of(3), besideSpinner.cpusUsed());
        assertEquals(30_000 + 100_000, besideSpinner.doneNs(), "a PAUSE-spinning sibling does not slow it");
        assertEquals(20_000 + 1_000_000, spinner.doneNs());
    }
}
