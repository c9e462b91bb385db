package io.mountsim.core.engine;

/**
 * A simulated thread of control as a state machine, not a Java thread: the engine calls
 * {@link #resume()} each time the task is woken, and the task advances its own program
 * (a program counter in a field) until it has to wait again: for time to pass
 * ({@link #wakeAfter}), for a resource, or for another task to wake it.
 *
 * <p>The task is itself the event that wakes it, so waking allocates nothing.
 */
public abstract class Task implements Event {
    /** Fingerprint kind of a task wakeup. */
    public static final int KIND_WAKE = 1;

    protected final Simulation sim;
    private final long id;

    protected Task(Simulation sim, long id) {
        this.sim = sim;
        this.id = id;
    }

    public final long id() {
        return id;
    }

    /** Advances the task's program: called by the engine when the task is woken. */
    protected abstract void resume();

    @Override
    public final void fire() {
        resume();
    }

    @Override
    public int kind() {
        return KIND_WAKE;
    }

    @Override
    public final long entity() {
        return id;
    }

    /** Wakes this task {@code delayNs} from now; returns the event id. */
    public final long wakeAfter(long delayNs) {
        return sim.schedule(delayNs, this);
    }

    /** Wakes this task at absolute time {@code timeNs} (not in the past); returns the event id. */
    public final long wakeAt(long timeNs) {
        return sim.scheduleAt(timeNs, this);
    }

    /** Wakes this task at the current time, after the events already due now. */
    public final long wakeNow() {
        return sim.schedule(0, this);
    }

    public final Simulation simulation() {
        return sim;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + id;
    }
}
