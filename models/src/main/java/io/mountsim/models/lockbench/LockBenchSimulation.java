package io.mountsim.models.lockbench;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.engine.Task;
import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.core.random.Distributions;
import io.mountsim.core.random.RandomStream;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.models.topology.HardwareCosts;
import io.mountsim.models.topology.HardwareCosts.SiblingActivity;
import io.mountsim.models.topology.SpinnerCensus;
import io.mountsim.models.topology.Topology;
import java.util.OptionalInt;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Discrete-event replica of Netflix's global-lock-bench: T threads on the allowed CPUs
 * (thread i on the i-th allowed CPU in ascending order, wrapping when T exceeds them),
 * each running its critical sections under one global spinlock.
 *
 * <p>A thread's life: (think) -> spin -> the lock is granted to it -> the line travels to
 * its CPU (the handoff, priced by {@link HardwareCosts#handoffNs} with everybody spinning
 * at that instant) -> critical section -> release -> the next spinner is granted. The
 * releaser does not compete for the grant its own release triggers; with no think time it
 * rejoins the spinners at once.
 *
 * <p>SMT: the critical section runs {@code busySiblingSlowdown} slower if the sibling
 * thread is thinking, {@code spinningSiblingSlowdown} if it only spins. Threads sharing a
 * CPU (T above the allowed CPUs) share it as processor sharing, the fluid limit of
 * round-robin time slicing: m threads on one CPU each run at 1/m speed and poll the line
 * 1/m as often. Lock-holder preemption, which makes oversubscribed user-space spinlocks far
 * worse on real machines, is NOT modelled.
 */
final class LockBenchSimulation {
    static final int KIND_ARRIVE = 31;
    static final int KIND_ACQUIRED = 32;
    static final int KIND_RELEASE = 33;

    private final Simulation sim = new Simulation();
    private final HardwareCosts hw;
    private final Topology topology;
    private final LockBenchConfig config;
    private final RandomStream grantStream;
    private final RealDistribution think;
    private final BenchThread[] threads;
    private final int[] activeOnCpu;
    private final int[] busyOnCpu;
    private final int[] spinningOnCpu;
    private final SpinnerCensus census;
    private final WaitList waiters;
    private final int[] cpusUsed;

    private boolean lockTaken;
    private int holders;
    private int maxHolders;
    private int lineCpu;
    private long criticalSections;
    private long handoffs;
    private long crossSocketHandoffs;
    private long crossLlcHandoffs;
    private double handoffNsSum;
    private long grantsToWaiters;
    private long lastReleaseNs;
    private long firstFinishNs = -1;
    private long criticalSectionsAtFirstFinish;
    private double roundingCarry;
    private long emittedNs;

    private final TimelineRecorder timeline;
    private final int[] laneOfCpu;

    /** @param timelineSpans how many lock spans to record for the timeline chart; 0 = none */
    LockBenchSimulation(HardwareCosts hw, LockBenchConfig config, long seed, int replication, int timelineSpans) {
        this.hw = hw;
        this.topology = hw.topology();
        this.config = config;
        RandomStreams streams = new RandomStreams(seed);
        this.grantStream = streams.stream("lockbench.grant", replication);
        this.think = config.thinkNsMean() > 0
                ? Distributions.exponential(streams.stream("lockbench.think", replication), config.thinkNsMean())
                : null;
        int limit = topology.cpuNumberLimit();
        this.activeOnCpu = new int[limit];
        this.busyOnCpu = new int[limit];
        this.spinningOnCpu = new int[limit];
        int[] allowed = topology.cpuArray();
        this.threads = new BenchThread[config.threads()];
        for (int i = 0; i < threads.length; i++) {
            int cpu = allowed[i % allowed.length];
            threads[i] = new BenchThread(sim, i, cpu);
            activeOnCpu[cpu]++;
        }
        this.cpusUsed = java.util.Arrays.copyOf(allowed, Math.min(allowed.length, threads.length));
        // The main thread, on the first allowed CPU, touches the lock first: its memory is homed there.
        this.census = new SpinnerCensus(topology, topology.socketOf(allowed[0]));
        this.lineCpu = allowed[0];
        this.waiters = new WaitList(threads.length);
        this.laneOfCpu = new int[limit];
        for (int i = 0; i < allowed.length; i++) {
            laneOfCpu[allowed[i]] = i;
        }
        this.timeline = timelineSpans > 0 ? new TimelineRecorder(timelineSpans, cpusUsed.length) : null;
    }

    LockBenchResult run() {
        for (BenchThread t : threads) {
            if (think != null) {
                t.startThinking();
            } else {
                t.phase = Phase.ARRIVE;
                t.wakeNow();
            }
        }
        sim.run();
        if (timeline != null) {
            timeline.close(lastReleaseNs); // a run shorter than the window: it ends with the run
        }
        double makespanNs = lastReleaseNs;
        double busyCpuNs = 0;
        for (int cpu : cpusUsed) {
            long end = 0;
            for (BenchThread t : threads) {
                if (t.cpu == cpu) {
                    end = Math.max(end, t.finishNs);
                }
            }
            busyCpuNs += end;
        }
        double threadNs = 0;
        double spinNs = 0;
        for (BenchThread t : threads) {
            threadNs += t.finishNs;
            spinNs += t.spinNs;
        }
        double capacityNs = makespanNs * topology.allowedCpuCount();
        return new LockBenchResult(makespanNs / 1e9,
                makespanNs / criticalSections,
                criticalSections,
                handoffs, crossSocketHandoffs, crossLlcHandoffs,
                grantsToWaiters == 0 ? 0 : handoffNsSum / grantsToWaiters,
                capacityNs == 0 ? 0 : busyCpuNs / capacityNs,
                threadNs == 0 ? 0 : spinNs / threadNs,
                firstFinishNs > 0 ? criticalSectionsAtFirstFinish * 1e9 / firstFinishNs : 0,
                maxHolders,
                sim.eventsProcessed(),
                sim.fingerprint(),
                timeline == null ? Timeline.empty() : timeline.timeline());
    }

    /** Rounds durations to whole nanoseconds without drifting: the rounding errors carry over. */
    private long ns(double durationNs) {
        roundingCarry += durationNs;
        long target = Math.round(roundingCarry);
        long d = Math.max(0, target - emittedNs);
        emittedNs += d;
        return d;
    }

    private void arrive(BenchThread t) {
        if (t.state == State.THINKING) {
            busyOnCpu[t.cpu]--;
        }
        t.state = State.SPINNING;
        t.spinStartNs = sim.now();
        t.spinWeight = 1.0 / activeOnCpu[t.cpu];
        spinningOnCpu[t.cpu]++;
        census.add(t.cpu, t.spinWeight);
        waiters.add(t);
        if (!lockTaken) {
            grant(false);
        }
    }

    /** Gives the free lock to the next waiter; {@code afterRelease}: waiters were spinning through PAUSEs. */
    private void grant(boolean afterRelease) {
        BenchThread winner = waiters.removeNext(config.grantOrder(), grantStream);
        int spinners = census.spinners();
        double costNs = hw.handoffNs(lineCpu, winner.cpu, census);
        if (afterRelease && config.grantOrder() == GrantOrder.TEST_AND_SET) {
            costNs += hw.pauseNs() * activeOnCpu[winner.cpu] / (spinners + 1);
        }
        census.remove(winner.cpu, winner.spinWeight);
        if (lineCpu != winner.cpu) {
            handoffs++;
            if (topology.llcOf(lineCpu) != topology.llcOf(winner.cpu)) {
                crossLlcHandoffs++;
            }
            if (topology.socketOf(lineCpu) != topology.socketOf(winner.cpu)) {
                crossSocketHandoffs++;
            }
        }
        handoffNsSum += costNs;
        grantsToWaiters++;
        lockTaken = true;
        winner.phase = Phase.ACQUIRED;
        winner.wakeAfter(ns(costNs));
    }

    private void acquired(BenchThread t) {
        holders++;
        maxHolders = Math.max(maxHolders, holders);
        spinningOnCpu[t.cpu]--;
        busyOnCpu[t.cpu]++;
        t.spinNs += sim.now() - t.spinStartNs;
        recordSpan(t, t.spinStartNs, TimelineSpan.Kind.WAIT);
        t.holdStartNs = sim.now();
        t.state = State.HOLDING;
        lineCpu = t.cpu;
        double stretch = hw.smtSlowdown(siblingActivity(t.cpu)) * activeOnCpu[t.cpu];
        t.phase = Phase.RELEASE;
        t.wakeAfter(ns(config.criticalSectionNs() * stretch));
    }

    private void release(BenchThread t) {
        holders--;
        busyOnCpu[t.cpu]--;
        recordSpan(t, t.holdStartNs, TimelineSpan.Kind.HOLD);
        lockTaken = false;
        criticalSections++;
        lastReleaseNs = sim.now();
        t.remaining--;
        if (t.remaining == 0) {
            t.state = State.DONE;
            t.finishNs = sim.now();
            activeOnCpu[t.cpu]--;
            if (firstFinishNs < 0) {
                firstFinishNs = sim.now();
                criticalSectionsAtFirstFinish = criticalSections;
            }
        }
        if (!waiters.isEmpty()) {
            grant(true);
        }
        if (t.remaining > 0) {
            if (think != null) {
                t.startThinking();
            } else {
                arrive(t);
            }
        }
    }

    private void recordSpan(BenchThread t, long startNs, TimelineSpan.Kind kind) {
        if (timeline == null || !timeline.recording()) {
            return;
        }
        timeline.span(laneOfCpu[t.cpu], t.id(), startNs, sim.now(), kind);
        if (!timeline.recording()) {
            // The window just filled: show who was still spinning at its end.
            for (BenchThread other : threads) {
                if (other.state == State.SPINNING) {
                    timeline.openWait(laneOfCpu[other.cpu], other.id(), other.spinStartNs);
                }
            }
        }
    }

    private SiblingActivity siblingActivity(int cpu) {
        OptionalInt sibling = topology.siblingOf(cpu);
        if (sibling.isEmpty()) {
            return SiblingActivity.IDLE;
        }
        int s = sibling.getAsInt();
        if (busyOnCpu[s] > 0) {
            return SiblingActivity.BUSY;
        }
        return spinningOnCpu[s] > 0 ? SiblingActivity.SPINNING : SiblingActivity.IDLE;
    }

    private enum State {
        THINKING, SPINNING, HOLDING, DONE
    }

    private enum Phase {
        ARRIVE, ACQUIRED, RELEASE
    }

    /** One benchmark thread: its program counter is {@link #phase}. */
    private final class BenchThread extends Task {
        final int cpu;
        long remaining = config.iterationsPerThread();
        State state = State.THINKING;
        Phase phase = Phase.ARRIVE;
        long spinStartNs;
        long holdStartNs;
        double spinWeight;
        long spinNs;
        long finishNs;

        BenchThread(Simulation simulation, int id, int cpu) {
            super(simulation, id);
            this.cpu = cpu;
        }

        void startThinking() {
            state = State.THINKING;
            busyOnCpu[cpu]++;
            phase = Phase.ARRIVE;
            wakeAfter(ns(think.sample() * activeOnCpu[cpu]));
        }

        @Override
        protected void resume() {
            switch (phase) {
                case ARRIVE -> arrive(this);
                case ACQUIRED -> acquired(this);
                case RELEASE -> release(this);
                default -> throw new IllegalStateException(phase.toString());
            }
        }

        @Override
        public int kind() {
            return switch (phase) {
                case ARRIVE -> KIND_ARRIVE;
                case ACQUIRED -> KIND_ACQUIRED;
                case RELEASE -> KIND_RELEASE;
            };
        }
    }

    /** The spinning threads: a FIFO ring for the ticket lock, swap-remove at random for test-and-set. */
    private static final class WaitList {
        private final Object[] items;
        private int head;
        private int size;

        WaitList(int capacity) {
            items = new Object[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(BenchThread t) {
            items[(head + size) % items.length] = t;
            size++;
        }

        BenchThread removeNext(GrantOrder order, RandomStream rng) {
            int offset = order == GrantOrder.TICKET ? 0 : rng.nextInt(size);
            int slot = (head + offset) % items.length;
            BenchThread t = (BenchThread) items[slot];
            if (offset == 0) {
                items[head] = null;
                head = (head + 1) % items.length;
            } else {
                int last = (head + size - 1) % items.length;
                items[slot] = items[last];
                items[last] = null;
            }
            size--;
            return t;
        }
    }
}
