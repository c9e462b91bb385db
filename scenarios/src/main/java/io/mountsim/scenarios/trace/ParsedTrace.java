package io.mountsim.scenarios.trace;

import io.mountsim.models.workload.WorkloadSpec;
import java.util.List;

/**
 * The mount-path calls of an strace log, per thread in call order.
 *
 * @param source        the file as named to the user
 * @param threads       threads that made at least one mapped call, by thread id
 * @param skippedLines  lines that are not part of a mapped call (other syscalls,
 *                      signals, exits, strace's own messages)
 */
public record ParsedTrace(String source, List<WorkloadSpec.TraceThread> threads, int skippedLines) {
    public ParsedTrace {
        threads = List.copyOf(threads);
    }

    public int calls() {
        return threads.stream().mapToInt(t -> t.calls().size()).sum();
    }

    /** As a workload, with the scenario's remaining trace keys. */
    public WorkloadSpec.Trace toWorkload(double pathLookupsPerCpuPerSecond, double healthCheckTimeoutSeconds) {
        return new WorkloadSpec.Trace(source, threads, skippedLines, pathLookupsPerCpuPerSecond, healthCheckTimeoutSeconds);
    }
}
