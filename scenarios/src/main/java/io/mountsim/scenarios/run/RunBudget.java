package io.mountsim.scenarios.run;

import io.mountsim.models.workload.LayerCount;
import io.mountsim.models.workload.MountSimulation;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.reports.data.TimelineWindow;
import io.mountsim.scenarios.scenario.ScenarioPoint;
import java.util.List;
import java.util.Locale;

/**
 * What a run will cost, estimated before it starts from the scenario alone: simulated
 * events (the work) and the heap at its peak. A run whose heap estimate exceeds the JVM's
 * is refused (issue 14: 10,000,000 starts x 1,000 replications validated "ok", then died
 * after 74 s with "Java heap space").
 *
 * <p>The per-start figures are measurements of one replication on r5.metal, recorded with
 * the exact command in {@code scenarios/budget-measurements.txt}. They are estimates of a
 * peak, not bounds: the refusal is meant to catch runs that are off by a factor, not to
 * decide between 1.9 and 2.1 GB.
 *
 * @param points       points to run (after --shard)
 * @param replications per point
 * @param events       estimated simulated events over the whole run
 * @param inFlightBytes estimated heap of the replications running at once (one per worker)
 * @param keptBytes    estimated heap of what is kept until the report is written
 */
public record RunBudget(int points, int replications, double events, double inFlightBytes, double keptBytes) {
    /**
     * Heap per container start while its replication runs. Measured: 1,105 B (20,000 starts,
     * 5 layers), 756 B (80,000 starts, 5 layers) and 1,119 B (20,000 starts, 50 layers): the
     * layer count barely matters. The larger is taken.
     */
    static final double BYTES_PER_START = 1_120;
    /** Events per start and per layer: fit of 358.0 events/start at 5 layers and 3,375.6 at 50. */
    static final double EVENTS_PER_START = 22.7;
    static final double EVENTS_PER_LAYER = 67.06;
    /** A replayed syscall costs about what one layer's syscalls do divided by the 3-4 per layer [est]. */
    static final double EVENTS_PER_TRACE_CALL = 20;
    /** Heap per replayed call while replaying: the parsed call (a record of 32 B) and its per-call state [est]. */
    static final double BYTES_PER_TRACE_CALL = 200;
    /** A lock-benchmark critical section: acquire, hold, release, and a spin retry or two [est]. */
    static final double EVENTS_PER_CRITICAL_SECTION = 4;
    /** Heap of one lock-timeline span object [est]. */
    static final double BYTES_PER_SPAN = 80;
    /**
     * A point's kept timeline: the chart's window (TimelineWindow.MAX_SPANS spans) once the
     * runner has cut it; the overview strip's bins are small beside it.
     */
    static final double TIMELINE_BYTES = TimelineWindow.MAX_SPANS * BYTES_PER_SPAN;
    /** A metric summary, CPU breakdown and labels per replication and point [est]. */
    static final double BYTES_PER_REPLICATION_KEPT = 4_000;
    /** The JVM, the parsed scenarios, picocli, the chart library once loaded [est]. */
    static final double BASELINE_BYTES = 64e6;

    /** The estimate of running {@code points}, {@code replications} each, on {@code threads} workers. */
    public static RunBudget of(List<ScenarioPoint> points, int replications, int threads) {
        double events = 0;
        double largestInFlight = 0;
        double kept = 0;
        for (ScenarioPoint p : points) {
            PointCost cost = p.spec().workload().accept(COST);
            double perReplicationEvents = cost.events();
            double inFlight = cost.inFlightBytes();
            double startsKept = cost.startsKept();
            events += perReplicationEvents * replications;
            largestInFlight = Math.max(largestInFlight, inFlight);
            // latencies: once in the replication's outcome, once in the point's concatenation
            kept += replications * (startsKept * 8 * 2 + BYTES_PER_REPLICATION_KEPT) + TIMELINE_BYTES;
        }
        int workers = (int) Math.max(1, Math.min(threads, (long) points.size() * replications));
        return new RunBudget(points.size(), replications, events, workers * largestInFlight, kept);
    }

    /** One replication of a point: its events, the heap it holds while running, the start latencies it keeps. */
    private record PointCost(double events, double inFlightBytes, double startsKept) {
    }

    private static final WorkloadSpec.Visitor<PointCost> COST = new WorkloadSpec.Visitor<>() {
        @Override
        public PointCost containerStarts(WorkloadSpec.ContainerStarts c) {
            double events = c.containers() * (EVENTS_PER_START + EVENTS_PER_LAYER * meanLayers(c.layers()));
            // replication 0 records both locks' whole timeline until the runner cuts it: at most
            // MountSimulation's bound per lock, and no more spans than the replication has events
            double spansPerLock = Math.min(MountSimulation.TIMELINE_SPANS_PER_LOCK, events);
            return new PointCost(events, c.containers() * BYTES_PER_START + 2 * spansPerLock * BYTES_PER_SPAN,
                    Math.min(c.containers(), ExperimentRunner.LATENCIES_KEPT_PER_REPLICATION));
        }

        @Override
        public PointCost trace(WorkloadSpec.Trace t) {
            long calls = t.threads().stream().mapToLong(th -> th.calls().size()).sum();
            return new PointCost(calls * EVENTS_PER_TRACE_CALL, calls * BYTES_PER_TRACE_CALL,
                    Math.min(t.threads().size(), ExperimentRunner.LATENCIES_KEPT_PER_REPLICATION));
        }

        @Override
        public PointCost lockBench(WorkloadSpec.LockBench l) {
            return new PointCost((double) l.threads() * l.iterationsPerThread() * EVENTS_PER_CRITICAL_SECTION,
                    l.threads() * 1_000.0, l.threads());
        }
    };

    private static double meanLayers(LayerCount layers) {
        if (layers instanceof LayerCount.Uniform u) {
            return (u.min() + u.max()) / 2.0;
        }
        return ((LayerCount.Fixed) layers).layers();
    }

    /** The whole heap the run should need at its peak. */
    public double peakBytes() {
        return BASELINE_BYTES + inFlightBytes + keptBytes;
    }

    /** Whether the peak fits in {@code heapBytes} (the JVM's -Xmx), keeping a tenth for the collector. */
    public boolean fits(long heapBytes) {
        return peakBytes() <= 0.9 * heapBytes;
    }

    /** One line for stderr: {@code budget: 6 points x 2 replications, ~4.3e6 events, heap ~80 MB of 2.0 GB}. */
    public String describe(long heapBytes) {
        return String.format(Locale.ROOT, "budget: %d point%s x %d replication%s, ~%.1e simulated events, peak heap ~%s of %s",
                points, points == 1 ? "" : "s", replications, replications == 1 ? "" : "s", events, bytes(peakBytes()),
                bytes(heapBytes));
    }

    /** The -Xmx that would fit the estimate, rounded up to whole GB. */
    public String xmxHint() {
        long gb = (long) Math.ceil(peakBytes() / 0.9 / (1L << 30));
        return "-Xmx" + Math.max(1, gb) + "g";
    }

    public static String bytes(double b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", Math.ceil(b / (1L << 20)));
    }
}
