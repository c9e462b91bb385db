package io.mountsim.core.engine;

import java.util.function.IntFunction;

/**
 * The hold model, the classic fair comparison of event-list speed (as JaamSim publishes
 * it): keep N events pending; each processed event schedules one new event at now plus a
 * random increment. Reports processed events per second of wall time on one thread.
 *
 * <p>Measured 2026-11-27 on the shared 2-CPU build machine (OpenJDK 17.0.15, default
 * flags, other engineers' builds running), 20M events after a 5M-event warm-up, one JVM
 * per run, queues interleaved; millions of events per second, best / median:
 *
 * <pre>
 *   pending    4-ary heap (default)   binary heap       goal
 *   1,000      11.2 / 11.2 (3 runs)   10.6 / 9.1 (3)    10
 *   100,000     6.2 / 6.15 (3 runs)    6.0 / 5.8 (3)     4
 * </pre>
 *
 * (run when the 1-minute load average was about 1.3, i.e. the benchmark alone; under
 * load 2 to 6 the 4-ary heap still had the better median in 5 more runs of each.)
 * Command: {@code mvn -B -q -o -pl sim-core compile && java -cp sim-core/target/classes
 * io.mountsim.core.engine.HoldModelBenchmark 100000 20000000 quaternary 1}.
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
        return run(pendingEvents, eventsToProcess, seed, Simulation::defaultQueue);
    }

    /**
     * As {@link #run(int, long, long)}, on the queue made by {@code queueOfCapacity}
     * (given the initial capacity), to compare pending-event structures. Measure one
     * structure per JVM: a second one makes the engine's calls into the queue
     * polymorphic and slows whichever runs after it.
     */
    public static Result run(int pendingEvents, long eventsToProcess, long seed,
                             IntFunction<EventQueue> queueOfCapacity) {
        if (pendingEvents < 1 || eventsToProcess < 1) {
            throw new IllegalArgumentException("pending events and events to process must be positive");
        }
        measure(pendingEvents, Math.min(eventsToProcess, 5_000_000L), seed, queueOfCapacity); // JIT warm-up
        return measure(pendingEvents, eventsToProcess, seed, queueOfCapacity);
    }

    private static final String USAGE =
            "usage: HoldModelBenchmark [pending=1000] [events=20000000] [queue=quaternary|binary] [repeats=1]";

    /**
     * For measuring by hand (not a unit test: wall time depends on the machine's load):
     * {@code java -cp sim-core/target/classes io.mountsim.core.engine.HoldModelBenchmark
     * 100000 20000000 quaternary 3} prints one line per repeat. Measure one queue per JVM
     * (see {@link #run(int, long, long, IntFunction)}).
     */
    public static void main(String[] args) {
        try {
            int pending = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
            long events = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
            String queue = args.length > 2 ? args[2] : "quaternary";
            int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
            IntFunction<EventQueue> factory = switch (queue) {
                case "binary" -> BinaryHeapEventQueue::new;
                case "quaternary" -> QuaternaryHeapEventQueue::new;
                default -> throw new IllegalArgumentException("queue must be binary or quaternary, not " + queue);
            };
            for (int i = 0; i < repeats; i++) {
                Result r = run(pending, events, 42, factory);
                System.out.printf("queue=%s pending=%d events=%d wall=%.3fs eventsPerSecond=%.2fM fingerprint=%016x%n",
                        queue, r.pendingEvents(), r.eventsProcessed(), r.wallSeconds(),
                        r.eventsPerSecond() / 1e6, r.fingerprint());
            }
        } catch (NumberFormatException e) {
            System.err.println("pending, events and repeats must be whole numbers (" + e.getMessage() + ")");
            System.err.println(USAGE);
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    private static Result measure(int pendingEvents, long eventsToProcess, long seed,
                                  IntFunction<EventQueue> queueOfCapacity) {
        Simulation sim = new Simulation(queueOfCapacity.apply(pendingEvents + 1));
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
