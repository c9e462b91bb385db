package io.mountsim.models.workload;

import io.mountsim.models.kernel.SyscallKind;
import java.util.List;
import java.util.OptionalInt;

/**
 * What runs on the machine ({@code workload.kind}). Code that depends on the kind asks
 * the workload through {@link #accept(Visitor)}, which has one method per kind: a new kind
 * is a compile error wherever it is not handled, not a missed branch of a type test.
 */
public sealed interface WorkloadSpec {

    /** Seconds after which a start counts as failed. */
    double healthCheckTimeoutSeconds();

    /**
     * Whether the workload runs on the node's kernel beside what {@code node:} describes
     * (running containers, their mount lines, CPU load). Lockbench models one global lock
     * on its own and ignores the node.
     */
    boolean runsOnNode();

    /** Calls the visitor's method for this kind and returns its answer. */
    <R> R accept(Visitor<R> visitor);

    /** Something done differently for each kind of workload: one method per kind. */
    interface Visitor<R> {
        R containerStarts(ContainerStarts starts);

        R lockBench(LockBench bench);

        R trace(Trace trace);
    }

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
        @Override
        public boolean runsOnNode() {
            return true;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.containerStarts(this);
        }
    }

    /** Netflix's global-lock-bench: T threads, trylock + PAUSE on one global spinlock. */
    record LockBench(int threads, double criticalSectionNs, long iterationsPerThread,
                     double healthCheckTimeoutSeconds) implements WorkloadSpec {
        @Override
        public boolean runsOnNode() {
            return false;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.lockBench(this);
        }
    }

    /**
     * A replayed strace log: per thread, its calls in order, each with the layer count of
     * an overlay mount and its offset from the trace's first call (for concurrency).
     */
    record Trace(String source, List<TraceThread> threads, int skippedLines,
                 double pathLookupsPerCpuPerSecond,
                 double healthCheckTimeoutSeconds) implements WorkloadSpec {
        @Override
        public boolean runsOnNode() {
            return true;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.trace(this);
        }
    }

    record TraceThread(int tid, List<TraceCall> calls) {
    }

    record TraceCall(SyscallKind kind, int layers, long startOffsetNs) {
    }
}
