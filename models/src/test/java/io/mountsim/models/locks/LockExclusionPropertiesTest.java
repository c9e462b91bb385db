package io.mountsim.models.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.TimelineSpan;
import io.mountsim.models.locks.Worker.Action;
import io.mountsim.models.sched.FlatLayout;
import io.mountsim.models.sched.SchedulerParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Random workloads against the rwsem and the queued spinlock: the lock is never held by
 * a writer together with anyone else, every acquisition completes (no lost wakeup: all
 * workers finish, nobody is left sleeping or spinning), and the run is bounded.
 */
class LockExclusionPropertiesTest {

    /** A random machine and scheduler; costs small next to holds so runs stay short. */
    private static Rig rig(SplittableRandom rnd, int cpus, boolean smt, long budget) {
        FlatLayout layout = new FlatLayout(cpus, rnd.nextInt(300), false, smt, smt ? 1.3 : 1.0);
        SchedulerParams params = new SchedulerParams(
                50_000 + rnd.nextInt(3_000_000), rnd.nextInt(5_000), rnd.nextInt(3_000));
        return new Rig(layout, params, budget);
    }

    @Property(tries = 500)
    void rwsemNeverMixesAWriterWithAnyoneAndEveryAcquisitionCompletes(
            @ForAll @IntRange(min = 1, max = 6) int cpus,
            @ForAll boolean smt,
            @ForAll @IntRange(min = 1, max = 12) int threads,
            @ForAll @IntRange(min = 1, max = 6) int iterations,
            @ForAll @DoubleRange(min = 0, max = 1) double readerShare,
            @ForAll @DoubleRange(min = 0, max = 0.5) double offCpuHoldShare,
            @ForAll @IntRange(min = 0, max = 40_000) int maxHoldNs,
            @ForAll @IntRange(min = 0, max = 40_000) int maxThinkNs,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Rig rig = rig(rnd, cpus, smt, 200_000);
        RwSemaphore sem = new RwSemaphore(rig.sched, Rig.stats("namespace_sem"));
        // umount2() sleeps in synchronize_rcu_expedited() after dropping namespace_sem
        RcuExpedited rcu = new RcuExpedited(rig.sched, 20_000 + rnd.nextInt(100_000), rnd.nextInt(10_000), rnd.nextBoolean());
        long rcuCalls = 0;
        Map<Long, List<Boolean>> exclusiveByTask = new HashMap<>();
        long serialWorkNs = 0;
        for (int i = 0; i < threads; i++) {
            List<Action> program = new ArrayList<>();
            List<Boolean> modes = new ArrayList<>();
            for (int k = 0; k < iterations; k++) {
                long thinkNs = rnd.nextInt(maxThinkNs + 1);
                boolean reader = rnd.nextDouble() < readerShare;
                // a holder sleeping with the lock held (off-CPU) makes spinners see a
                // non-running owner and waiters pass the 4 ms HANDOFF timeout
                boolean offCpu = rnd.nextDouble() < offCpuHoldShare;
                long holdNs = offCpu ? rnd.nextInt(5_000_000) : rnd.nextInt(maxHoldNs + 1);
                program.add(new Worker.Compute(thinkNs));
                program.add(reader ? new Worker.ReadLock(sem) : new Worker.WriteLock(sem));
                program.add(offCpu ? new Worker.OffCpu(holdNs) : new Worker.Compute(holdNs));
                program.add(reader ? new Worker.ReadUnlock(sem) : new Worker.WriteUnlock(sem));
                if (!reader && rnd.nextInt(5) == 0) {
                    program.add(new Worker.RcuSync(rcu));
                    rcuCalls++;
                }
                modes.add(!reader);
                serialWorkNs += thinkNs + holdNs;
            }
            Worker w = rig.worker(program);
            exclusiveByTask.put(w.id(), modes);
            rig.startAt(w, rnd.nextInt(20_000));
        }

        assertTrue(rig.run(), "runaway: more than 200000 resumes");
        assertTrue(rig.allDone(), "a worker never finished (lost wakeup?): waiting=" + sem.waiting()
                + " spinning=" + sem.spinning() + " writer=" + sem.writer() + " readers=" + sem.readers());
        assertTrue(sem.isFree());
        assertEquals(0, sem.waiting());
        assertEquals(0, sem.spinning());
        int acquisitions = threads * iterations;
        assertEquals(acquisitions, sem.acquisitions());
        assertEquals(acquisitions + rcuCalls, rig.events(Worker.Kind.GRANTED).size());
        assertEquals(rcuCalls, rcu.callers());

        List<TimelineSpan> spans = HoldSpans.holds(sem.stats());
        assertEquals(acquisitions, spans.size());
        Map<Long, Integer> seen = new HashMap<>();
        List<HoldSpans.Hold> holds = new ArrayList<>();
        // spans are recorded at release, and each task's releases come in program order
        for (TimelineSpan s : spans) {
            int k = seen.merge(s.taskId(), 1, Integer::sum) - 1;
            holds.add(new HoldSpans.Hold(s.taskId(), s.startNs(), s.endNs(), exclusiveByTask.get(s.taskId()).get(k)));
        }
        assertNull(HoldSpans.firstViolation(holds));

        // Bounded: even fully serialised, all work plus a generous per-acquisition overhead
        // (wakeups, switches, handoffs, a capped reader spin) must fit.
        long overheadNs = acquisitions * 4L * (5_000 + 3_000 + 300 + 25_000) + 1_000_000
                + rcuCalls * (rcu.gracePeriodNs() + 10_000);
        long boundNs = Math.round(serialWorkNs * (smt ? 1.3 : 1.0)) + 20_000 + overheadNs;
        long makespanNs = rig.workers.stream().mapToLong(Worker::doneNs).max().orElse(0);
        assertTrue(makespanNs <= boundNs, "makespan " + makespanNs + " ns > bound " + boundNs);

        // the workloads must reach the interesting paths, not just pass uncontended
        Statistics.label("writer slept").collect(sem.sleeps() > 0);
        Statistics.label("someone spun").collect(rig.sched.breakdown().spinning() > 0);
        Statistics.label("a wait reached HANDOFF").collect(
                sem.stats().waitNs().max() >= RwSemaphore.HANDOFF_TIMEOUT_NS);
        Statistics.label("writer slept").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("someone spun").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("a wait reached HANDOFF").coverage(c -> c.check(true).percentage(p -> p > 3));
    }

    @Property(tries = 500)
    void queuedSpinlockHasOneHolderAndGrantsInArrivalOrder(
            @ForAll @IntRange(min = 1, max = 8) int cpus,
            @ForAll boolean smt,
            @ForAll @IntRange(min = 1, max = 14) int threads,
            @ForAll @IntRange(min = 1, max = 8) int iterations,
            @ForAll @IntRange(min = 0, max = 20_000) int maxHoldNs,
            @ForAll @IntRange(min = 0, max = 20_000) int maxThinkNs,
            @ForAll boolean seqlock,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Rig rig = rig(rnd, cpus, smt, 200_000);
        LockStats stats = Rig.stats("lock");
        QueuedSpinlock lock = seqlock ? new MountLockSeqlock(rig.sched, stats) : new QueuedSpinlock(rig.sched, stats);
        for (int i = 0; i < threads; i++) {
            List<Action> program = new ArrayList<>();
            for (int k = 0; k < iterations; k++) {
                program.add(new Worker.Compute(rnd.nextInt(maxThinkNs + 1)));
                program.add(new Worker.SpinSection(lock, rnd.nextInt(maxHoldNs + 1)));
            }
            rig.startAt(rig.worker(program), rnd.nextInt(10_000));
        }

        assertTrue(rig.run(), "runaway");
        assertTrue(rig.allDone(), "a worker never finished: waiting=" + lock.waiting() + " holder=" + lock.holder());
        assertTrue(!lock.isHeld() && lock.waiting() == 0);
        List<HoldSpans.Hold> holds = HoldSpans.holds(stats).stream()
                .map(s -> new HoldSpans.Hold(s.taskId(), s.startNs(), s.endNs(), true)).toList();
        assertEquals(threads * iterations, holds.size());
        assertNull(HoldSpans.firstViolation(holds));

        // MCS: whoever calls acquire() first owns the lock first. The log is in execution
        // order, so the order of requests must equal the order of grants.
        List<Long> requests = rig.events(Worker.Kind.REQUEST).stream().map(Worker.Event::taskId).toList();
        List<Long> grants = rig.events(Worker.Kind.GRANTED).stream().map(Worker.Event::taskId).toList();
        assertEquals(requests, grants);
    }

    /**
     * mount_lock readers among its writers: a reader that found no writer inside passed at
     * once, and one that found a writer passed exactly one line transfer after a writer's
     * release that came after its arrival; nobody is left spinning.
     */
    @Property(tries = 300)
    void seqlockReadersPassOnlyWhenNoWriterIsInside(
            @ForAll @IntRange(min = 2, max = 8) int cpus,
            @ForAll @IntRange(min = 1, max = 6) int writers,
            @ForAll @IntRange(min = 1, max = 8) int readers,
            @ForAll @IntRange(min = 1, max = 6) int iterations,
            @ForAll @IntRange(min = 1, max = 20_000) int maxHoldNs,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long transferNs = 1 + rnd.nextInt(300);
        Rig rig = new Rig(FlatLayout.of(cpus, transferNs), new SchedulerParams(750_000, rnd.nextInt(3_000),
                rnd.nextInt(2_000)), 200_000);
        MountLockSeqlock lock = new MountLockSeqlock(rig.sched, Rig.stats("mount_lock"));
        for (int i = 0; i < writers + readers; i++) {
            List<Action> program = new ArrayList<>();
            for (int k = 0; k < iterations; k++) {
                program.add(new Worker.Compute(rnd.nextInt(20_000)));
                program.add(i < writers ? new Worker.SpinSection(lock, rnd.nextInt(maxHoldNs) + 1) : new Worker.SeqRead(lock));
            }
            rig.startAt(rig.worker(program), rnd.nextInt(10_000));
        }
        assertTrue(rig.run() && rig.allDone(), "a worker never finished");
        assertEquals(0, lock.spinningReaders());

        List<TimelineSpan> holds = HoldSpans.holds(lock.stats());
        List<Worker.Event> reads = rig.log.stream().filter(e -> e.action() instanceof Worker.SeqRead).toList();
        for (int i = 0; i < reads.size(); i++) {
            Worker.Event asked = reads.get(i);
            if (asked.kind() != Worker.Kind.REQUEST) {
                continue;
            }
            Worker.Event passed = reads.stream().skip(i + 1)
                    .filter(e -> e.taskId() == asked.taskId() && e.kind() == Worker.Kind.GRANTED).findFirst().orElseThrow();
            long askedNs = asked.timeNs();
            long passedNs = passed.timeNs();
            if (passedNs == askedNs) {
                assertTrue(holds.stream().noneMatch(h -> h.startNs() < askedNs && askedNs < h.endNs()),
                        "read at " + askedNs + " passed while a writer was inside");
            } else {
                assertTrue(holds.stream().anyMatch(h -> h.endNs() >= askedNs && h.endNs() + transferNs == passedNs),
                        "read at " + askedNs + " passed at " + passedNs + ", not one transfer after a release");
            }
        }
    }
}
