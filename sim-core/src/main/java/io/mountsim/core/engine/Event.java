package io.mountsim.core.engine;

/**
 * Something that happens at one instant of simulated time. {@link #kind()} and
 * {@link #entity()} feed the run fingerprint: two runs that process the same events
 * (same time, kind and entity, in the same order) have the same fingerprint.
 */
@FunctionalInterface
public interface Event {
    void fire();

    /** A small stable code for what this event is (not a hash of a class name). */
    default int kind() {
        return 0;
    }

    /** The entity the event belongs to (a task id), or 0. */
    default long entity() {
        return 0;
    }
}
