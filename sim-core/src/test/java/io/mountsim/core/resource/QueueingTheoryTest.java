package io.mountsim.core.resource;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.experiment.Replications;
import io.mountsim.core.stats.ConfidenceInterval;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The engine against closed-form queueing theory. Each check runs independent
 * replications (substream k of each named stream, a fresh simulation each), discards a
 * warm-up and asks whether the theoretical mean lies inside the 95% Student-t interval
 * of the replication means. Seeds are fixed, so the outcome is deterministic; a wrong
 * clock, queue order, resource hand-off or statistic moves the estimate by far more
 * than the interval's width (a few percent).
 */
class QueueingTheoryTest {
    private static final long SEED = 20_260_001L;
    private static final double CONFIDENCE = 0.95;
    /** Mean service time: 1 ms, so rounding exponential samples to whole ns is negligible. */
    private static final double MEAN_SERVICE_NS = 1_000_000;
    private static final int REPLICATIONS = 20;

    /**
     * M/M/1: Wq = rho / (mu - lambda), Lq = rho^2 / (1 - rho) (Kleinrock, Queueing
     * Systems vol. 1, section 3.2).
     *
     * <p>Warm-up: the queue starts empty, and the M/M/1 relaxation time is about
     * 1 / (mu (1 - sqrt(rho))^2) service times (Kleinrock 2.35 / Morse): 380 at 0.9.
     * 50,000 service times is over 100 of those. The window (at least 50,000 service
     * times, 25,000 customers at 0.5; 300,000 at 0.9) grows as 1/(1-rho)^2 because the
     * variance of the mean wait does (asymptotic variance of the M/M/1 mean wait over
     * n customers is about rho(2+5rho-4rho^2+rho^3)/((1-rho)^4 n) service times squared).
     */
    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(doubles = {0.5, 0.8, 0.9})
    void mm1MeanWaitAndQueueLengthMatchTheory(double rho) {
        double lambdaPerNs = rho / MEAN_SERVICE_NS;
        long measureNs = (long) (MEAN_SERVICE_NS * Math.max(50_000, 3_000 / Math.pow(1 - rho, 2)));
        MmcQueueModel.Config config = new MmcQueueModel.Config(1, 1 / lambdaPerNs, MEAN_SERVICE_NS,
                (long) (50_000 * MEAN_SERVICE_NS), measureNs, false);
        List<MmcQueueModel.Result> results = replicate(config);

        double wqNs = rho / (1 / MEAN_SERVICE_NS - lambdaPerNs);
        double lq = rho * rho / (1 - rho);
        assertTheoryInsideInterval("M/M/1 Wq ns", wqNs, results, MmcQueueModel.Result::meanWaitNs);
        assertTheoryInsideInterval("M/M/1 Lq", lq, results, MmcQueueModel.Result::meanQueueLength);
        assertTheoryInsideInterval("M/M/1 utilization", rho, results, MmcQueueModel.Result::meanBusyServers);
    }

    /**
     * M/M/4 at 80% per-server utilization, against the Erlang C formula
     * (Kleinrock vol. 1, 3.39): P(wait) = C(c, a), Wq = C(c, a) / (c mu - lambda).
     */
    @Test
    void mm4MeanWaitMatchesErlangC() {
        int c = 4;
        double perServerUtilization = 0.8;
        double lambdaPerNs = c * perServerUtilization / MEAN_SERVICE_NS;
        MmcQueueModel.Config config = new MmcQueueModel.Config(c, 1 / lambdaPerNs, MEAN_SERVICE_NS,
                (long) (20_000 * MEAN_SERVICE_NS), (long) (60_000 * MEAN_SERVICE_NS), false);
        List<MmcQueueModel.Result> results = replicate(config);

        double offeredLoad = lambdaPerNs * MEAN_SERVICE_NS;
        double pWait = erlangC(c, offeredLoad);
        double wqNs = pWait / (c / MEAN_SERVICE_NS - lambdaPerNs);
        assertTheoryInsideInterval("M/M/4 Wq ns", wqNs, results, MmcQueueModel.Result::meanWaitNs);
        assertTheoryInsideInterval("M/M/4 Lq", lambdaPerNs * wqNs, results, MmcQueueModel.Result::meanQueueLength);
        assertTheoryInsideInterval("M/M/4 busy servers", offeredLoad, results, MmcQueueModel.Result::meanBusyServers);
    }

    /** The Erlang C formula checked against a tabulated value, so a slip in it cannot hide one in the engine. */
    @Test
    void erlangCFormulaMatchesTable() {
        // c = 2, a = 1: C = (a^2/2! * 2/(2-1)) / (1 + 1 + 1) = 1/3.
        assertTrue(Math.abs(erlangC(2, 1.0) - 1.0 / 3) < 1e-12);
        // c = 1 reduces to M/M/1: P(wait) = rho.
        assertTrue(Math.abs(erlangC(1, 0.7) - 0.7) < 1e-12);
    }

    /** Probability that an arrival waits in M/M/c with offered load a = lambda / mu < c. */
    static double erlangC(int c, double a) {
        double term = 1; // a^k / k!
        double sumBelowC = 0;
        for (int k = 0; k < c; k++) {
            sumBelowC += term;
            term *= a / (k + 1);
        }
        double waitingTerm = term * c / (c - a); // a^c / c! * c / (c - a)
        return waitingTerm / (sumBelowC + waitingTerm);
    }

    private static List<MmcQueueModel.Result> replicate(MmcQueueModel.Config config) {
        MmcQueueModel model = new MmcQueueModel(config, SEED);
        return Replications.run(REPLICATIONS, model::run, Replications.defaultParallelism());
    }

    private static void assertTheoryInsideInterval(String what, double theory, List<MmcQueueModel.Result> results,
                                                   ToDoubleFunction<MmcQueueModel.Result> metric) {
        double[] values = results.stream().mapToDouble(metric).toArray();
        ConfidenceInterval ci = ConfidenceInterval.ofMean(values, CONFIDENCE);
        assertTrue(ci.contains(theory), () -> String.format(
                "%s: theory %.4f outside the %.0f%% interval %.4f +- %.4f (%.2f%%) over %d replications",
                what, theory, 100 * CONFIDENCE, ci.mean(), ci.halfWidth(), 100 * ci.halfWidth() / ci.mean(), ci.n()));
        // The interval must also be tight enough to mean something: a few percent.
        assertTrue(ci.halfWidth() < 0.05 * theory, () -> String.format(
                "%s: interval too wide to test anything: +- %.4f around %.4f", what, ci.halfWidth(), ci.mean()));
        System.out.printf("%s: theory %.4f, estimate %.4f +- %.4f (%.2f%%)%n",
                what, theory, ci.mean(), ci.halfWidth(), 100 * ci.halfWidth() / ci.mean());
    }
}
