package io.mountsim.models.sched;

/**
 * One cache line that CPUs poll while its owner writes to it: mount_lock's seqlock word
 * (spinlock and sequence count in one seqlock_t), namespace_sem's count/owner/osq/wait_lock
 * (one struct rw_semaphore, one line). Every poller holds the line shared; each write by
 * the owner needs it exclusive again (a read-for-ownership), and that request waits at the
 * line's home behind the pollers' reads: the more pollers, the slower the owner's own
 * accesses, which is how contention lengthens a lock holder's section (the study's Intel
 * TMA: 95.5% of slots stalled on contested accesses). The census is kept incrementally.
 */
public interface ContendedLine {

    /** {@code cpu} starts polling the line (spinning on it). */
    void addPoller(int cpu);

    /** {@code cpu} stops polling it. */
    void removePoller(int cpu);

    /** CPUs polling now. */
    int pollers();

    /**
     * What one write by the owner waits, beyond moving the line to it, for the pollers'
     * requests queued at the line's home, ns ({@link io.mountsim.models.topology.CoherenceModel}).
     */
    double queueNs();

    /**
     * For a layout without a topology graph: the layout's own contention term over the
     * pollers and the LLC domains they sit in.
     */
    final class Uncensused implements ContendedLine {
        private final CpuLayout layout;
        private final java.util.Map<Integer, Integer> perLlc = new java.util.HashMap<>();
        private int pollers;

        Uncensused(CpuLayout layout) {
            this.layout = layout;
        }

        @Override
        public void addPoller(int cpu) {
            pollers++;
            perLlc.merge(layout.llcOf(cpu), 1, Integer::sum);
        }

        @Override
        public void removePoller(int cpu) {
            Integer n = perLlc.get(layout.llcOf(cpu));
            if (n == null) {
                throw new IllegalStateException("cpu " + cpu + " does not poll this line");
            }
            pollers--;
            if (n == 1) {
                perLlc.remove(layout.llcOf(cpu));
            } else {
                perLlc.put(layout.llcOf(cpu), n - 1);
            }
        }

        @Override
        public int pollers() {
            return pollers;
        }

        @Override
        public double queueNs() {
            return pollers == 0 ? 0 : layout.contentionNs(pollers, perLlc.size());
        }
    }
}
