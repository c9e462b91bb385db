package io.mountsim.models.locks;

import io.mountsim.core.engine.Simulation;
import io.mountsim.models.sched.CpuLayout;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedulerParams;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated machine for a lock test: engine, scheduler, the workers' shared event
 * log, and a runaway guard (a livelock would otherwise spin the test forever at one
 * instant, where no time horizon helps).
 */
final class Rig {
    final Simulation sim = new Simulation();
    final CpuScheduler sched;
    final List<Worker.Event> log = new ArrayList<>();
    final List<Worker> workers = new ArrayList<>();
    private final long maxResumes;
    private long resumes;

    Rig(CpuLayout layout, SchedulerParams params, long maxResumes) {
        this.sched = new CpuScheduler(sim, layout, params);
        this.maxResumes = maxResumes;
    }

    /** Free scheduling (no wakeup or switch cost, long slice): only the locks cost time. */
    static SchedulerParams freeScheduling() {
        return new SchedulerParams(1_000_000_000L, 0, 0);
    }

    static LockStats stats(String name) {
        return new LockStats(name, 0, 1_000_000);
    }

    Worker worker(List<Worker.Action> program) {
        Worker w = new Worker(this, workers.size(), program);
        workers.add(w);
        return w;
    }

    /** Makes {@code w} runnable at absolute time {@code atNs}. */
    void startAt(Worker w, long atNs) {
        sim.scheduleAt(atNs, () -> sched.wake(w));
    }

    /** Counts one resume; false (and the run stops) once the budget is exhausted. */
    boolean tick() {
        if (++resumes > maxResumes) {
            sim.stop();
            return false;
        }
        return true;
    }

    /** Runs to the end; true unless the runaway guard stopped it. */
    boolean run() {
        sim.run();
        return resumes <= maxResumes;
    }

    boolean allDone() {
        return workers.stream().allMatch(Worker::done);
    }

    List<Worker.Event> events(Worker.Kind kind) {
        return log.stream().filter(e -> e.kind() == kind).toList();
    }
}
