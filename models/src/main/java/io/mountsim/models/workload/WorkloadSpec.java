package io.mountsim.models.workload;

import io.mountsim.models.kernel.SyscallKind;
import java.util.List;
import java.util.OptionalInt;

/** What runs on the machine ({@code workload.kind}). */
public sealed interface WorkloadSpec {

    /** Seconds after which a start counts as failed. */
    double healthCheckTimeoutSeconds();

    /**
     * Container starts building idmapped overlay root filesystems.
     *
     * @param maxConcurrentStarts empty = unlimited
     */
    record ContainerStarts(int containers,
                           LayerCount layers,
                           Arrival arrival,
                           OptionalInt maxConcurrentStarts,
                           double pathLookupsPerCpuPerSecond,
                           double healthCheckTimeoutSeconds) implements WorkloadSpec {
    }

    /** Netflix's global-lock-bench: T threads, trylock + PAUSE on one global spinlock. */
    record LockBench(int threads, double criticalSectionNs, long iterationsPerThread,
                     double healthCheckTimeoutSeconds) implements WorkloadSpec {
    }

    /**
     * A replayed strace log: per thread, its calls in order, each with the layer count of
     * an overlay mount and its offset from the trace's first call (for concurrency).
     */
    record Trace(String source, List<TraceThread> threads, int skippedLines,
                 double pathLookupsPerCpuPerSecond,
                 double healthCheckTimeoutSeconds) implements WorkloadSpec {
    }

    record TraceThread(int tid, List<TraceCall> calls) {
    }

    record TraceCall(SyscallKind kind, int layers, long startOffsetNs) {
    }
}
