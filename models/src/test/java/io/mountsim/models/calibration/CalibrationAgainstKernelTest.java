package io.mountsim.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.topology.MachineSpec;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulated kernel against the real one: the calibration host's measurements
 * (models/src/main/resources/calibration/epyc-2core/measurements.txt, copied from
 * shared/calibration) with the default profile, which took its per-call costs from the
 * one-thread runs and fitted its dynamics on the 1/2/16/64-thread runs.
 */
class CalibrationAgainstKernelTest {
    private static final Measurements MEASURED = Measurements.epyc2core();
    private static final MachineSpec HOST = CalibrationFit.epyc2coreMachine();

    static Stream<Arguments> fiftyLayerSweep() {
        return MEASURED.runs().stream()
                .filter(r -> r.layers() == 50 && r.readers() == 0)
                .map(r -> Arguments.of(r.mode().yamlName() + "/" + r.threads(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fiftyLayerSweep")
    void throughputWithinTwentyFivePercentOfTheRealKernel(String point, MeasuredRun run) {
        CalibrationFit.Comparison c = simulate(run);
        double ratio = c.throughputRatio();
        assertTrue(ratio >= 0.75 && ratio <= 1.25, point + ": simulated " + c.simulatedStartsPerSecond()
                + " starts/s vs measured " + run.startsPerSecond() + " (ratio " + ratio + ")");
    }

    /**
     * The fall past the peak: on the real kernel 64 concurrent per-layer starts are slower
     * in total than one, and the peak is at least 1.4x one thread. In the model the fall
     * comes from open_tree's has_locked_children() walking the child mounts that all the
     * starts in flight hold, under namespace_sem.
     */
    @Test
    void perLayerThroughputRisesThenFallsBelowOneThreadAsOnTheRealKernel() {
        double one = simulatedStartsPerSecond(IdmapMode.PER_LAYER, 1);
        double peak = 0;
        for (int threads : List.of(2, 4, 8, 16)) {
            peak = Math.max(peak, simulatedStartsPerSecond(IdmapMode.PER_LAYER, threads));
        }
        double sixtyFour = simulatedStartsPerSecond(IdmapMode.PER_LAYER, 64);
        assertTrue(peak > 1.4 * one, "peak " + peak + " vs one thread " + one);
        assertTrue(sixtyFour < one, "64 threads " + sixtyFour + " vs one thread " + one);
    }

    private static double simulatedStartsPerSecond(IdmapMode mode, int threads) {
        return simulate(MEASURED.find(mode, threads, 50, 0).orElseThrow()).simulatedStartsPerSecond();
    }

    /** The run simulated on the calibration host with the shipped profile. */
    private static CalibrationFit.Comparison simulate(MeasuredRun run) {
        return CalibrationFit.compare(run, HOST, KernelProfiles.EPYC_2CORE);
    }

    @Test
    void oneThreadLatencyOfEveryModeAndLayerCountMatchesTheMeasuredMean() {
        // per-call costs come from the 50-layer run; the other layer counts check the split
        for (MeasuredRun run : MEASURED.runs()) {
            if (run.threads() != 1 || run.readers() != 0 || run.layers() != 50) {
                continue;
            }
            CalibrationFit.Comparison c = simulate(run);
            assertEquals(run.latencyMeanMs(), c.simulatedLatencyMeanMs(), 0.10 * run.latencyMeanMs(),
                    run.mode() + " one-thread latency");
        }
    }

    @Test
    void perLayerStartLatencyIsLinearInTheLayerCountWithTheMeasuredSlope() {
        SimpleRegression simulated = new SimpleRegression();
        SimpleRegression measured = new SimpleRegression();
        for (int layers : List.of(1, 10, 50, 100)) {
            MeasuredRun run = MEASURED.find(IdmapMode.PER_LAYER, 1, layers, 0).orElseThrow();
            CalibrationFit.Comparison c = simulate(run);
            simulated.addData(layers, c.simulatedLatencyMeanMs());
            measured.addData(layers, run.latencyMeanMs());
        }
        assertTrue(simulated.getRSquare() > 0.999, "simulated latency is linear in layers: R^2 " + simulated.getRSquare());
        assertEquals(measured.getSlope(), simulated.getSlope(), 0.25 * measured.getSlope(),
                "ms per layer, simulated vs measured");
    }

    /**
     * The real kernel loses 21x with one reader: each mount-table change makes the reader
     * re-read the whole file, and the overlay lines that pile up list every lowerdir,
     * which show_mountinfo() escapes byte by byte, all under namespace_sem.
     */
    @Test
    void aMountinfoReaderCutsOneThreadThroughputMoreThanTenfold() {
        MeasuredRun alone = MEASURED.find(IdmapMode.PER_LAYER, 1, 50, 0).orElseThrow();
        MeasuredRun withReader = MEASURED.find(IdmapMode.PER_LAYER, 1, 50, 1).orElseThrow();
        double measuredCut = alone.startsPerSecond() / withReader.startsPerSecond();
        double simulatedCut = simulate(alone).simulatedStartsPerSecond()
                / simulate(withReader).simulatedStartsPerSecond();
        assertTrue(measuredCut > 10, "the data: " + measuredCut);
        assertTrue(simulatedCut > 10, "one reader cuts simulated throughput only " + simulatedCut + "x");
        assertEquals(measuredCut, simulatedCut, 0.25 * measuredCut, "the cut, simulated vs measured");
    }

    @Test
    void commonParentIsMuchFasterThanPerLayerAtOneThreadAsMeasured() {
        MeasuredRun perLayer = MEASURED.find(IdmapMode.PER_LAYER, 1, 50, 0).orElseThrow();
        MeasuredRun parent = MEASURED.find(IdmapMode.COMMON_PARENT, 1, 50, 0).orElseThrow();
        double simulated = simulate(parent).simulatedStartsPerSecond()
                / simulate(perLayer).simulatedStartsPerSecond();
        double measured = parent.startsPerSecond() / perLayer.startsPerSecond();
        assertEquals(measured, simulated, 0.2 * measured, "common-parent speed-up at one thread");
    }

    @Test
    void throughputMetricIsStartsOverMakespan() {
        MeasuredRun run = MEASURED.find(IdmapMode.COMMON_PARENT, 4, 50, 0).orElseThrow();
        var o = SimulationModel.runReplication(CalibrationFit.specFor(run, HOST, KernelProfiles.EPYC_2CORE), 3, 0, false);
        assertEquals(run.containers() / o.metrics().get(MetricNames.MAKESPAN_SECONDS),
                o.metrics().get(MetricNames.STARTS_PER_SECOND), 1e-9);
    }
}
