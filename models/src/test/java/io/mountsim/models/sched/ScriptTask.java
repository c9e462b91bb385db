package io.mountsim.models.sched;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A test task running a straight-line program of work, spins, sleeps and preemption points. */
final class ScriptTask extends SchedTask {

    sealed interface Step permits Work, Spin, Sleep, PreemptionPoint {
    }

    record Work(long ns) implements Step {
    }

    /** Busy-wait on the CPU for {@code ns} (PAUSE loop; not stopped by need_resched). */
    record Spin(long ns) implements Step {
    }

    /** Off the CPU for {@code ns}; a timer wakes the task. */
    record Sleep(long ns) implements Step {
    }

    record PreemptionPoint() implements Step {
    }

    private final CpuScheduler sched;
    private final List<Step> steps;
    private int pc;
    private int phase;
    private long firstRunNs = -1;
    private int firstCpu = -1;
    private long doneNs = -1;
    private int yields;
    private final Set<Integer> cpusUsed = new TreeSet<>();

    ScriptTask(CpuScheduler sched, long id, List<Step> steps) {
        super(sched.simulation(), id);
        this.sched = sched;
        this.steps = List.copyOf(steps);
    }

    /** A program of {@code chunks} pieces of work of {@code chunkNs}, each followed by a preemption point. */
    static List<Step> chunks(int chunks, long chunkNs) {
        List<Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            steps.add(new Work(chunkNs));
            steps.add(new PreemptionPoint());
        }
        return steps;
    }

    @Override
    protected void resume() {
        if (firstRunNs < 0) {
            firstRunNs = sched.now();
            firstCpu = cpu();
        }
        cpusUsed.add(cpu());
        while (pc < steps.size()) {
            if (!step(steps.get(pc))) {
                return;
            }
            pc++;
            phase = 0;
        }
        doneNs = sched.now();
        sched.exit(this);
    }

    private boolean step(Step s) {
        if (phase++ > 0) {
            if (s instanceof Spin) {
                sched.stopSpinning(this);
            }
            return true;
        }
        if (s instanceof Work w) {
            sched.compute(this, w.ns());
            return false;
        }
        if (s instanceof Spin sp) {
            sched.startSpinning(this, false);
            wakeAfter(sp.ns());
            return false;
        }
        if (s instanceof Sleep sl) {
            sched.block(this);
            sim.schedule(sl.ns(), () -> sched.wake(this));
            return false;
        }
        if (sched.preemptionPoint(this)) {
            yields++;
            return false;
        }
        return true;
    }

    long firstRunNs() {
        return firstRunNs;
    }

    int firstCpu() {
        return firstCpu;
    }

    long doneNs() {
        return doneNs;
    }

    int yields() {
        return yields;
    }

    Set<Integer> cpusUsed() {
        return cpusUsed;
    }
}
