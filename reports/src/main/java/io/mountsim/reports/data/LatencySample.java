package io.mountsim.reports.data;

import java.util.Arrays;

/**
 * The start-latency distribution a report keeps: at most {@value #MAX_POINTS} order
 * statistics (always including the minimum and the maximum) of the pooled latencies.
 * A CDF drawn from them is indistinguishable at chart resolution, and it is small enough
 * to store per point so that {@code merge} redraws exactly the charts an unsharded run
 * draws (both draw from this sample, never from the raw array).
 */
public final class LatencySample {

    public static final int MAX_POINTS = 1001;

    private LatencySample() {
    }

    /**
     * The sorted sample of {@code latenciesMs} (NaNs dropped). Idempotent: a sample of a
     * sample is the same sample, which is what makes merged output equal unsharded output.
     */
    public static double[] of(double[] latenciesMs) {
        double[] sorted = Arrays.stream(latenciesMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length <= MAX_POINTS) {
            return sorted;
        }
        double[] sample = new double[MAX_POINTS];
        int last = sorted.length - 1;
        for (int i = 0; i < MAX_POINTS; i++) {
            // evenly spaced ranks: rank 0 and rank n-1 are both kept
            sample[i] = sorted[(int) Math.round((double) i * last / (MAX_POINTS - 1))];
        }
        return sample;
    }

    /** The share of the sample strictly above {@code thresholdMs} (NaN for an empty sample). */
    public static double fractionAbove(double[] sortedSample, double thresholdMs) {
        if (sortedSample.length == 0) {
            return Double.NaN;
        }
        int above = 0;
        for (double v : sortedSample) {
            if (v > thresholdMs) {
                above++;
            }
        }
        return (double) above / sortedSample.length;
    }
}
