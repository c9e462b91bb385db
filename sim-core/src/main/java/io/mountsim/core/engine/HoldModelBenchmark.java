package io.mountsim.core.engine;

/**
 * The hold model, the classic fair comparison of event-list speed (as JaamSim publishes
 * it): keep N events pending; each processed event schedules one new event at now plus a
 * random increment. Reports processed events per second of wall time on one thread.
 */
public final class HoldModelBenchmark {

    /** The outcome of one benchmark run. */
    public record Result(int pendingEvents, long eventsProcessed, double wallSeconds, long fingerprint) {
        public double eventsPerSecond() {
            return eventsProcessed / wallSeconds;
        }
    }

    private HoldModelBenchmark() {
    }

    /**
     * @param pendingEvents   N, the number of events kept pending
     * @param eventsToProcess events timed (after a warm-up of the same size)
     * @param seed            seed of the increments
     */
    public static Result run(int pendingEvents, long eventsToProcess, long seed) {
        if (pendingEvents < 1 || eventsToProcess < 1) {
            throw new IllegalArgumentException("pending events and events to process must be positive");
        }
        measure(pendingEvents, Math.min(eventsToProcess, 5_000_000L), seed); // JIT warm-up
        return measure(pendingEvents, eventsToProcess, seed);
    }

    private static Result measure(int pendingEvents, long eventsToProcess, long seed) {
        Simulation sim = new Simulation(new BinaryHeapEventQueue(pendingEvents + 1));
        HoldEvent hold = new HoldEvent(sim, seed, eventsToProcess);
        for (int i = 0; i < pendingEvents; i++) {
            sim.schedule(hold.increment(), hold);
        }
        long t0 = System.nanoTime();
        sim.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(pendingEvents, sim.eventsProcessed(), wall, sim.fingerprint());
    }

    /** One shared event object: firing it re-schedules it, until the budget is spent. */
    private static final class HoldEvent implements Event {
        /** Mean increment 1 us; uniform on [0, 2 us) so the queue's depth stays mixed. */
        private static final long MAX_INCREMENT_NS = 2_000;
        private final Simulation sim;
        private long state;
        private long remaining;

        HoldEvent(Simulation sim, long seed, long budget) {
            this.sim = sim;
            this.state = seed;
            this.remaining = budget;
        }

        long increment() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return Math.floorMod(z, MAX_INCREMENT_NS);
        }

        @Override
        public void fire() {
            if (--remaining > 0) {
                sim.schedule(increment(), this);
            } else {
                sim.stop();
            }
        }
    }
}
