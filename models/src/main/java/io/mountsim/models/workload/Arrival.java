package io.mountsim.models.workload;

/** When container starts arrive. */
public sealed interface Arrival {
    /** All at time zero. */
    record Burst() implements Arrival {
    }

    /** A Poisson process. */
    record Poisson(double perSecond) implements Arrival {
    }
}
