package io.mountsim.models.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.locks.Worker.Compute;
import io.mountsim.models.locks.Worker.SeqRead;
import io.mountsim.models.locks.Worker.SpinSection;
import io.mountsim.models.sched.FlatLayout;
import io.mountsim.models.sched.SchedulerParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * mount_lock as a seqlock (include/linux/seqlock.h): a reader that finds a writer inside
 * spins in read_seqbegin() until the writer leaves; the count is odd inside a write
 * section and moves on with every section.
 */
class MountLockSeqlockTest {
    private static final long TRANSFER_NS = 100;

    private final Rig rig = new Rig(FlatLayout.of(4, TRANSFER_NS), Rig.freeScheduling(), 10_000);
    private final MountLockSeqlock lock = new MountLockSeqlock(rig.sched, Rig.stats("mount_lock"));

    private Worker start(long atNs, Worker.Action... program) {
        Worker w = rig.worker(List.of(program));
        rig.startAt(w, atNs);
        return w;
    }

    /** When each worker got through its (single) seqlock read. */
    private Map<Long, Long> readPassedNs() {
        return rig.events(Worker.Kind.GRANTED).stream().filter(e -> e.action() instanceof SeqRead)
                .collect(Collectors.toMap(Worker.Event::taskId, Worker.Event::timeNs));
    }

    private double spinNs() {
        return rig.sched.breakdown().spinning() * rig.sim.now() * rig.sched.cpuCount();
    }

    private void runToCompletion() {
        assertTrue(rig.run() && rig.allDone(), "a worker never finished");
        assertEquals(0, lock.spinningReaders());
    }

    @Test
    void readersFindingAWriterInsideSpinUntilItsReleaseAndThenPass() {
        start(0, new SpinSection(lock, 10_000));
        start(2_000, new SeqRead(lock));
        start(3_000, new SeqRead(lock));
        List<Integer> spinningAt5us = new ArrayList<>();
        rig.sim.scheduleAt(5_000, () -> spinningAt5us.add(lock.spinningReaders()));
        runToCompletion();

        assertEquals(List.of(2), spinningAt5us);
        assertEquals(2, lock.readerRetries());
        // released by the writer's release at 10 us, each after one line transfer
        assertEquals(Map.of(1L, 10_000 + TRANSFER_NS, 2L, 10_000 + TRANSFER_NS), readPassedNs());
        assertEquals((10_100 - 2_000) + (10_100 - 3_000), spinNs(), 1.0, "readers spin, they do not sleep");
    }

    @Test
    void aReaderWithNoWriterInsidePassesAtOnce() {
        start(0, new SpinSection(lock, 1_000));
        start(5_000, new SeqRead(lock));
        runToCompletion();
        assertEquals(Map.of(1L, 5_000L), readPassedNs());
        assertEquals(0, lock.readerRetries());
    }

    @Test
    void aReaderWaitsThroughBackToBackWritersUntilTheLockIsFree() {
        start(0, new SpinSection(lock, 10_000));
        start(1_000, new SpinSection(lock, 10_000)); // queued: the lock is handed over directly
        start(2_000, new SeqRead(lock));
        runToCompletion();
        long secondReleaseNs = 10_000 + TRANSFER_NS + 10_000;
        assertEquals(Map.of(2L, secondReleaseNs + TRANSFER_NS), readPassedNs());
    }

    @Test
    void theSequenceIsOddInsideAWriteSectionAndMovesOnWithEachEntryAndExit() {
        // two writers one after the other, and one handing over to a queued writer
        start(0, new SpinSection(lock, 10_000), new Compute(10_000), new SpinSection(lock, 10_000));
        start(25_000, new SpinSection(lock, 10_000));
        List<Long> samples = new ArrayList<>();
        for (long t = 500; t < 60_000; t += 1_000) {
            rig.sim.scheduleAt(t, () -> samples.add(lock.sequence()));
        }
        List<Boolean> heldAtSample = new ArrayList<>();
        for (long t = 500; t < 60_000; t += 1_000) {
            rig.sim.scheduleAt(t, () -> heldAtSample.add(lock.isHeld()));
        }
        runToCompletion();

        for (int i = 0; i < samples.size(); i++) {
            assertEquals(heldAtSample.get(i), samples.get(i) % 2 == 1, "odd exactly while held, sample " + i);
            if (i > 0) {
                assertTrue(samples.get(i) >= samples.get(i - 1), "the count never goes back: " + samples);
            }
        }
        // three write sections: entry and exit each bump the count by one (write_seqcount_begin/end)
        assertEquals(0, samples.get(0) - 1, "inside the first section");
        assertEquals(6, lock.sequence(), "three sections, two bumps each");
        assertNotEquals(samples.get(0), samples.get(15), "a section in between changes the count");
    }
}
