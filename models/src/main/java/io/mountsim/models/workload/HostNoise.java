package io.mountsim.models.workload;

import io.mountsim.core.random.Distributions;
import io.mountsim.core.random.RandomStream;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * The host's run-to-run noise on one start's CPU work: a lognormal speed factor with mean
 * 1 and the profile's coefficient of variation, drawn once per start.
 */
final class HostNoise {
    /** Commons Math's lognormal (exp of one Gaussian of the stream per draw); null when cv is 0. */
    private final RealDistribution speed;

    HostNoise(RandomStream stream, double cv) {
        this.speed = cv > 0 ? Distributions.lognormal(stream, 1, cv) : null;
    }

    /** The next start's factor; exactly 1 when cv is 0 (nothing is drawn then). */
    double draw() {
        return speed == null ? 1.0 : speed.sample();
    }
}
