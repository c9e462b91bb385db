package io.mountsim.models.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.TimelineSpan;
import io.mountsim.models.locks.Worker.Action;
import io.mountsim.models.locks.Worker.Compute;
import io.mountsim.models.locks.Worker.OffCpu;
import io.mountsim.models.locks.Worker.ReadLock;
import io.mountsim.models.locks.Worker.ReadUnlock;
import io.mountsim.models.locks.Worker.WriteLock;
import io.mountsim.models.locks.Worker.WriteUnlock;
import io.mountsim.models.sched.FlatLayout;
import io.mountsim.models.sched.SchedulerParams;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The rwsem behaviours of kernel/locking/rwsem.c the model promises, each in a small
 * hand-timed scenario. Timings: a wakeup onto an idle CPU costs {@value #IDLE_WAKEUP_NS}
 * ns, a line transfer {@value #TRANSFER_NS} ns.
 */
class RwSemaphoreBehaviourTest {
    private static final long IDLE_WAKEUP_NS = 5_000;
    private static final long TRANSFER_NS = 100;

    /** One machine with one rwsem and helpers to script workers against it. */
    private static final class Scenario {
        private final Rig rig;
        private final RwSemaphore sem;

        private Scenario(int cpus, long idleWakeupNs, long switchNs) {
            this(cpus, idleWakeupNs, switchNs, 3_000_000);
        }

        private Scenario(int cpus, long idleWakeupNs, long switchNs, long sliceNs) {
            rig = new Rig(FlatLayout.of(cpus, TRANSFER_NS), new SchedulerParams(sliceNs, idleWakeupNs, switchNs), 100_000);
            sem = new RwSemaphore(rig.sched, Rig.stats("namespace_sem"));
        }

        private Worker writer(long startNs, Action hold, long thinkBeforeNs) {
            Worker w = rig.worker(List.of(new Compute(thinkBeforeNs), new WriteLock(sem), hold, new WriteUnlock(sem)));
            rig.startAt(w, startNs);
            return w;
        }

        private Worker reader(long startNs, Action hold) {
            Worker w = rig.worker(List.of(new ReadLock(sem), hold, new ReadUnlock(sem)));
            rig.startAt(w, startNs);
            return w;
        }

        private void runToCompletion() {
            assertTrue(rig.run(), "runaway");
            assertTrue(rig.allDone(), "a worker never finished");
            assertTrue(sem.isFree() && sem.waiting() == 0 && sem.spinning() == 0);
        }

        /** Lock-level grant time of each task's (single) hold: the start of its hold span. */
        private Map<Long, Long> grantNs() {
            return HoldSpans.holds(sem.stats()).stream()
                    .collect(Collectors.toMap(TimelineSpan::taskId, TimelineSpan::startNs));
        }

        private Map<Long, Long> releaseNs() {
            return HoldSpans.holds(sem.stats()).stream()
                    .collect(Collectors.toMap(TimelineSpan::taskId, TimelineSpan::endNs));
        }

        private List<Long> grantOrder() {
            return HoldSpans.holds(sem.stats()).stream()
                    .sorted(Comparator.comparingLong(TimelineSpan::startNs))
                    .map(TimelineSpan::taskId).toList();
        }

        private double spinNs() {
            return rig.sched.breakdown().spinning() * rig.sim.now() * rig.sched.cpuCount();
        }
    }

    /** Four CPUs with a costly idle wakeup, so woken waiters leave a window to steal in. */
    private static Scenario slowWakeups() {
        return new Scenario(4, IDLE_WAKEUP_NS, 100);
    }

    /** Free wakeups and switches: only spinning and line transfers take time. */
    private static Scenario freeScheduling(int cpus) {
        return new Scenario(cpus, 0, 0);
    }

    @Test
    void sleepingWritersAreServedInArrivalOrder() {
        Scenario t = slowWakeups();
        // The owner sleeps holding the lock, so nobody can spin on it: all queue and sleep.
        t.writer(0, new OffCpu(100_000), 0);
        for (int i = 1; i <= 5; i++) {
            t.writer(10_000L * i, new Compute(5_000), 0);
        }
        t.runToCompletion();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), t.grantOrder());
        assertEquals(5, t.sem.sleeps());
    }

    @Test
    void queuedReadersAreGrantedTogetherAheadOfALaterWriterOnceTheHeadWriterIsDone() {
        Scenario t = slowWakeups();
        // Queue: W1 R2 W3 R4 behind sleeping owner W0. rwsem_mark_wake() wakes all the
        // queued readers at once, so R4 is granted with R2, before W3.
        t.writer(0, new OffCpu(100_000), 0);
        t.writer(10_000, new Compute(5_000), 0);
        t.reader(20_000, new Compute(5_000));
        t.writer(30_000, new Compute(5_000), 0);
        t.reader(40_000, new Compute(5_000));
        t.runToCompletion();
        Map<Long, Long> grant = t.grantNs();
        assertEquals(List.of(0L, 1L), t.grantOrder().subList(0, 2));
        assertEquals(grant.get(2L), grant.get(4L), "readers granted at one instant");
        assertEquals(t.releaseNs().get(1L), grant.get(2L), "granted when the writer released");
        assertTrue(grant.get(3L) >= Math.max(t.releaseNs().get(2L), t.releaseNs().get(4L)));
    }

    @Test
    void aNewReaderQueuesBehindAWaitingWriter() {
        Scenario t = slowWakeups();
        // R0 holds for 200 us off-CPU; W1 spins on the reader owner, times out, sleeps;
        // R2 then finds a waiter and a reader owner: no fast path, no steal.
        t.reader(0, new OffCpu(200_000));
        t.writer(10_000, new Compute(5_000), 0);
        t.reader(60_000, new Compute(5_000));
        t.runToCompletion();
        assertEquals(List.of(0L, 1L, 2L), t.grantOrder());
        assertTrue(t.grantNs().get(2L) >= t.releaseNs().get(1L), "reader overtook the waiting writer");
    }

    @Test
    void aReaderStealsAFreeLockWhileTheWokenWriterIsStillWakingUp() {
        Scenario t = slowWakeups();
        // W0 holds 100 us off-CPU and releases at 110 us (its timer plus an idle wakeup);
        // W1 sleeps in the queue and is woken then, running only at 115 us. R2 asks at
        // 112 us: no writer, no reader, no HANDOFF, so the slow path steals the lock.
        t.writer(0, new OffCpu(100_000), 0);
        t.writer(1_000, new Compute(5_000), 0);
        Worker r = t.rig.worker(List.of(new Compute(107_000), new ReadLock(t.sem), new Compute(5_000), new ReadUnlock(t.sem)));
        t.rig.startAt(r, 0);
        t.runToCompletion();
        Map<Long, Long> grant = t.grantNs();
        assertEquals(110_000L, t.releaseNs().get(0L));
        assertEquals(112_000L, grant.get(2L));
        assertTrue(grant.get(1L) >= t.releaseNs().get(2L), "the woken writer must retry after the stealer");
    }

    /**
     * A reader that steals the lock wakes queued readers only when a reader heads the
     * queue: rwsem_mark_wake(RWSEM_WAKE_READ_OWNED) returns at once when the first waiter
     * is a writer. Same timeline as above, with readers R2 and R3 queued behind W1: R4
     * steals at 112 us, and R2 and R3 must still wait for W1.
     */
    @Test
    void aStealingReaderDoesNotWakeReadersQueuedBehindAWriter() {
        Scenario t = new Scenario(8, IDLE_WAKEUP_NS, 100); // a CPU each: queue order = arrival order
        t.writer(0, new OffCpu(100_000), 0);
        t.writer(1_000, new Compute(5_000), 0);
        t.reader(2_000, new Compute(5_000));
        t.reader(3_000, new Compute(5_000));
        Worker stealer = t.rig.worker(List.of(new Compute(107_000), new ReadLock(t.sem), new Compute(5_000),
                new ReadUnlock(t.sem)));
        t.rig.startAt(stealer, 0);
        t.runToCompletion();
        Map<Long, Long> grant = t.grantNs();
        assertEquals(112_000L, grant.get(4L), "R4 steals the free lock");
        long w1ReleaseNs = t.releaseNs().get(1L);
        assertTrue(grant.get(1L) >= t.releaseNs().get(4L), "W1 after the stealer");
        assertEquals(w1ReleaseNs, grant.get(2L), "R2 waits for the writer ahead of it");
        assertEquals(w1ReleaseNs, grant.get(3L), "R3 waits for the writer ahead of it");
    }

    @Test
    void upTo256ReadersAreGrantedAtOneInstantAndTheRestWithTheNextBatch() {
        Scenario t = freeScheduling(8);
        t.writer(0, new OffCpu(1_000_000), 0);
        int readers = 300;
        for (int i = 0; i < readers; i++) {
            t.reader(1_000 + i, new Compute(10_000));
        }
        t.runToCompletion();
        long writerReleaseNs = t.releaseNs().get(0L);
        Map<Long, Long> byGrant = new TreeMap<>(t.grantNs().entrySet().stream().filter(e -> e.getKey() != 0)
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting())));
        assertEquals(2, byGrant.size(), "two batches: " + byGrant);
        assertEquals(RwSemaphore.MAX_READERS_WAKEUP, byGrant.get(writerReleaseNs));
        long secondBatchNs = byGrant.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(readers - RwSemaphore.MAX_READERS_WAKEUP, byGrant.get(secondBatchNs));
        long lastFirstBatchReleaseNs = t.releaseNs().entrySet().stream()
                .filter(e -> e.getKey() != 0 && t.grantNs().get(e.getKey()) == writerReleaseNs)
                .mapToLong(Map.Entry::getValue).max().orElseThrow();
        assertEquals(lastFirstBatchReleaseNs, secondBatchNs, "the rest are granted when the first batch is gone");
    }

    /**
     * HANDOFF is set by the woken head writer whose retry finds the lock stolen past its
     * timeout (rwsem_try_write_lock(): time_after(jiffies, queueing jiffy + 1) at HZ=250),
     * not by a head that has merely waited. W0 holds off-CPU for {@code holdUs} and
     * releases at T = 10 us + hold; W1 has slept in the queue since 6 us (jiffy 0) and is
     * woken at T, running at T + 5 us; W2, running, steals the free lock at T + 1 us and
     * holds it 5 us, so W1's retry fails. Past its timeout (T + 5 us in jiffy 2, from 8 ms
     * on) W1 sets HANDOFF: at W2's release (T + 6 us) the lock goes to W1, and W3, asking
     * at T + 6.5 us, waits for it. Before (even at 5 and 7 ms of waiting, still jiffy 1)
     * W3 steals the lock again.
     */
    @ParameterizedTest
    @CsvSource({"1000, false", "5000, false", "7000, false", "8000, true", "9000, true"})
    void theWokenHeadWriterSetsHandoffOnlyWhenItsRetryFailsPastItsJiffyTimeout(long holdUs, boolean handoff) {
        Scenario t = slowWakeups();
        long holdNs = holdUs * 1_000;
        t.writer(0, new OffCpu(holdNs), 0);
        t.writer(1_000, new Compute(5_000), 0);
        t.writer(0, new Compute(5_000), holdNs + 6_000);
        t.writer(0, new Compute(5_000), holdNs + 11_500);
        t.runToCompletion();
        long releaseNs = 10_000 + holdNs;
        assertEquals(releaseNs, t.releaseNs().get(0L));
        Map<Long, Long> grant = t.grantNs();
        assertEquals(releaseNs + 1_000, grant.get(2L), "W2 steals from the woken W1 either way");
        if (handoff) {
            assertEquals(releaseNs + 6_000, grant.get(1L), "HANDOFF: W2's release goes straight to W1");
            assertEquals(t.releaseNs().get(1L), grant.get(3L), "W3 waits for W1");
        } else {
            assertEquals(releaseNs + 6_500, grant.get(3L), "no HANDOFF: W3 steals again");
            assertTrue(grant.get(1L) >= t.releaseNs().get(3L));
        }
    }

    /**
     * Same timeline with a reader as the latecomer: W1 has slept through its timeout at 5 ms
     * without running again, so it has not set HANDOFF and the slow-path reader steals.
     */
    @ParameterizedTest
    @CsvSource({"1000, true", "5000, true"})
    void aReaderStealsFromAWokenHeadThatHasNotSetHandoff(long holdUs, boolean steals) {
        Scenario t = slowWakeups();
        long holdNs = holdUs * 1_000;
        t.writer(0, new OffCpu(holdNs), 0);
        t.writer(1_000, new Compute(5_000), 0);
        Worker r = t.rig.worker(List.of(new Compute(holdNs + 6_000), new ReadLock(t.sem), new Compute(5_000),
                new ReadUnlock(t.sem)));
        t.rig.startAt(r, 0);
        t.runToCompletion();
        long releaseNs = 10_000 + holdNs;
        Map<Long, Long> grant = t.grantNs();
        if (steals) {
            assertEquals(releaseNs + 1_000, grant.get(2L));
        } else {
            assertEquals(releaseNs, grant.get(1L));
            assertEquals(t.releaseNs().get(1L), grant.get(2L), "the reader waits for the head writer");
        }
    }

    /**
     * A head that has waited past its timeout but never ran again has not set HANDOFF, so
     * an optimistic spinner still takes the lock first: W1 has slept at the head since
     * 100 ns (W0 was off-CPU then); S spins on W0 (back on a CPU) from 2 ms; at W0's
     * release at 5 ms S takes the lock and W1 gets it at S's release.
     */
    @Test
    void aSpinnerTakesTheLockFromAHeadThatSleptThroughItsTimeout() {
        Scenario t = freeScheduling(3);
        Worker w0 = t.rig.worker(List.of(new WriteLock(t.sem), new OffCpu(1_000_000), new Compute(4_000_000),
                new WriteUnlock(t.sem)));
        t.rig.startAt(w0, 0);
        t.writer(100, new Compute(5_000), 0);
        t.writer(2_000_000, new Compute(5_000), 0);
        t.runToCompletion();
        Map<Long, Long> grant = t.grantNs();
        assertEquals(5_000_000L, grant.get(2L), "the spinner takes the released lock");
        assertEquals(t.releaseNs().get(2L), grant.get(1L), "the head comes after it");
        assertEquals(1, t.sem.sleeps(), "only W1 slept: S spun on running owners throughout");
    }

    @Test
    void aWriterSpinsOnARunningWriterAndTakesTheLockWithoutSleeping() {
        Scenario t = freeScheduling(2);
        t.writer(0, new Compute(50_000), 0);
        t.writer(10_000, new Compute(5_000), 0);
        t.runToCompletion();
        assertEquals(0, t.sem.sleeps());
        assertEquals(50_000L, t.releaseNs().get(0L));
        assertEquals(50_000L, t.grantNs().get(1L), "granted at the release");
        long resumedNs = t.rig.events(Worker.Kind.GRANTED).get(1).timeNs();
        assertEquals(50_000L + TRANSFER_NS, resumedNs, "runs on after one line transfer");
        assertEquals(40_000.0, t.spinNs(), 1.0, "spun from its request to the release");
    }

    /** rwsem_rspin_threshold(): 10 us + 0.5 us per reader, at most 25 us. */
    @ParameterizedTest
    @CsvSource({"1, 10500", "4, 12000", "20, 20000", "40, 25000"})
    void spinningOnReaderOwnersStopsAfterTheThresholdAndTheWriterSleeps(int readers, long limitNs) {
        Scenario t = freeScheduling(2);
        for (int i = 0; i < readers; i++) {
            t.reader(0, new OffCpu(500_000));
        }
        long askNs = 1_000;
        t.writer(askNs, new Compute(5_000), 0);
        List<String> seen = new java.util.ArrayList<>();
        t.rig.sim.scheduleAt(askNs + limitNs - 1, () -> seen.add("spinning=" + t.sem.spinning() + " waiting=" + t.sem.waiting()));
        t.rig.sim.scheduleAt(askNs + limitNs + 1, () -> seen.add("spinning=" + t.sem.spinning() + " waiting=" + t.sem.waiting()));
        t.runToCompletion();
        assertEquals(List.of("spinning=1 waiting=0", "spinning=0 waiting=1"), seen);
        assertEquals(limitNs, t.spinNs(), 1.0, "spin time accounted on the CPU");
        assertEquals(1, t.sem.sleeps());
        assertEquals(500_000L, t.grantNs().get((long) readers), "woken when the readers are gone");
    }

    /**
     * W0 holds the lock computing on CPU 0 for {@code holdUs}; a task sleeping since 100 ns
     * (last on CPU 1) is woken at 20.1 us onto CPU 1, where W2 spins since 1 us. A queued
     * task alone does not set need_resched(); the tick does once W2's 3 ms slice is used.
     */
    @ParameterizedTest
    @CsvSource({"100, false", "5000, true"})
    void aSpinningWriterKeepsItsCpuUntilItsSliceIsUsedWhileATaskWaitsForIt(long holdUs, boolean givesUp) {
        Scenario t = freeScheduling(2);
        long holdNs = holdUs * 1_000;
        t.writer(0, new Compute(holdNs), 0);
        Worker queued = t.rig.worker(List.of(new OffCpu(20_000), new Compute(1_000)));
        t.rig.startAt(queued, 100);
        t.writer(1_000, new Compute(5_000), 0);
        t.runToCompletion();
        if (givesUp) {
            assertEquals(1, t.sem.sleeps());
            assertEquals(3_000_000.0, t.spinNs(), 1.0, "spun for the rest of its slice");
            assertEquals(3_001_000L + 1_000, queued.doneNs(), "the queued task ran when the spinner slept");
            assertEquals(holdNs, t.grantNs().get(2L), "woken and granted at the release");
        } else {
            assertEquals(0, t.sem.sleeps());
            assertEquals(holdNs - 1_000, t.spinNs(), 1.0);
            assertEquals(holdNs, t.grantNs().get(2L));
            assertTrue(queued.doneNs() > holdNs, "the queued task waited for the spinner");
        }
    }

    /**
     * rwsem_optimistic_spin() re-arms the reader-spin threshold whenever the owner turns
     * from a writer into readers, so a writer that began spinning on a writer does not
     * spin through a whole reader phase. W0 holds 0-9 ms computing; R1 has slept at the
     * head since 100 ns; S spins on W0 from 1 ms, S2 from 2 ms. At 9 ms S takes the lock
     * (the spinner wins the release), and the head reader's grant, finding a writer past
     * its timeout (jiffy 2 > jiffy 0 + 1), sets HANDOFF (rwsem_mark_wake()): at S's release
     * the lock goes to R1 (for 200 us) while S2, spinning on S, is still in the OSQ.
     */
    @Test
    void aWriterSpinningWhenTheLockPassesToReadersStopsAfterTheReaderThreshold() {
        Scenario t = freeScheduling(3);
        t.writer(0, new Compute(9_000_000), 0);
        t.reader(100, new Compute(200_000));
        t.writer(1_000_000, new Compute(5_000), 0);
        t.writer(2_000_000, new Compute(5_000), 0);
        t.runToCompletion();
        Map<Long, Long> grant = t.grantNs();
        assertEquals(9_000_000L, grant.get(2L), "S takes W0's release");
        long sReleaseNs = t.releaseNs().get(2L);
        assertEquals(sReleaseNs, grant.get(1L), "HANDOFF to the reader at S's release");
        assertEquals(8_000_000.0 + (sReleaseNs + 10_500 - 2_000_000), t.spinNs(), 1.0,
                "S spun on W0; S2 on W0 and S, then 10.5 us on one reader");
        assertEquals(2, t.sem.sleeps(), "the reader and, after its spin, S2");
        assertEquals(t.releaseNs().get(1L), grant.get(3L));
    }

    /**
     * rwsem_spin_on_owner() stops as soon as the owner is not on a CPU. Here HANDOFF
     * gives the lock to W1, which has slept at the head for 5 ms, while no CPU is idle:
     * W1 is queued on the CPU where S spins. S must stop spinning and sleep so W1 can run,
     * not spin on an owner that cannot run until S's slice ends.
     *
     * <p>Timeline (2 CPUs, switch 1 us): R0 reads 0-8.1 ms off-CPU; W1 spins on it from
     * 1 us (jiffy 0), gives up at 11.5 us and sleeps; R0's release wakes W1, but W0 steals
     * the lock at 8.1005 ms before W1 runs (8.101 ms), so W1's retry fails past its
     * timeout (jiffy 2) and sets HANDOFF; W0 computes with the lock until 13.1005 ms, then
     * 2 ms more without it; S spins on W0 from 11.9 ms.
     */
    @Test
    void aWriterSpinningWhenTheLockIsHandedToAnOwnerWaitingForACpuStopsSpinning() {
        Scenario t = new Scenario(2, 0, 1_000);
        t.reader(0, new OffCpu(8_100_000));
        t.writer(1_000, new Compute(10_000), 0);
        Worker w0 = t.rig.worker(List.of(new Compute(8_098_500), new WriteLock(t.sem), new Compute(5_000_000),
                new WriteUnlock(t.sem), new Compute(2_000_000)));
        t.rig.startAt(w0, 2_000);
        t.writer(11_900_000, new Compute(10_000), 0);
        t.runToCompletion();
        long handoffNs = 8_100_500 + 5_000_000;
        assertEquals(handoffNs, t.grantNs().get(1L), "HANDOFF to W1");
        long w1RunsNs = t.rig.log.stream().filter(e -> e.taskId() == 1 && e.kind() == Worker.Kind.GRANTED)
                .mapToLong(Worker.Event::timeNs).findFirst().orElseThrow();
        assertEquals(handoffNs + 1_000, w1RunsNs, "W1 runs after one switch on the spinner's CPU");
        assertEquals(10_500 + (handoffNs - 11_900_000), t.spinNs(), 1.0, "W1's reader spin, then S until the handoff");
    }

    /**
     * need_resched() is about the current slice. S spins with a task queued on its CPU
     * during its first slice (a tick is due at 1.001 ms), gets the lock, sleeps, and runs
     * again from 460 us with a fresh 1 ms slice; spinning again with a task queued, it must
     * keep spinning until 1.46 ms, not be stopped by the first slice's tick.
     *
     * <p>2 CPUs, 1 ms slice, free switches. W0: lock 0-300 us, work to 450 us, lock
     * 450 us-2.45 ms. S: spins 1-300 us, lock 300-310 us, sleeps to 460 us, spins on W0.
     * Y (2 us) and Y2 (490 us) queue on CPU 0; X (3 us) and Z (500 us) on S's CPU 1.
     */
    @Test
    void aSpinnerIsStoppedAtTheEndOfItsCurrentSliceNotAnEarlierOne() {
        Scenario t = new Scenario(2, 0, 0, 1_000_000);
        Worker w0 = t.rig.worker(List.of(new WriteLock(t.sem), new Compute(300_000), new WriteUnlock(t.sem),
                new Compute(150_000), new WriteLock(t.sem), new Compute(2_000_000), new WriteUnlock(t.sem)));
        t.rig.startAt(w0, 0);
        Worker s = t.rig.worker(List.of(new WriteLock(t.sem), new Compute(10_000), new WriteUnlock(t.sem),
                new OffCpu(150_000), new WriteLock(t.sem), new Compute(10_000), new WriteUnlock(t.sem)));
        t.rig.startAt(s, 1_000);
        for (long atNs : new long[] {2_000, 3_000, 490_000, 500_000}) {
            t.rig.startAt(t.rig.worker(List.of(new Compute(50_000))), atNs);
        }
        t.runToCompletion();
        assertEquals((300_000 - 1_000) + 1_000_000, t.spinNs(), 1.0, "second spin from 460 us to its slice end");
        assertEquals(1, t.sem.sleeps());
    }
}
