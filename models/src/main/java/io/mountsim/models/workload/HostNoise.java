package io.mountsim.models.workload;

import io.mountsim.core.random.RandomStream;

/**
 * The host's run-to-run noise on one start's CPU work: a lognormal speed factor with mean
 * 1 and the profile's coefficient of variation, drawn once per start.
 */
final class HostNoise {
    private HostNoise() {
    }

    /** exp(sigma z - sigma^2 / 2) with sigma^2 = ln(1 + cv^2); exactly 1 when cv is 0. */
    static double draw(RandomStream stream, double cv) {
        if (cv <= 0) {
            return 1.0;
        }
        double sigma = Math.sqrt(Math.log(1 + cv * cv));
        return Math.exp(sigma * stream.nextGaussian() - sigma * sigma / 2);
    }
}
