package io.mountsim.models.topology;

/**
 * Who is spinning on one contended cache line right now, kept up to date incrementally
 * (add when a CPU starts spinning, remove when it stops) so that a handoff's cost is O(1)
 * to compute. A spinner has a weight: 1 for a thread that owns its CPU, 1/m for each of
 * m threads sharing one CPU (they poll the line 1/m as often).
 *
 * <p>The line's home is on {@code homeSocket}: in the benchmark the lock variable is
 * first touched by the main thread, so its memory (and its home agent / directory) sit
 * on the socket of the first allowed CPU.
 */
public final class SpinnerCensus {
    private final Topology topology;
    private final int homeSocket;
    private final int[] spinnersPerLlc;
    private double weightTotal;
    private double weightRemote;
    private int spinners;
    private int llcDomainsLocal;
    private int llcDomainsRemote;

    public SpinnerCensus(Topology topology, int homeSocket) {
        this.topology = topology;
        this.homeSocket = homeSocket;
        this.spinnersPerLlc = new int[topology.llcDomains()];
    }

    public void add(int cpu, double weight) {
        CpuPlacement p = topology.placement(cpu);
        boolean remote = p.socket() != homeSocket;
        spinners++;
        weightTotal += weight;
        if (remote) {
            weightRemote += weight;
        }
        if (spinnersPerLlc[p.llc()]++ == 0) {
            if (remote) {
                llcDomainsRemote++;
            } else {
                llcDomainsLocal++;
            }
        }
    }

    public void remove(int cpu, double weight) {
        CpuPlacement p = topology.placement(cpu);
        boolean remote = p.socket() != homeSocket;
        if (spinnersPerLlc[p.llc()] == 0) {
            throw new IllegalStateException("cpu " + cpu + " is not spinning");
        }
        spinners--;
        weightTotal -= weight;
        if (remote) {
            weightRemote -= weight;
        }
        if (--spinnersPerLlc[p.llc()] == 0) {
            if (remote) {
                llcDomainsRemote--;
            } else {
                llcDomainsLocal--;
            }
        }
        if (spinners == 0) {
            weightTotal = 0; // no floating-point residue once nobody spins
            weightRemote = 0;
        }
    }

    public int homeSocket() {
        return homeSocket;
    }

    /** Spinning threads. */
    public int spinners() {
        return spinners;
    }

    /** Spinners weighted by their share of a CPU, on the home socket. */
    public double localWeight() {
        return Math.max(0, weightTotal - weightRemote);
    }

    /** Spinners weighted by their share of a CPU, on other sockets. */
    public double remoteWeight() {
        return Math.max(0, weightRemote);
    }

    public double totalWeight() {
        return Math.max(0, weightTotal);
    }

    /** LLC domains on the home socket with at least one spinner. */
    public int localLlcDomains() {
        return llcDomainsLocal;
    }

    /** LLC domains on other sockets with at least one spinner. */
    public int remoteLlcDomains() {
        return llcDomainsRemote;
    }
}
