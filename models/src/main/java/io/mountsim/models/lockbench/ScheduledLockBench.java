package io.mountsim.models.lockbench;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.random.RandomStream;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.models.sched.ContendedLine;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import io.mountsim.models.sched.SchedulerParams;
import io.mountsim.models.sched.TopologyCpuLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Netflix's global-lock-bench on the same CPU scheduler and lock-line model as the mount
 * path: T user threads, each running its critical sections under one test-and-set lock
 * (trylock, else PAUSE and retry), placed by {@link CpuScheduler} (an idle CPU first, then
 * the shortest run queue; with T above the CPUs the threads of one CPU take turns by
 * time slice).
 *
 * <p>What the scheduler adds to the fluid model of {@link LockBenchSimulation}: lock-holder
 * preemption. A thread's critical section is user work, preemptible at the tick once its
 * slice is used and others wait for its CPU; a holder preempted there keeps the lock off
 * CPU, and every spinner burns its slice until the holder runs again. A spinner is
 * preempted at its own tick (need_resched) and queues behind its CPU's other threads.
 *
 * <p>Costs: a grant moves the lock's line from the last holder's CPU to the winner's
 * (the topology's transfer) after the winner's request waited behind the other pollers at
 * the line's home ({@link ContendedLine}, priced by the machine's CoherenceModel over the
 * live census of spinning threads), plus the time until the first of k spinners polls
 * again after the release (PAUSE / (k + 1)). The releaser re-takes the lock unless a
 * spinner's read was already in flight ({@link #release}), paying for one poller's read
 * and queueing behind the others; with nobody spinning it re-takes it from its own cache.
 * SMT: the holder's work runs slower beside a busy or a PAUSE-spinning sibling
 * (the scheduler's own rule).
 */
final class ScheduledLockBench {
    private final Simulation sim = new Simulation();
    private final CpuScheduler sched;
    private final TopologyCpuLayout layout;
    private final LockBenchConfig config;
    private final double pauseNs;
    private final ContendedLine line;
    private final RandomStream grantStream;
    private final List<BenchThread> spinners = new ArrayList<>();
    private final BenchThread[] threads;
    private final TimelineRecorder timeline;

    private BenchThread holder;
    private int lastHolderCpu = -1;
    private long criticalSections;
    private long handoffs;
    private long crossSocketHandoffs;
    private long crossLlcHandoffs;
    private double handoffNsSum;
    private long grants;
    private long lastReleaseNs;
    private long firstFinishNs = -1;
    private long criticalSectionsAtFirstFinish;
    private int running;
    /** When the first thread first ran: the benchmark times from its start barrier, not from thread creation. */
    private long startNs = -1;

    ScheduledLockBench(TopologyCpuLayout layout, SchedulerParams params, double pauseNs, LockBenchConfig config,
                       long seed, int replication, int timelineSpans) {
        if (config.thinkNsMean() > 0 || config.grantOrder() != GrantOrder.TEST_AND_SET) {
            throw new IllegalArgumentException("the scheduled benchmark is global-lock-bench: test-and-set, no think time");
        }
        this.layout = layout;
        this.sched = new CpuScheduler(sim, layout, params);
        this.config = config;
        this.pauseNs = pauseNs;
        // the main thread touches the lock first: its memory is homed on the first CPU's socket
        this.line = layout.contendedLine(layout.socketOf(0));
        this.grantStream = new RandomStreams(seed).stream("lockbench.grant", replication);
        this.threads = new BenchThread[config.threads()];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new BenchThread(sim, i);
        }
        // lanes: the CPUs the threads start on (an idle CPU each, lowest first), as many as threads
        this.timeline = timelineSpans > 0 ? new TimelineRecorder(timelineSpans, Math.min(layout.cpus(), threads.length))
                : null;
    }

    LockBenchResult run() {
        for (BenchThread t : threads) {
            sim.scheduleAt(0, () -> sched.wake(t));
        }
        running = threads.length;
        sim.run();
        if (timeline != null) {
            timeline.close(lastReleaseNs);
        }
        CpuBreakdown cpu = sched.breakdown();
        double busy = cpu.usefulWork() + cpu.spinning();
        long elapsedNs = lastReleaseNs - Math.max(0, startNs);
        return new LockBenchResult(elapsedNs / 1e9, (double) elapsedNs / criticalSections, criticalSections,
                handoffs, crossSocketHandoffs, crossLlcHandoffs, grants == 0 ? 0 : handoffNsSum / grants,
                busy, busy == 0 ? 0 : cpu.spinning() / busy,
                firstFinishNs > 0 ? criticalSectionsAtFirstFinish * 1e9 / (firstFinishNs - startNs) : 0,
                1, sim.eventsProcessed(), sim.fingerprint(),
                timeline == null ? io.mountsim.core.results.Timeline.empty() : timeline.timeline());
    }

    /** The running thread {@code t} wants the lock. */
    private void tryLock(BenchThread t) {
        if (startNs < 0) {
            startNs = sim.now();
        }
        if (holder == null) {
            take(t, lastHolderCpu == t.cpu() ? retakeNs(t) : layout.lineTransferNs(lastHolderCpu, t.cpu())
                    + Math.round(line.queueNs()));
            return;
        }
        t.spinSinceNs = sim.now();
        spinners.add(t);
        line.addPoller(t.cpu());
        sched.startSpinning(t, true);
        // a user-space spinner is preempted at its tick like any user work, and queues
        t.onNeedResched(task -> {
            stopSpinning(t);
            recordWait(t);
            t.phase = Phase.TRY;
            if (!sched.preemptionPoint(t)) {
                t.wakeNow();
            }
        });
    }

    private void stopSpinning(BenchThread t) {
        spinners.remove(t);
        line.removePoller(t.cpu());
        sched.stopSpinning(t);
        t.onNeedResched(null);
    }

    /** {@code t} owns the lock once its line arrives ({@code pullNs}); then the critical section. */
    private void take(BenchThread t, long pullNs) {
        holder = t;
        if (lastHolderCpu >= 0 && lastHolderCpu != t.cpu()) {
            handoffs++;
            if (layout.llcOf(lastHolderCpu) != layout.llcOf(t.cpu())) {
                crossLlcHandoffs++;
            }
            if (layout.socketOf(lastHolderCpu) != layout.socketOf(t.cpu())) {
                crossSocketHandoffs++;
            }
        }
        t.holdSinceNs = sim.now();
        t.phase = Phase.RELEASE;
        sched.compute(t, pullNs + Math.round(config.criticalSectionNs()), true);
    }

    private void release(BenchThread t) {
        holder = null;
        lastHolderCpu = t.cpu();
        criticalSections++;
        lastReleaseNs = sim.now();
        record(t, t.holdSinceNs, TimelineSpan.Kind.HOLD);
        t.remaining--;
        if (t.remaining == 0 && firstFinishNs < 0) {
            firstFinishNs = sim.now();
            criticalSectionsAtFirstFinish = criticalSections;
        }
        if (t.remaining == 0) {
            grantToASpinner(false);
            return;
        }
        // The releaser loops straight back to its trylock on a line it just wrote, a few
        // cycles after the release store, long before a spinner's PAUSE ends: it re-takes
        // the lock unless a spinner's read was already on its way. A spinner polls in
        // cycles of one PAUSE and one read that crosses to the holder's core, so its read
        // is in flight transfer / (PAUSE + transfer) of the time; such a spinner sees the
        // lock free as the releaser retries, and both exchanges then need the line
        // exclusive: an even race at the line's home. Each of the k spinners wins with half
        // that chance; otherwise the releaser keeps the lock, paying for the pollers' reads
        // when its exchange pulls the line back ({@link #retakeNs}).
        if (!spinners.isEmpty()) {
            BenchThread probe = spinners.get(spinners.size() == 1 ? 0 : grantStream.nextInt(spinners.size()));
            double transfer = Math.max(1, layout.transferNs(t.cpu(), probe.cpu()));
            double inFlight = transfer / (pauseNs + transfer);
            double noSpinnerWins = Math.pow(1 - inFlight / 2, spinners.size());
            if (grantStream.nextDouble() >= noSpinnerWins) {
                grantToASpinner(true);
            }
        }
    }

    /**
     * The lock is free and a spinner takes it: the first to poll after the release, or
     * ({@code readInFlight}) one whose read was already on its way, with no PAUSE to wait out.
     */
    private void grantToASpinner(boolean readInFlight) {
        if (spinners.isEmpty() || holder != null) {
            return;
        }
        int k = spinners.size();
        BenchThread winner = spinners.get(k == 1 ? 0 : grantStream.nextInt(k));
        // the winner's own request is the transfer below: it queues behind the other pollers only
        stopSpinning(winner);
        double queueNs = line.queueNs();
        recordWait(winner);
        double noticeNs = readInFlight ? 0 : pauseNs / (k + 1);
        long pullNs = layout.lineTransferNs(lastHolderCpu, winner.cpu()) + Math.round(queueNs + noticeNs);
        handoffNsSum += pullNs;
        grants++;
        winner.phase = Phase.GRANTED;
        winner.pendingPullNs = pullNs;
        holder = winner;
        winner.wakeNow();
    }

    /**
     * What the releaser's next exchange costs with spinners polling the line: see
     * {@link #release}. It pulls the line back from one poller (the transfer) and waits
     * behind the other pollers' requests at the line's home: with one poller there is no
     * one else to queue behind (Boyd-Wickizer et al. 2012: each further waiting core adds
     * half a transfer), which is the 2-thread case of global-lock-bench.
     */
    private long retakeNs(BenchThread t) {
        if (spinners.isEmpty()) {
            return 0;
        }
        BenchThread poller = spinners.get(spinners.size() == 1 ? 0 : grantStream.nextInt(spinners.size()));
        line.removePoller(poller.cpu());
        double othersNs = line.queueNs();
        line.addPoller(poller.cpu());
        return layout.lineTransferNs(poller.cpu(), t.cpu()) + Math.round(othersNs);
    }

    private void recordWait(BenchThread t) {
        record(t, t.spinSinceNs, TimelineSpan.Kind.WAIT);
    }

    private void record(BenchThread t, long startNs, TimelineSpan.Kind kind) {
        if (timeline != null && timeline.recording() && sim.now() > startNs
                && t.cpu() < Math.min(layout.cpus(), threads.length)) {
            timeline.span(t.cpu(), t.id(), startNs, sim.now(), kind);
        }
    }

    private enum Phase { TRY, GRANTED, RELEASE }

    private final class BenchThread extends SchedTask {
        long remaining = config.iterationsPerThread();
        Phase phase = Phase.TRY;
        long spinSinceNs;
        long holdSinceNs;
        long pendingPullNs;

        BenchThread(Simulation simulation, int id) {
            super(simulation, id);
        }

        @Override
        protected void resume() {
            switch (phase) {
                case TRY -> {
                    if (remaining == 0) {
                        running--;
                        sched.exit(this);
                    } else {
                        tryLock(this);
                    }
                }
                case GRANTED -> take(this, pendingPullNs);
                case RELEASE -> {
                    release(this);
                    phase = Phase.TRY;
                    if (sched.preemptionPoint(this)) {
                        grantToASpinner(false); // it lost its CPU between two critical sections
                    } else {
                        resume();
                    }
                }
                default -> throw new IllegalStateException(phase.toString());
            }
        }
    }
}
