package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.results.CpuBreakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CpuSchedulerPropertiesTest {

    /**
     * Random tasks of work, PAUSE spins, sleeps and preemption points: everyone finishes,
     * the breakdown's fractions lie in [0, 1] and busy + spinning + idle = 1, spinning is
     * exactly the spins asked for, and useful work at least the work asked for (switches
     * and SMT stretching only add to it).
     */
    @Property(tries = 200)
    void theBreakdownAccountsForEveryNanosecond(
            @ForAll @IntRange(min = 1, max = 8) int cpus,
            @ForAll boolean smt,
            @ForAll @IntRange(min = 1, max = 20) int taskCount,
            @ForAll @IntRange(min = 1, max = 12) int stepsPerTask,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Simulation sim = new Simulation();
        CpuScheduler sched = new CpuScheduler(sim, new FlatLayout(cpus, 0, false, smt, 1.25),
                new SchedulerParams(10_000 + rnd.nextInt(1_000_000), rnd.nextInt(5_000), rnd.nextInt(3_000)));
        List<ScriptTask> tasks = new ArrayList<>();
        long workNs = 0;
        long spinNs = 0;
        for (int i = 0; i < taskCount; i++) {
            List<ScriptTask.Step> steps = new ArrayList<>();
            for (int k = 0; k < stepsPerTask; k++) {
                long ns = rnd.nextInt(100_000);
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        steps.add(new ScriptTask.Work(ns));
                        workNs += ns;
                    }
                    case 1 -> {
                        steps.add(new ScriptTask.Spin(ns));
                        spinNs += ns;
                    }
                    case 2 -> steps.add(new ScriptTask.Sleep(ns));
                    default -> steps.add(new ScriptTask.PreemptionPoint());
                }
            }
            ScriptTask t = new ScriptTask(sched, i, steps);
            tasks.add(t);
            sim.scheduleAt(rnd.nextInt(50_000), () -> sched.wake(t));
        }
        sim.run();

        assertTrue(tasks.stream().allMatch(t -> t.doneNs() >= 0), "a task never finished");
        CpuBreakdown b = sched.breakdown();
        for (double f : new double[] {b.usefulWork(), b.spinning(), b.idle()}) {
            assertTrue(f >= 0 && f <= 1, "fraction out of range: " + b);
        }
        assertTrue(b.waitingForCpu() >= 0);
        assertEquals(1.0, b.usefulWork() + b.spinning() + b.idle(), 1e-9, b.toString());
        double capacityNs = (double) sim.now() * cpus;
        assertEquals(spinNs, b.spinning() * capacityNs, 1e-6 * capacityNs);
        assertTrue(b.usefulWork() * capacityNs >= workNs - 1e-6 * capacityNs, "useful work lost: " + b);
    }
}
