package io.mountsim.core.random;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Commons Math distributions driven by a {@link RandomStream}, parameterised the way
 * models think about them (means and coefficients of variation rather than log-scale
 * parameters).
 */
public final class Distributions {
    private Distributions() {
    }

    public static RealDistribution exponential(RandomStream stream, double mean) {
        return new ExponentialDistribution(stream, mean);
    }

    /** A lognormal with the given mean and coefficient of variation (sd / mean). */
    public static RealDistribution lognormal(RandomStream stream, double mean, double cv) {
        if (!(mean > 0 && cv > 0)) {
            throw new IllegalArgumentException("lognormal needs mean > 0 and cv > 0");
        }
        double sigma2 = Math.log(1 + cv * cv);
        double mu = Math.log(mean) - sigma2 / 2;
        return new LogNormalDistribution(stream, mu, Math.sqrt(sigma2));
    }
}
