package io.mountsim.core.resource;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.engine.Task;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resource with {@code capacity} identical units served first come, first served.
 * A task that finds no free unit waits in FIFO order and is resumed when a unit is
 * handed to it; {@link #handoffDelayNs} lets a subclass charge a handoff cost (a cache
 * line moving between CPUs, a wakeup) between release and the waiter's resumption,
 * during which the unit counts as held by the waiter.
 */
public class FifoResource {
    private record Waiter(Task task, long sinceNs) {
    }

    private final Simulation sim;
    private final String name;
    private final int capacity;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Map<Task, Long> holders = new IdentityHashMap<>();
    /** The tasks in {@link #waiters}, to refuse a second request from one of them in O(1). */
    private final Set<Task> waiting = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ResourceStats stats;

    public FifoResource(Simulation sim, String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.sim = sim;
        this.name = name;
        this.capacity = capacity;
        this.stats = new ResourceStats(sim.now(), capacity);
    }

    /**
     * Asks for one unit. Returns true when granted at once (the caller goes on); false
     * when the task was queued, in which case it is resumed once the unit is its own.
     */
    public boolean acquire(Task task) {
        if (holders.containsKey(task)) {
            throw new IllegalStateException(task + " already holds " + name);
        }
        if (holders.size() < capacity && waiters.isEmpty()) {
            grant(task, 0);
            return true;
        }
        if (!waiting.add(task)) {
            // a second request would queue the task twice and grant it two units
            throw new IllegalStateException(task + " is already waiting for " + name);
        }
        waiters.addLast(new Waiter(task, sim.now()));
        stats.queueLength().update(sim.now(), waiters.size());
        return false;
    }

    /** Returns the unit held by {@code task} and hands it to the first waiter, if any. */
    public void release(Task task) {
        Long since = holders.remove(task);
        if (since == null) {
            throw new IllegalStateException(task + " does not hold " + name);
        }
        long now = sim.now();
        stats.holdNs().add(now - since);
        stats.busyUnits().update(now, holders.size());
        Waiter next = waiters.pollFirst();
        if (next != null) {
            waiting.remove(next.task());
            stats.queueLength().update(now, waiters.size());
            long delay = handoffDelayNs(task, next.task());
            grant(next.task(), now - next.sinceNs());
            next.task().wakeAfter(delay);
        }
    }

    private void grant(Task task, long waitedNs) {
        holders.put(task, sim.now());
        stats.waitNs().add(waitedNs);
        stats.busyUnits().update(sim.now(), holders.size());
    }

    /** Cost of handing a unit from {@code from} to {@code to}; none by default. */
    protected long handoffDelayNs(Task from, Task to) {
        return 0;
    }

    public boolean isHeldBy(Task task) {
        return holders.containsKey(task);
    }

    /** Whether {@code task} is queued for a unit (asked, not yet granted). */
    public boolean isWaiting(Task task) {
        return waiting.contains(task);
    }

    public int holders() {
        return holders.size();
    }

    public int queueLength() {
        return waiters.size();
    }

    public int capacity() {
        return capacity;
    }

    public String name() {
        return name;
    }

    public ResourceStats stats() {
        return stats;
    }
}
