package io.mountsim.models.lockbench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/**
 * The lockbench workload against global-lock-bench's pattern measured on the calibration
 * host (probes/lockbench.c, calibration/epyc-2core/lockbench.txt): within 2x at every
 * thread count from 1 to 128, lock-holder preemption past 2 threads included.
 *
 * <p>The host as the benchmark sees it: 2 vCPUs that are separate cores (probes/smt-sibling.c:
 * a compute loop on one runs at 0.997x with the other computing) under one L3, Zen 4's
 * line transfers (m7a's Genoa figures), PAUSE measured at 24.6 ns (probes/smt-sibling.c),
 * the calibration host's scheduler costs (KernelProfiles.EPYC_2CORE). The critical
 * section is the probe's own 1-thread cost (lock, increment, unlock on a local line), so
 * the 1-thread point holds by construction and the check is about every other count.
 */
class LockBenchAgainstHostTest {
    private record Row(int threads, long iterations, double nsPerCs) {
    }

    private static List<Row> measured() throws IOException {
        String text;
        try (InputStream in = LockBenchAgainstHostTest.class.getResourceAsStream("/calibration/epyc-2core/lockbench.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("lockbench ")) {
                String[] f = line.split(" ");
                rows.add(new Row(Integer.parseInt(value(f[1])), Long.parseLong(value(f[2])), Double.parseDouble(value(f[4]))));
            }
        }
        return rows;
    }

    private static String value(String field) {
        return field.substring(field.indexOf('=') + 1);
    }

    static MachineSpec host() {
        MachineSpec genoa = MachinePresets.find("m7a.24xlarge").orElseThrow();
        return new MachineSpec("epyc-2vcpu", 1, 2, 1, 1, 1, Interconnect.CHIPLET, genoa.coreToCoreNs(),
                genoa.perSpinnerHandoffNs(), 1.0, 24.6, "calibration host as two cores (probes/smt-sibling.c)");
    }

    /**
     * Every count from 1 to 128 threads within 2x (measured: 2.4, 24.5, 36.8, 61.4, 104.0,
     * 81.9, 30.9, 24.2 ns; simulated on 2026-11-30: 2.0, 24.9, 36.9, 60.8, 92.6, 128.1, 23.2,
     * 21.4 ns), the fall at 32-128 threads included: there each thread's quota
     * (2,000,000 / T sections) ends within about one slice, so few holders are preempted.
     * That fall depends on the price of a contended section at 2-16 threads: until
     * 2026-11-30 a grant and a re-take queued behind every poller, the one whose read the
     * transfer already pays included, so a section cost 1.5x the host's at 2 threads (36.9
     * vs 24.5 ns), quotas outlasted a slice and lock-holder preemption stalls remained at 32
     * and 64 threads (237.7 ns, 2.9x; 196.4 ns, 6.4x). The owner-change share the model
     * gives at 2 threads (24%) is the host's order (18.7%, calibration/epyc-2core/lockbench-owners.patch,
     * calibration/epyc-2core/lockbench-owners.txt).
     */
    @Test
    void withinTwiceTheMeasuredCostAtEveryThreadCount() throws IOException {
        check(measured());
    }

    private static void check(List<Row> rows) throws IOException {
        List<Row> all = measured();
        double criticalSectionNs = all.get(0).nsPerCs();
        var profile = KernelProfiles.EPYC_2CORE;
        var costs = new LockBench.SchedulerCosts(Math.round(profile.scheduler().idleWakeupUs() * 1000),
                Math.round(profile.scheduler().contextSwitchUs() * 1000));
        Topology topology = Topology.of(host());
        List<Executable> checks = new ArrayList<>();
        for (Row row : rows) {
            LockBenchResult r = LockBench.simulateScheduled(topology,
                    new LockBenchConfig(row.threads(), criticalSectionNs, row.iterations(), 0, GrantOrder.TEST_AND_SET),
                    costs, 42, 0, 0);
            double ratio = r.nsPerCriticalSection() / row.nsPerCs();
            System.out.printf("lockbench host T=%3d: simulated %7.1f ns, measured %7.1f ns per critical section (%.2fx)%n",
                    row.threads(), r.nsPerCriticalSection(), row.nsPerCs(), ratio);
            checks.add(() -> assertTrue(ratio >= 0.5 && ratio <= 2, row.threads() + " threads: simulated "
                    + r.nsPerCriticalSection() + " ns vs measured " + row.nsPerCs() + " ns per critical section"));
        }
        assertAll(checks);
    }
}
