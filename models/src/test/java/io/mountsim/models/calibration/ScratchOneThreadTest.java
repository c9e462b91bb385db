package io.mountsim.models.calibration;

import io.mountsim.core.results.MetricNames;
import io.mountsim.models.SimulationModel;
import org.junit.jupiter.api.Test;

class ScratchOneThreadTest {
    @Test
    void print() {
        Measurements m = Measurements.epyc2core();
        for (MeasuredRun r : m.runs()) {
            if (r.threads() != 1 || r.readers() != 0) continue;
            var o = SimulationModel.runReplication(CalibrationFit.specFor(r, CalibrationFit.epyc2coreMachine(), KernelProfiles.EPYC_2CORE), 1, 0, false);
            StringBuilder sb = new StringBuilder(r.mode() + " L=" + r.layers() + " sps " + r.startsPerSecond() + " sim " + String.format("%.1f", o.metrics().get(MetricNames.STARTS_PER_SECOND)));
            String[][] names = {{"open_tree","openTree"},{"mount_setattr","mountSetattr"},{"move_mount","moveMount"},{"overlay_mount","overlayMount"},{"umount_detach","umountDetach"}};
            for (String[] n : names) {
                Double s = o.metrics().get(MetricNames.SYSCALL_US_MEAN_PREFIX + n[1]);
                sb.append(String.format("  %s %.2f/%s", n[1], r.syscallMeanUs().get(n[0]), s == null ? "-" : String.format("%.2f", s)));
            }
            System.out.println(sb);
        }
    }
}
