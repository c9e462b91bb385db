package io.mountsim.core.resource;

import io.mountsim.core.engine.Event;
import io.mountsim.core.engine.Simulation;
import io.mountsim.core.engine.Task;
import io.mountsim.core.random.Distributions;
import io.mountsim.core.random.RandomStreams;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * The M/M/c queue built from the engine's own parts, the reference workload of the
 * engine tests: Poisson arrivals (exponential inter-arrival times from the stream
 * "arrivals"), exponential service times (stream "service"), one {@link FifoResource}
 * of capacity c. Replication k draws from substream k of both streams.
 *
 * <p>Each customer is a {@link Task}: it asks for a server, is resumed when it gets
 * one (at once, or when a previous customer's release hands the unit over), holds it
 * for its service time and releases it.
 */
final class MmcQueueModel {
    /** Fingerprint kind of an arrival event (a customer wakeup is {@link Task#KIND_WAKE}). */
    static final int KIND_ARRIVAL = 2;

    /**
     * @param servers          c
     * @param meanInterarrivalNs 1 / lambda
     * @param meanServiceNs    1 / mu
     * @param warmupNs         statistics observed before this time are discarded
     * @param measureNs        length of the observation window after the warm-up
     * @param drain            stop arrivals at the end of the window and run until
     *                         the system is empty (for sample-path identities), instead
     *                         of cutting the run at the window's end
     */
    record Config(int servers, double meanInterarrivalNs, double meanServiceNs,
                  long warmupNs, long measureNs, boolean drain) {
        double offeredLoad() {
            return meanServiceNs / meanInterarrivalNs;
        }
    }

    /**
     * What one replication measured over its observation window; waits are in ns.
     *
     * @param meanWaitNs      mean wait in queue of customers granted in the window (Wq)
     * @param meanQueueLength time-average number waiting (Lq)
     * @param meanHoldNs      mean service time of releases in the window
     * @param meanBusyServers time-average number of servers busy
     * @param granted         acquisitions granted in the window
     * @param arrivals        customers that arrived in the window
     * @param windowNs        length of the window actually observed
     */
    record Result(double meanWaitNs, double meanQueueLength, double meanHoldNs, double meanBusyServers,
                  double waitSumNs, double holdSumNs, double queueArea, double busyArea,
                  long granted, long arrivals, long windowNs, long events, long fingerprint) {
    }

    private final Config config;
    private final RandomStreams streams;

    MmcQueueModel(Config config, long seed) {
        this.config = config;
        this.streams = new RandomStreams(seed);
    }

    Result run(int replication) {
        Simulation sim = new Simulation();
        FifoResource servers = new FifoResource(sim, "servers", config.servers());
        RealDistribution interarrival = Distributions.exponential(
                streams.stream("arrivals", replication), config.meanInterarrivalNs());
        RealDistribution service = Distributions.exponential(
                streams.stream("service", replication), config.meanServiceNs());
        long endOfArrivalsNs = config.warmupNs() + config.measureNs();
        Arrivals arrivals = new Arrivals(sim, servers, interarrival, service, endOfArrivalsNs);
        sim.schedule(arrivals.nextGapNs(), arrivals);

        sim.runUntil(config.warmupNs());
        servers.stats().reset(config.warmupNs());
        long arrivalsBeforeWindow = arrivals.count;
        long windowEndNs;
        if (config.drain()) {
            sim.run();
            windowEndNs = sim.now();
            if (servers.holders() != 0 || servers.queueLength() != 0) {
                throw new AssertionError("queue not drained");
            }
        } else {
            sim.runUntil(endOfArrivalsNs);
            windowEndNs = endOfArrivalsNs;
        }
        ResourceStats s = servers.stats();
        return new Result(s.waitNs().mean(), s.queueLength().average(windowEndNs),
                s.holdNs().mean(), s.busyUnits().average(windowEndNs),
                s.waitNs().sum(), s.holdNs().sum(),
                s.queueLength().area(windowEndNs), s.busyUnits().area(windowEndNs),
                s.waitNs().count(), arrivals.count - arrivalsBeforeWindow,
                windowEndNs - config.warmupNs(), sim.eventsProcessed(), sim.fingerprint());
    }

    /** The arrival process: each firing creates a customer and schedules the next arrival. */
    private static final class Arrivals implements Event {
        private final Simulation sim;
        private final FifoResource servers;
        private final RealDistribution interarrival;
        private final RealDistribution service;
        private final long endNs;
        private long count;

        Arrivals(Simulation sim, FifoResource servers, RealDistribution interarrival,
                 RealDistribution service, long endNs) {
            this.sim = sim;
            this.servers = servers;
            this.interarrival = interarrival;
            this.service = service;
            this.endNs = endNs;
        }

        /** Exponential gaps rounded to whole ns; with means of 10^5 ns and more the rounding bias is negligible. */
        long nextGapNs() {
            return Math.round(interarrival.sample());
        }

        @Override
        public void fire() {
            count++;
            new Customer(sim, count, servers, Math.round(service.sample())).resume();
            long next = sim.now() + nextGapNs();
            if (next <= endNs) {
                sim.scheduleAt(next, this);
            }
        }

        @Override
        public int kind() {
            return KIND_ARRIVAL;
        }
    }

    /** A customer's program: ASKING -> (queued) -> IN_SERVICE -> done. */
    private static final class Customer extends Task {
        private enum State { ASKING, WAITING, IN_SERVICE, DONE }

        private final FifoResource servers;
        private final long serviceNs;
        private State state = State.ASKING;

        Customer(Simulation sim, long id, FifoResource servers, long serviceNs) {
            super(sim, id);
            this.servers = servers;
            this.serviceNs = serviceNs;
        }

        @Override
        protected void resume() {
            switch (state) {
                case ASKING -> {
                    if (servers.acquire(this)) {
                        startService();
                    } else {
                        state = State.WAITING;
                    }
                }
                case WAITING -> startService(); // the unit was handed to us on release
                case IN_SERVICE -> {
                    servers.release(this);
                    state = State.DONE;
                }
                case DONE -> throw new AssertionError(this + " woken after it finished");
            }
        }

        private void startService() {
            state = State.IN_SERVICE;
            wakeAfter(serviceNs);
        }
    }
}
