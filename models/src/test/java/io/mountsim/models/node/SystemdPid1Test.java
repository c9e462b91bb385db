package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.random.RandomStream;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.kernel.SyscallCostsUs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** PID 1's event loop against queueing theory, systemd's rate limit and sd-event's priorities. */
class SystemdPid1Test {
    private static final long MS = 1_000_000;

    private static Pid1Config serving(double serviceUs) {
        Pid1Config d = Pid1Config.defaults();
        return new Pid1Config(d.rateLimitBurst(), d.rateLimitSeconds(), d.parseNsPerLine(), d.parseNsPerLowerdir(),
                d.unitNsPerLine(), 1, serviceUs, d.dbusTimeoutSeconds());
    }

    /**
     * With no mount events the loop is one FIFO server of fixed service time: Poisson
     * requests see the M/D/1 mean response time S + lambda S^2 / (2 (1 - rho))
     * (Pollaczek-Khinchine with zero service variance).
     */
    @ParameterizedTest
    @CsvSource({"500, 0.05", "800, 0.08"})
    void anIdleLoopServesDbusAsAnMd1Queue(double perSecond, double tolerance) {
        NodeRig rig = new NodeRig(2);
        double serviceUs = 1000;
        SystemdPid1 pid1 = new SystemdPid1(rig.kernel, serving(serviceUs), 4096);
        pid1.start(1);
        RandomStream arrivals = rig.streams.stream("arrivals", 0);
        int requests = 60_000;
        double t = 0;
        for (int i = 0; i < requests; i++) {
            t += -Math.log(1 - arrivals.nextDouble()) / perSecond * 1e9;
            rig.sim.scheduleAt(Math.round(t), () -> pid1.submit(() -> { }));
        }
        rig.sim.scheduleAt(Math.round(t) + 1000 * MS, rig.sim::stop);
        rig.sim.run();

        double s = serviceUs / 1e3; // ms
        double rho = perSecond * s / 1e3;
        double expected = s + (perSecond / 1e3) * s * s / (2 * (1 - rho));
        assertEquals(requests, pid1.replyMs().count());
        assertEquals(expected, pid1.replyMs().mean(), tolerance * expected);
        assertEquals(0, pid1.reparses());
    }

    /**
     * A table that changes every millisecond for 10 s: ratelimit_below()'s windows never
     * hold more than the burst, PID 1 re-parses at the limit's pace, and D-Bus is still
     * served while the mount source is offline.
     */
    @Test
    void reparsesNeverExceedTheBurstPerInterval() {
        NodeRig rig = new NodeRig(4);
        SystemdPid1 pid1 = new SystemdPid1(rig.kernel, serving(100), 4096);
        pid1.start(1);
        rig.mountEvery(MS, 2);
        List<Long> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rig.sim.scheduleAt(i * 100 * MS + 50 * MS, () -> pid1.submit(() -> replies.add(rig.sim.now())));
        }
        rig.sim.scheduleAt(10_000 * MS, rig.sim::stop);
        rig.sim.run();

        List<Long> starts = pid1.reparseStartsNs();
        long interval = 1000 * MS;
        long begin = -1;
        int inWindow = 0;
        for (long start : starts) {
            if (begin < 0 || start - begin >= interval) {
                begin = start;
                inWindow = 0;
            }
            inWindow++;
            assertTrue(inWindow <= Pid1Config.DEFAULT_RATE_LIMIT_BURST, "window from " + begin + " holds " + inWindow);
        }
        // about 5 per second for 10 s: each window begins with the first dispatch after the last one ended
        assertTrue(starts.size() >= 45 && starts.size() <= 55, "re-parses: " + starts.size());
        assertTrue(pid1.ratelimitedDispatches() >= 9, "went offline " + pid1.ratelimitedDispatches() + " times");
        assertEquals(100, replies.size());
    }

    /**
     * sd-event dispatches the highest-priority pending source first: a re-parse that
     * became pending while a D-Bus request was being served runs before the requests
     * queued behind it; the request being served is not interrupted.
     */
    @Test
    void aPendingReparseRunsBeforeQueuedDbusWork() {
        NodeRig rig = new NodeRig(4);
        long serviceNs = 10 * MS;
        SystemdPid1 pid1 = new SystemdPid1(rig.kernel, serving(serviceNs / 1e3), 4096);
        pid1.start(1);
        long[] replies = new long[3];
        rig.sim.scheduleAt(0, () -> pid1.submit(() -> replies[0] = rig.sim.now()));
        rig.sim.scheduleAt(MS, () -> {
            pid1.submit(() -> replies[1] = rig.sim.now());
            pid1.submit(() -> replies[2] = rig.sim.now());
        });
        rig.mountAt(2 * MS, 2);
        rig.sim.scheduleAt(1000 * MS, rig.sim::stop);
        rig.sim.run();

        assertEquals(1, pid1.reparses());
        long reparse = pid1.reparseStartsNs().get(0);
        assertEquals(serviceNs, replies[0], 0.001 * serviceNs, "the request in service runs to its end");
        assertEquals(replies[0], reparse, "the re-parse is the next dispatch");
        long reparseNs = Math.round(pid1.reparseMs().mean() * 1e6);
        assertTrue(reparseNs > 0);
        assertEquals(reparse + reparseNs + serviceNs, replies[1], 0.001 * serviceNs);
        assertEquals(replies[1] + serviceNs, replies[2], 0.001 * serviceNs);
    }

    /**
     * The running containers' lines are what PID 1 pays for: one re-parse of a seeded
     * table costs the kernel's full read (profile: base + per line + per lowerdir) plus
     * the measured libmount parse and the unit bookkeeping per line and per lowerdir.
     */
    @ParameterizedTest
    @CsvSource({"0, 50", "100, 50", "300, 50", "300, 10"})
    void aReparseCostsTheSeededTableAtTheMeasuredRates(int running, int layers) {
        NodeRig rig = new NodeRig(4);
        Pid1Config config = Pid1Config.defaults();
        rig.kernel.seedRunningContainers(running, layers, NodeSpec.POD_OTHER_MOUNTS);
        SystemdPid1 pid1 = new SystemdPid1(rig.kernel, config, 1 << 20); // one read() per buffer of 1 MiB
        pid1.start(1);
        rig.mountAt(MS, 2);
        rig.sim.scheduleAt(1000 * MS, rig.sim::stop);
        rig.sim.run();

        int lines = KernelProfiles.EPYC_2CORE.mountTable().baselineMounts() + running * (1 + NodeSpec.POD_OTHER_MOUNTS) + 1;
        long lowerdirs = (long) running * layers;
        SyscallCostsUs c = KernelProfiles.EPYC_2CORE.syscallsUs();
        double kernelUs = c.mountinfoReadBase() + c.mountinfoReadPerMount() * lines + c.mountinfoReadPerLowerdir() * lowerdirs;
        double userUs = (Pid1Config.MEASURED_PARSE_NS_PER_LINE + Pid1Config.EST_UNIT_NS_PER_LINE) * lines / 1e3
                + Pid1Config.MEASURED_PARSE_NS_PER_LOWERDIR * lowerdirs / 1e3;
        assertEquals(1, pid1.reparses());
        assertEquals(lines, pid1.meanReparsedLines());
        // besides: the end-of-file read() (200 ns) and one read() per seq_file buffer
        assertEquals((kernelUs + userUs) / 1e3, pid1.reparseMs().mean(), 0.01 * (kernelUs + userUs) / 1e3 + 0.002);
    }
}
