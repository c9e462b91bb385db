package io.mountsim.models.topology;

/**
 * A vertex of the machine graph: the levels of the hierarchy sockets -> NUMA nodes ->
 * LLC domains -> cores -> hardware threads. Ids are machine-wide (not per parent), so two
 * vertices of the same level are equal exactly when their ids are.
 */
public sealed interface TopologyNode {
    int id();

    record Socket(int id) implements TopologyNode {
    }

    record NumaNode(int id) implements TopologyNode {
    }

    /** A last-level-cache domain: one AMD CCD, or one Intel socket's mesh L3. */
    record LlcDomain(int id) implements TopologyNode {
    }

    /** A physical core (machine-wide index, socket-major). */
    record Core(int id) implements TopologyNode {
    }

    /** A hardware thread, identified by its Linux logical CPU number. */
    record HardwareThread(int id) implements TopologyNode {
    }
}
