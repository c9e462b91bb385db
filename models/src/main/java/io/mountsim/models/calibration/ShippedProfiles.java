package io.mountsim.models.calibration;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles mountsim ships (scenarios/profiles/*.yaml): the calibration host and the
 * study's five AWS machines. Their numbers are {@link KernelProfiles}' constants, the one
 * declaration of each; their provenance is what calibrating the calibration host's probe
 * data says of each number ({@link HostCalibration}), with the fitted dynamics marked
 * fitted, and for the AWS machines the estimates {@link KernelProfiles#NITRO} states.
 */
public final class ShippedProfiles {
    /** The study's machines, as named in MachinePresets. */
    public static final List<String> STUDY_MACHINES =
            List.of("r5.metal", "m7i.metal-24xl", "m7i.metal-48xl", "m7a.24xlarge", "m7a.metal-48xl");

    private ShippedProfiles() {
    }

    /** Every shipped profile by file name (without .yaml). */
    public static Map<String, HostProfile> all() {
        Map<String, HostProfile> out = new LinkedHashMap<>();
        out.put("epyc-2core", epyc2core());
        for (String name : STUDY_MACHINES) {
            out.put(name, nitro(MachinePresets.find(name).orElseThrow()));
        }
        return out;
    }

    /** The calibration host's own probe data as a results file (mountbench, child-mounts, overlay lines). */
    public static ProbeResults epyc2coreResults() {
        Map<String, List<ProbeResults.Row>> rows = new LinkedHashMap<>();
        rows.put("child-mounts", rows(resource("child-mounts.txt"), "child-mounts"));
        rows.put("mountinfo-overlay-lines", rows(resource("mountinfo-overlay-lines.txt"), "mountinfo-overlay-lines"));
        return new ProbeResults("epyc-2core/measurements.txt", Map.of("kit-version", "0"), List.of(),
                Measurements.epyc2core(), rows);
    }

    public static HostProfile epyc2core() {
        HostProfile calibrated = HostCalibration.calibrate(epyc2coreResults(), CalibrationFit.epyc2coreMachine(),
                "epyc-2core").profile();
        Map<String, Provenance> prov = new LinkedHashMap<>(calibrated.provenance());
        String fit = "CalibrationFit on epyc-2core/measurements.txt threads=1/2/16/64 layers=50 mode=layer, pass 2 of 3"
                + " (fit loss 0.0071, held-out loss 0.0591)";
        prov.put("scheduler.idleWakeupUs", Provenance.fitted(fit + "; a KVM vCPU leaving halt"));
        prov.put("scheduler.contextSwitchUs", Provenance.fitted(fit + "; scheduler and wakeup work included"));
        prov.put("rcu.kworkerUs", Provenance.fitted(fit));
        prov.put("rcu.gracePeriodUs", Provenance.derived("the one-thread umount_detach 46.11 us less its CPU work 7.57 us"
                + " [est: open_tree's] less the fitted idle wakeup"));
        prov.put("host.umountWaitUs", Provenance.derived("measurements.txt threads=1 layers=50 mode=layer: umount_detach"
                + " 46.11 us less open_tree 7.57 us (umount_tree() is the same order of work as copy_tree() of one mount [est])"));
        prov.put("rcu.shared", Provenance.measured("lock-contention.txt: perf lock contention, threads=8 layer: only 17% of"
                + " unmounts wait for rcu_state.exp_mutex although most threads unmount at once"));
        prov.put("scheduler.preemptible", Provenance.fitted("CalibrationFit: voluntary preemption fits the 64-thread runs"));
        prov.put("host.cpus", Provenance.measured("the calibration host's 2 vCPUs (shared/calibration/README.md)"));
        return new HostProfile("epyc-2core", CalibrationFit.epyc2coreMachine(), KernelProfiles.EPYC_2CORE, prov);
    }

    /** A study machine: the calibration host's per-call costs with Nitro's dynamics (KernelProfiles.NITRO). */
    public static HostProfile nitro(MachineSpec machine) {
        Map<String, Provenance> prov = new LinkedHashMap<>();
        HostProfile epyc = epyc2core();
        for (ProfileFields.Field f : ProfileFields.ALL) {
            Provenance p = epyc.provenance().get(f.key());
            prov.put(f.key(), f.key().startsWith("syscallsUs.") || f.key().startsWith("runtime.")
                    || f.key().startsWith("host.")
                    ? Provenance.byDefault("the calibration host's (epyc-2core.yaml: " + p.method().yamlName() + ", "
                    + p.source() + "): per-call work on the study's machines is not published, only that it is the"
                    + " same kernel code [est]")
                    : p);
        }
        String nitro = "AWS Nitro delivers interrupts without the hypervisor round trips of a nested KVM guest";
        prov.put("rcu.gracePeriodUs", Provenance.byDefault("20 us at 2 CPUs [est: \"tens to hundreds of microseconds,"
                + " growing with CPU count\", kernel-mount-locking.md section 5]; " + nitro));
        prov.put("rcu.perCpuUs", Provenance.byDefault("0.3 us per CPU to IPI and hear back from [est]"));
        prov.put("rcu.kworkerUs", Provenance.byDefault("3 us of kworker work per grace period [est]"));
        prov.put("rcu.shared", Provenance.cited("kernel/rcu/tree_exp.h rcu_exp_gp_seq_snap(): callers waiting when a grace"
                + " period starts share it"));
        prov.put("scheduler.idleWakeupUs", Provenance.byDefault("5 us [est: IPI plus exit from a shallow idle state]; "
                + nitro));
        prov.put("scheduler.contextSwitchUs", Provenance.byDefault("2 us [est: lmbench lat_ctx on current x86 servers]"));
        KernelProfile k = KernelProfiles.defaultFor(machine);
        return new HostProfile(machine.name(), machine, k, prov);
    }

    private static List<ProbeResults.Row> rows(String text, String kind) {
        List<ProbeResults.Row> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains("=")) {
                continue; // the kernel release line
            }
            Map<String, String> v = new LinkedHashMap<>();
            for (String t : lines[i].trim().split("\\s+")) {
                int eq = t.indexOf('=');
                v.put(t.substring(0, eq), t.substring(eq + 1));
            }
            out.add(new ProbeResults.Row(kind, v, i + 1));
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = ShippedProfiles.class.getResourceAsStream("/calibration/epyc-2core/" + name)) {
            if (in == null) {
                throw new IllegalStateException("calibration/epyc-2core/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
