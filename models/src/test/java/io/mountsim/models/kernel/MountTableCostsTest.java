package io.mountsim.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.core.results.MetricNames;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.calibration.CalibrationFit;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.models.workload.WorkloadSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/**
 * Costs that depend on what the mount table holds: open_tree's has_locked_children()
 * over the layer store's child mounts, and mountinfo reads over overlay lines that list
 * every lowerdir. Checked against the probes' measurements (calibration/epyc-2core).
 */
class MountTableCostsTest {
    private static final KernelProfile QUIET = withoutHostNoise(KernelProfiles.EPYC_2CORE);

    @Test
    void childMountCheckCostIsTheSlopeOfTheMeasuredOpenTreeLine() throws IOException {
        SimpleRegression line = new SimpleRegression();
        Matcher m = Pattern.compile("children=(\\d+) open_tree_us=([\\d.]+)").matcher(resource("child-mounts.txt"));
        while (m.find()) {
            line.addData(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
        assertEquals(21, line.getN());
        assertEquals(line.getSlope(), KernelProfiles.CHILD_MOUNT_CHECK_US, 0.005 * line.getSlope());
    }

    @Test
    void perLowerdirCostIsFittedFromTheMeasuredOverlayLines() throws IOException {
        Map<Integer, SimpleRegression> byLowerdirs = new TreeMap<>();
        Matcher m = Pattern.compile("lowerdirs=(\\d+) overlays=(\\d+) bytes=\\d+ read_us=([\\d.]+)")
                .matcher(resource("mountinfo-overlay-lines.txt"));
        while (m.find()) {
            byLowerdirs.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new SimpleRegression())
                    .addData(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
        }
        // per overlay line: any line's cost plus one per lowerdir, least squares through the origin
        double perLine = KernelProfiles.EPYC_2CORE_SYSCALLS_US.mountinfoReadPerMount();
        double num = 0;
        double den = 0;
        for (var e : byLowerdirs.entrySet()) {
            num += e.getKey() * (e.getValue().getSlope() - perLine);
            den += (double) e.getKey() * e.getKey();
        }
        assertEquals(3, byLowerdirs.size());
        assertEquals(num / den, KernelProfiles.MOUNTINFO_PER_LOWERDIR_US, 0.005 * num / den);
    }

    @Test
    void openTreeGrowsByTheCheckOfEveryChildMountOfTheLayerStore() {
        double alone = openTreeUsAfterAttaching(0, LayerStoreChildren.ALL);
        double after = openTreeUsAfterAttaching(2000, LayerStoreChildren.ALL);
        assertEquals(2000 * KernelProfiles.CHILD_MOUNT_CHECK_US, after - alone, 0.02 * 2000 * KernelProfiles.CHILD_MOUNT_CHECK_US);
    }

    @Test
    void mountsElsewhereAreNotChildrenOfTheLayerStore() {
        assertEquals(openTreeUsAfterAttaching(0, LayerStoreChildren.NONE),
                openTreeUsAfterAttaching(2000, LayerStoreChildren.NONE), 1e-9);
        // idmapped bind mounts count under containerd's default layout, overlays do not
        double bindsOnly = openTreeUsAfter(overlays(100, 50), LayerStoreChildren.IDMAPPED);
        assertEquals(openTreeUsAfter(List.of(), LayerStoreChildren.IDMAPPED), bindsOnly, 1e-9);
        assertEquals(openTreeUsAfter(List.of(), LayerStoreChildren.ALL) + 100 * KernelProfiles.CHILD_MOUNT_CHECK_US,
                openTreeUsAfter(overlays(100, 50), LayerStoreChildren.ALL), 0.02 * 100 * KernelProfiles.CHILD_MOUNT_CHECK_US);
    }

    @Test
    void onlyAnOverlayOfLayerStorePathsChecksTheStoresChildrenOncePerLayer() {
        SyscallPrograms programs = new SyscallPrograms(QUIET);
        // clone_private_mount() of a lowerdir checks the children of the lowerdir's mount:
        // the layer store itself without idmap, an idmapped mount (no children) otherwise
        assertEquals(50, checks(programs.overlayMount(50, OverlayLowers.LAYER_STORE_PATHS)));
        assertEquals(0, checks(programs.overlayMount(50, OverlayLowers.IDMAPPED_PATHS)));
        assertEquals(0, checks(programs.overlayMount(50, OverlayLowers.IDMAPPED_FDS)));
        assertEquals(1, checks(programs.openTree()));
    }

    @Test
    void aReadReturnsAtMostTheSeqFileBufferWhichGrowsToFitTheLongestLine() {
        SyscallPrograms programs = new SyscallPrograms(QUIET);
        assertEquals(4096, programs.seqFileBufferBytes(0));
        assertEquals(4096, programs.seqFileBufferBytes(50));    // 150 + 50 x 20 bytes
        assertEquals(8192, programs.seqFileBufferBytes(250));   // 5,150 bytes
        assertEquals(16384, programs.seqFileBufferBytes(800));  // 16,150 bytes
    }

    private static long checks(SyscallProgram program) {
        return program.steps().stream().filter(st -> st instanceof Step.LockedChildrenCheck).count();
    }

    @Test
    void aMountinfoReadGrowsPerOverlayLineAsMeasuredOnTheHost() {
        // measured: 2.37, 4.55 and 17.80 us per overlay line of 1, 10 and 50 lowerdirs
        double[] measuredPerLine = {4.55, 17.80};
        int[] lowerdirs = {10, 50};
        for (int i = 0; i < lowerdirs.length; i++) {
            double empty = mountinfoReadUsAfter(List.of());
            double full = mountinfoReadUsAfter(overlays(64, lowerdirs[i]));
            assertEquals(measuredPerLine[i], (full - empty) / 64, 0.05 * measuredPerLine[i], lowerdirs[i] + " lowerdirs");
        }
    }

    @Test
    void unmountingATemporaryRootfsTakesItsLineOutOfEveryLaterRead() {
        List<WorkloadSpec.TraceCall> mountedAndGone = new ArrayList<>(overlays(20, 50));
        for (int i = 0; i < 20; i++) {
            mountedAndGone.add(new WorkloadSpec.TraceCall(SyscallKind.UMOUNT_ROOTFS, 50, 0));
        }
        assertEquals(mountinfoReadUsAfter(List.of()), mountinfoReadUsAfter(mountedAndGone), 1e-9);
    }

    private static double openTreeUsAfterAttaching(int binds, LayerStoreChildren layout) {
        List<WorkloadSpec.TraceCall> calls = new ArrayList<>();
        for (int i = 0; i < binds; i++) {
            calls.add(new WorkloadSpec.TraceCall(SyscallKind.MOVE_MOUNT, 0, 0));
        }
        return openTreeUsAfter(calls, layout);
    }

    private static double openTreeUsAfter(List<WorkloadSpec.TraceCall> before, LayerStoreChildren layout) {
        List<WorkloadSpec.TraceCall> calls = new ArrayList<>(before);
        calls.add(new WorkloadSpec.TraceCall(SyscallKind.OPEN_TREE, 0, 0));
        return replay(calls, layout).get(MetricNames.SYSCALL_US_MEAN_PREFIX + SyscallKind.OPEN_TREE.column());
    }

    private static double mountinfoReadUsAfter(List<WorkloadSpec.TraceCall> before) {
        List<WorkloadSpec.TraceCall> calls = new ArrayList<>(before);
        calls.add(new WorkloadSpec.TraceCall(SyscallKind.MOUNTINFO_READ, 0, 0));
        return replay(calls, LayerStoreChildren.ALL).get(MetricNames.SYSCALL_US_MEAN_PREFIX + SyscallKind.MOUNTINFO_READ.column());
    }

    private static List<WorkloadSpec.TraceCall> overlays(int count, int lowerdirs) {
        List<WorkloadSpec.TraceCall> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(new WorkloadSpec.TraceCall(SyscallKind.OVERLAY_MOUNT, lowerdirs, 0));
        }
        return calls;
    }

    /** One thread replaying the calls, one after another, on the calibration host. */
    private static Map<String, Double> replay(List<WorkloadSpec.TraceCall> calls, LayerStoreChildren layout) {
        List<WorkloadSpec.TraceThread> threads = List.of(new WorkloadSpec.TraceThread(1, calls));
        var trace = new WorkloadSpec.Trace("test", threads, 0, 0, 30);
        var spec = new SimulationSpec(CalibrationFit.epyc2coreMachine(), QUIET,
                new RuntimeConfig(IdmapMode.PER_LAYER, 1, true, layout), new WatcherConfig(0, Optional.empty()),
                trace, Mitigations.none());
        return SimulationModel.runReplication(spec, 1, 0, false).metrics();
    }

    private static KernelProfile withoutHostNoise(KernelProfile p) {
        return p.withHost(new KernelProfile.MeasuringHost(p.host().cpus(), p.host().umountWaitUs(), 0));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MountTableCostsTest.class.getResourceAsStream("/calibration/epyc-2core/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
