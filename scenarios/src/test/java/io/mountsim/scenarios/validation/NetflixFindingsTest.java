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
    @Disabled("mountsim misses this: p95 at 100 starts r5.metal 248 ± 48, m7i.metal-24xl 218 ± 7, m7a.24xlarge 225 ± 26 ms, no ordering at 100/200/400 and CIs overlap; 0 failed starts on every machine (slowest start < 0.8 s vs the 30 s check); see VALIDATION.md")
    void finding3HundredPlusStartsOrderTheMachines() {
        assertHolds(NetflixFinding.HUNDRED_PLUS_ORDERING);
    }

    @Test
    @Disabled("mountsim partly reproduces this: m7i.metal-48xl is worse on the means (p99 451 ± 37 vs 397 ± 39 ms, 436 ± 44 vs 500 ± 49 starts/s) but 3 replications do not resolve it (95% CIs overlap); see VALIDATION.md")
    void finding4TwoSocketsAreWorseThanOne() {
        assertHolds(NetflixFinding.TWO_SOCKETS_WORSE);
    }

    @Test
    @Disabled("mountsim misses this: SMT off 262 ± 6 ms vs on 276 ± 11 ms mean start latency, 5.1% better (CI about 0.8-9.4%) instead of 10-40%; see VALIDATION.md")
    void finding5SmtOffImprovesM7iLaunchLatency() {
        assertHolds(NetflixFinding.SMT_OFF_M7I);
    }

    @Test
    @Disabled("mountsim misses this: m7a 266 ± 9 ms vs m7i HT off 262 ± 6 ms mean start latency at 48 cores, 1.6% worse (CI about -5.8% to 2.5%) instead of 10-35% better; see VALIDATION.md")
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
    @Disabled("mountsim partly reproduces this: per-layer starts/s at 64 threads 341 vs 282 at 1 (measured 198 < 282), peak 1.31x at 4 threads (measured 1.4-1.7x at 2-8), 9 of 14 points within ±20% of measured (ratios 0.76-1.72); see VALIDATION.md")
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
