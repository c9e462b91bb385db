/**
 * The discrete-event engine: a {@code long} nanosecond clock, a pending-event heap
 * ordered by (time, scheduling sequence), tasks as state machines.
 *
 * <p>How a model uses it:
 *
 * <pre>{@code
 * Simulation sim = new Simulation();
 * FifoResource lock = new FifoResource(sim, "namespace_sem", 1);
 *
 * final class Start extends Task {          // one simulated thread
 *     private int pc;                       // its program counter
 *     Start(Simulation sim, long id) { super(sim, id); }
 *     protected void resume() {
 *         switch (pc++) {
 *             case 0 -> wakeAfter(20_000);                   // compute 20 us
 *             case 1 -> { if (lock.acquire(this)) resume(); } // wait on a resource
 *             case 2 -> wakeAfter(5_000);                    // hold it 5 us
 *             case 3 -> lock.release(this);                  // hands it to the next waiter
 *         }
 *     }
 * }
 * new Start(sim, 1).wakeNow();
 * sim.run();
 * }</pre>
 *
 * <ul>
 *   <li>Events due at the same instant run in the order they were scheduled; an event
 *       scheduled with zero delay runs after those already due now.</li>
 *   <li>{@link io.mountsim.core.engine.Simulation#cancel} is lazy and O(1); cancelling
 *       an event that already fired is harmless.</li>
 *   <li>The run fingerprint hashes (time, kind, entity) of every processed event, so
 *       give events a stable {@link io.mountsim.core.engine.Event#kind()} and entity.</li>
 *   <li>One {@code Simulation} per replication, used by one thread; replications run in
 *       parallel through {@link io.mountsim.core.experiment.Replications}.</li>
 * </ul>
 */
package io.mountsim.core.engine;
