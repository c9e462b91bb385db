package io.mountsim.models.kernel;

import io.mountsim.core.random.RandomStream;
import io.mountsim.models.sched.CpuLayout;

/**
 * Path walks of the workloads already running on the machine
 * ({@code workload.pathLookupsPerCpuPerSecond}), not simulated one by one: a write
 * section of mount_lock lasting h ns is met by Poisson(rate x h) of them. Each one that
 * meets the writer spins in read_seqbegin() for about half the section (so its CPU time
 * is lost to spinning) and polls the lock's line, adding coherence cost to the writer.
 */
final class BackgroundLookups {
    private final double perNs;
    private final RandomStream stream;
    private final CpuLayout layout;
    private final int llcDomains;
    private long spinNs;

    BackgroundLookups(double perSecond, RandomStream stream, CpuLayout layout) {
        this.perNs = perSecond / 1e9;
        this.stream = stream;
        this.layout = layout;
        int max = 0;
        for (int c = 0; c < layout.cpus(); c++) {
            max = Math.max(max, layout.llcOf(c) + 1);
        }
        this.llcDomains = Math.max(1, max);
    }

    long coherenceNs(long sectionNs) {
        if (perNs <= 0 || sectionNs <= 0) {
            return 0;
        }
        int hits = poisson(perNs * sectionNs);
        if (hits == 0) {
            return 0;
        }
        spinNs += hits * sectionNs / 2;
        int domains = Math.min(hits + 1, llcDomains);
        return Math.round(layout.contentionNs(hits, domains));
    }

    long spinNs() {
        return spinNs;
    }

    /** Knuth's method for small means, a rounded normal approximation for large ones. */
    private int poisson(double mean) {
        if (mean > 30) {
            double x = mean + Math.sqrt(mean) * stream.nextGaussian();
            return (int) Math.max(0, Math.round(x));
        }
        double limit = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= stream.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
