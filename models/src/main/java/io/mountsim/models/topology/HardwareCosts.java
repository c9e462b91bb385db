package io.mountsim.models.topology;

import java.util.OptionalInt;

/**
 * The hardware costs lock models charge: line handoffs (via the {@link CoherenceModel}),
 * SMT sharing and PAUSE, for one topology.
 *
 * @param topology                the machine after mitigations
 * @param coherence               how a contended line's handoff cost grows
 * @param busySiblingSlowdown     a thread runs this much slower while its SMT sibling does real work
 *                                ({@link MachineSpec#smtSlowdown()})
 * @param spinningSiblingSlowdown ... and this much slower while its sibling only spins with PAUSE
 *                                ({@link MachineSpec#spinningSiblingSlowdown()})
 * @param pauseNs                 one PAUSE instruction
 */
public record HardwareCosts(Topology topology,
                            CoherenceModel coherence,
                            double busySiblingSlowdown,
                            double spinningSiblingSlowdown,
                            double pauseNs) {

    public HardwareCosts {
        if (busySiblingSlowdown < 1 || spinningSiblingSlowdown < 1 || pauseNs < 0) {
            throw new IllegalArgumentException("slowdowns must be >= 1 and pauseNs >= 0");
        }
    }

    /** The machine's own costs, as its spec gives them. */
    public static HardwareCosts of(Topology topology) {
        MachineSpec spec = topology.spec();
        return new HardwareCosts(topology, CoherenceModel.of(spec), spec.smtSlowdown(), spec.spinningSiblingSlowdown(),
                spec.pauseNs());
    }

    /** The same machine with another coherence model (e.g. the paper's linear one). */
    public HardwareCosts withCoherence(CoherenceModel model) {
        return new HardwareCosts(topology, model, busySiblingSlowdown, spinningSiblingSlowdown, pauseNs);
    }

    public double handoffNs(int fromCpu, int toCpu, SpinnerCensus census) {
        return coherence.handoffNs(topology, fromCpu, toCpu, census);
    }

    /** What the sibling hardware thread of a CPU is doing. */
    public enum SiblingActivity {
        IDLE, SPINNING, BUSY
    }

    /** Factor by which work on {@code cpu} is stretched given what its sibling does. */
    public double smtSlowdown(SiblingActivity sibling) {
        return switch (sibling) {
            case IDLE -> 1.0;
            case SPINNING -> spinningSiblingSlowdown;
            case BUSY -> busySiblingSlowdown;
        };
    }

    public OptionalInt siblingOf(int cpu) {
        return topology.siblingOf(cpu);
    }
}
