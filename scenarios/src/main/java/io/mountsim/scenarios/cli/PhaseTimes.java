package io.mountsim.scenarios.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Wall time of a command's phases, printed to stderr when MOUNTSIM_DEBUG is set, to see
 * where a short run's seconds go (JVM start and class loading, scenario loading,
 * simulation, report writing) without a profiler.
 */
final class PhaseTimes {
    private final PrintStream err;
    private long lastNs;

    private PhaseTimes(PrintStream err) {
        this.err = err;
        this.lastNs = System.nanoTime();
        if (err != null) {
            err.printf(Locale.ROOT, "timing: JVM start to command %d ms%n", ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    /** Prints when MOUNTSIM_DEBUG is set, else does nothing. */
    static PhaseTimes fromEnvironment(PrintStream err) {
        return new PhaseTimes(MountsimCommand.debugEnv() ? err : null);
    }

    /** Ends the phase that started at the previous mark (or at creation), named {@code phase}. */
    void mark(String phase) {
        long now = System.nanoTime();
        if (err != null) {
            err.printf(Locale.ROOT, "timing: %s %d ms%n", phase, (now - lastNs) / 1_000_000);
        }
        lastNs = now;
    }
}
