package io.mountsim.scenarios.validation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The findings of "Mount Mayhem at Netflix" (issue 6), each simulated from its shipped
 * scenario through the path of {@code mountsim run} and checked against the published claim.
 * A finding the current model does not reproduce stays asserted as published and is
 * {@code @Disabled} with the simulated numbers (see scenarios/VALIDATION.md), so the test
 * turns green by itself only when the model gets it right.
 */
class NetflixFindingsTest {
    /** One run cache for the class: findings that share points simulate them once. */
    private static final ValidationRuns RUNS = new ValidationRuns();

    @Test
    void finding1MountOperationCount() {
        assertHolds(NetflixFinding.OP_COUNT);
    }

    @Test
    void finding2TwentyOrFewerStartsBehaveAlike() {
        assertHolds(NetflixFinding.TWENTY_OR_FEWER_ALIKE);
    }

    @Test
    @Disabled("mountsim misses this on the busy node (partly): p95 at 400 starts r5.metal 31,918 ± 1,041, m7i.metal-24xl 31,892 ± 1,437, m7a.24xlarge 22,224 ± 513 ms (at 100: 2,090 ± 306, 2,136 ± 169, 1,498 ± 42 ms): m7a fastest, but r5.metal not slower than m7i; r5.metal and m7i.metal-24xl miss the 30 s health check with all 400 starts at 400 but none at 100 or 200, m7a.24xlarge none; see VALIDATION.md")
    void finding3HundredPlusStartsOrderTheMachines() {
        assertHolds(NetflixFinding.HUNDRED_PLUS_ORDERING);
    }

    @Test
    @Disabled("mountsim misses this on the busy node: m7i.metal-48xl p99 7,797 ± 857 vs m7i.metal-24xl 8,023 ± 369 ms, 25.7 vs 24.9 starts/s: the child-mount walk dominates, and the lines the other socket wrote since a walker's socket last walked add 0.04% to it (kernel/CrossNodeLines); see VALIDATION.md")
    void finding4TwoSocketsAreWorseThanOne() {
        assertHolds(NetflixFinding.TWO_SOCKETS_WORSE);
    }

    @Test
    void finding5SmtOffImprovesM7iLaunchLatency() {
        assertHolds(NetflixFinding.SMT_OFF_M7I);
    }

    @Test
    void finding6M7aBeatsM7iWithoutHtAtTheSameCoreCount() {
        assertHolds(NetflixFinding.M7I_NOHT_VS_M7A);
    }

    @Test
    void finding7LockMicrobenchmark() {
        assertHolds(NetflixFinding.LOCK_MICROBENCH);
    }

    @Test
    @Disabled("mountsim misses this on the busy node (partly: three presets of five reach 5x, the two m7a ones do not): per-layer / common-parent p99 5.94x on r5.metal (2,096 -> 353 ms), 6.09x m7i.metal-24xl, 6.52x m7i.metal-48xl, 4.87x m7a.24xlarge, 4.80x m7a.metal-48xl: the fix removes the idmap mounts but not the table-sized work of every start (runc's namespace copy, rslave pass and detach under namespace_sem and mount_lock, PID 1's reply); see VALIDATION.md")
    void finding8CommonParentFixRemovesTheBottleneck() {
        assertHolds(NetflixFinding.COMMON_PARENT_FIX);
    }

    @Test
    void finding9AConcurrencyCapOptimumIsFoundForEveryPreset() {
        assertHolds(NetflixFinding.CONCURRENCY_CAP_OPTIMUM);
    }

    @Test
    void calibrationReproducesTheMeasuredCurves() {
        assertHolds(CalibrationComparison.run(RUNS).evaluate(), "calibration " + CalibrationComparison.FILE);
    }

    private static void assertHolds(NetflixFinding finding) {
        assertHolds(finding.evaluate(RUNS), "finding " + finding.id() + " (" + finding.scenarioFile() + ")");
    }

    private static void assertHolds(Evaluation evaluation, String what) {
        assertAll(what, Stream.concat(
                evaluation.checks().stream().map(c -> (Executable) () -> assertTrue(c.holds(), c.toString())),
                Stream.of(() -> assertTrue(!evaluation.checks().isEmpty(), "no checks"))));
    }
}
