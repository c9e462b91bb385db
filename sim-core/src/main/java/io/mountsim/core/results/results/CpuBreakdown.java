package io.mountsim.core.results;

/**
 * Where the CPUs' time went in one point, as fractions of total CPU capacity
 * (hardware threads x makespan): useful work, spinning on a lock, idle, and runnable
 * time spent waiting for a CPU (that last one can exceed what is left when many tasks
 * queue, so it is a fraction of capacity too, not a share of the remainder).
 */
public record CpuBreakdown(double usefulWork, double spinning, double idle, double waitingForCpu) {
    public static final CpuBreakdown NONE = new CpuBreakdown(0, 0, 0, 0);

    /** Component-wise mean of several breakdowns (one per replication). */
    public static CpuBreakdown mean(java.util.List<CpuBreakdown> all) {
        if (all.isEmpty()) {
            return NONE;
        }
        double u = 0, s = 0, i = 0, w = 0;
        for (CpuBreakdown b : all) {
            u += b.usefulWork;
            s += b.spinning;
            i += b.idle;
            w += b.waitingForCpu;
        }
        int n = all.size();
        return new CpuBreakdown(u / n, s / n, i / n, w / n);
    }
}
