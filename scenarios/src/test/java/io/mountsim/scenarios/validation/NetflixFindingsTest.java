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
    @Disabled("mountsim misses this: p95 at 400 starts r5.metal 15,910 ± 57, m7i.metal-24xl 16,356 ± 233, m7a.24xlarge 12,493 ± 87 ms: m7a fastest, but r5.metal not slower than m7i; 0 failed starts on every machine; see VALIDATION.md")
    void finding3HundredPlusStartsOrderTheMachines() {
        assertHolds(NetflixFinding.HUNDRED_PLUS_ORDERING);
    }

    @Test
    @Disabled("mountsim misses this: m7i.metal-48xl p99 4,395 ± 146 vs m7i.metal-24xl 4,476 ± 111 ms, 45.3 vs 44.3 starts/s: the child-mount walk, priced per CPU but not per socket, dominates; see VALIDATION.md")
    void finding4TwoSocketsAreWorseThanOne() {
        assertHolds(NetflixFinding.TWO_SOCKETS_WORSE);
    }

    @Test
    @Disabled("mountsim misses this: SMT off 4,398 ms vs on 4,359 ms mean start latency, 0.9% worse (CI about ± 3.2%) instead of 10-40% better: the node is 98% idle, so holders rarely have a busy sibling; see VALIDATION.md")
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
