package io.mountsim.scenarios;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.Timeline;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.scenarios.run.ReplicationModel;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for the kernel model: its numbers depend only on the spec's
 * text, the seed and the replication, like the real model's must. Counts its calls.
 */
public final class FakeModel implements ReplicationModel {
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public ReplicationOutcome run(SimulationSpec spec, long seed, int replication, boolean withTimeline) {
        calls.incrementAndGet();
        SplittableRandom r = new SplittableRandom(spec.toString().hashCode() * 1_000_003L + seed * 7919L + replication);
        int starts = spec.workload() instanceof WorkloadSpec.ContainerStarts c ? Math.min(c.containers(), 200) : 10;
        double[] latencies = new double[starts];
        for (int i = 0; i < starts; i++) {
            latencies[i] = 1 + r.nextDouble() * 100;
        }
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.STARTS_PER_SECOND, 100 + r.nextDouble() * 50);
        m.put(MetricNames.START_LATENCY_MS_P50, 10 + r.nextDouble());
        m.put(MetricNames.START_LATENCY_MS_P95, 20 + r.nextDouble());
        m.put(MetricNames.START_LATENCY_MS_P99, 30 + r.nextDouble());
        m.put(MetricNames.FAILED_STARTS, (double) r.nextInt(3));
        return ReplicationOutcome.builder().metrics(m).events(1000 + replication).startLatenciesMs(latencies)
                .cpu(new CpuBreakdown(0.5, 0.2, 0.3, 0)).fingerprint(seed).build();
    }
}
