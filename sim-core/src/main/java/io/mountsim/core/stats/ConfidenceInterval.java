package io.mountsim.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A confidence interval for a mean across independent replications, from the Student t
 * distribution with n-1 degrees of freedom.
 */
public record ConfidenceInterval(double mean, double halfWidth, double confidence, int n) {

    public static ConfidenceInterval ofMean(double[] values, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        Tally t = new Tally();
        for (double v : values) {
            t.add(v);
        }
        return of(t, confidence);
    }

    public static ConfidenceInterval of(Tally tally, double confidence) {
        long n = tally.count();
        if (n < 2) {
            return new ConfidenceInterval(tally.mean(), n == 1 ? 0.0 : Double.NaN, confidence, (int) n);
        }
        double tQuantile = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        double half = tQuantile * tally.standardDeviation() / Math.sqrt(n);
        return new ConfidenceInterval(tally.mean(), half, confidence, (int) n);
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }

    public boolean contains(double x) {
        return x >= lower() && x <= upper();
    }
}
