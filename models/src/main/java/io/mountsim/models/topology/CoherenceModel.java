package io.mountsim.models.topology;

/**
 * The cost of handing a contended cache line (a lock word) from its holder to the next
 * owner while others spin on it: the one place that cost is computed.
 *
 * <p>All three follow the Markov model of "Non-scalable locks are dangerous"
 * (Boyd-Wickizer, Kaashoek, Morris, Zeldovich, Linux Symposium 2012): the line's home
 * serves the contenders' requests one at a time, so a handoff waits behind about half of
 * them, {@code c*k/2} for k contenders and a per-request service time c. They differ in
 * what counts as a contender (kernel-mount-locking.md section 6):
 */
public sealed interface CoherenceModel {

    /** Nanoseconds from the release on {@code fromCpu} until {@code toCpu} owns the line. */
    double handoffNs(Topology topology, int fromCpu, int toCpu, SpinnerCensus census);

    /**
     * The queueing part alone: what any request for the line (a handoff, or its owner's
     * own write after pollers took it shared) waits behind the spinners' requests, ns.
     */
    double queueNs(SpinnerCensus census);

    /**
     * A lock re-taken on the CPU that released it, with nobody else spinning, never left
     * that CPU's cache: no transfer and no queue (an uncontended lock costs an L1 hit).
     */
    private static boolean lineStaysLocal(int fromCpu, int toCpu, SpinnerCensus census) {
        return fromCpu == toCpu && census.spinners() <= 1;
    }

    /** The mesh or chiplet model of a machine, with its spec's per-spinner cost. */
    static CoherenceModel of(MachineSpec spec) {
        CoreToCoreNs c = spec.coreToCoreNs();
        double w = EstimatedParameter.REMOTE_SOCKET_WEIGHT.scale();
        if (spec.interconnect() == Interconnect.CHIPLET) {
            double crossLlc = Topology.effectiveCrossLlcNs(spec);
            return new ChipletDomains(spec.perSpinnerHandoffNs(), c.llc() / 2, w * c.crossSocket() / crossLlc);
        }
        return new MeshHomeAgent(spec.perSpinnerHandoffNs(), w * c.crossSocket() / c.llc());
    }

    /**
     * Intel mesh: the line is homed at one CHA whose Table of Requests serves one request
     * per address at a time; every spinning CPU's request queues there, so each spinner
     * adds {@code perSpinnerNs}. A spinner on another socket adds {@code remoteWeight}
     * times as much: its request holds the TOR entry for the UPI round trip
     * (crossSocket/llc latency ratio) [est: modelling assumption].
     */
    record MeshHomeAgent(double perSpinnerNs, double remoteWeight) implements CoherenceModel {
        @Override
        public double handoffNs(Topology topology, int fromCpu, int toCpu, SpinnerCensus census) {
            if (lineStaysLocal(fromCpu, toCpu, census)) {
                return 0;
            }
            return topology.transferNs(fromCpu, toCpu) + queueNs(census);
        }

        @Override
        public double queueNs(SpinnerCensus census) {
            return perSpinnerNs * (census.localWeight() + census.remoteWeight() * remoteWeight);
        }
    }

    /**
     * AMD chiplets: each CCD's L3 serves its own cores' spinning, and the home sees one
     * request per CCD that has spinners, so the penalty grows with the number of LLC
     * domains involved, not with every spinner. A CCD on another socket weighs
     * crossSocket/crossLlc times a local one [est: same assumption as the mesh]. While all
     * pollers sit in one CCD the line never leaves it: that CCD's L3 is the only place
     * requests queue, one at a time, so each poller adds half a same-CCD transfer
     * ({@code perSpinnerInLlcNs}, the mesh's derivation with c = the llc latency). The
     * calibration host (one CCD) showed the need: with its lock bouncing between two vCPUs
     * of one L3, global-lock-bench takes 24.5 ns per critical section
     * (calibration/epyc-2core/lockbench.txt), less than one cross-CCD queueing term alone.
     */
    record ChipletDomains(double perDomainNs, double perSpinnerInLlcNs, double remoteWeight) implements CoherenceModel {
        @Override
        public double handoffNs(Topology topology, int fromCpu, int toCpu, SpinnerCensus census) {
            if (lineStaysLocal(fromCpu, toCpu, census)) {
                return 0;
            }
            return topology.transferNs(fromCpu, toCpu) + queueNs(census);
        }

        @Override
        public double queueNs(SpinnerCensus census) {
            if (census.localLlcDomains() + census.remoteLlcDomains() == 1) {
                return perSpinnerInLlcNs * census.totalWeight();
            }
            return perDomainNs * (census.localLlcDomains() + census.remoteLlcDomains() * remoteWeight);
        }
    }

    /**
     * The paper's model as it stands: every waiting core is a contender, the handoff costs
     * {@code cNs * k / 2} with k = spinners, whatever the distances. Used to check the
     * lock simulation against the analytic {@code TicketLockMarkovModel}.
     */
    record LinearInWaiters(double cNs) implements CoherenceModel {
        @Override
        public double handoffNs(Topology topology, int fromCpu, int toCpu, SpinnerCensus census) {
            return queueNs(census);
        }

        @Override
        public double queueNs(SpinnerCensus census) {
            return cNs * census.totalWeight() / 2;
        }
    }
}
