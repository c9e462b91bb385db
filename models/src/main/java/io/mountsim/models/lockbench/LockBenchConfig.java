package io.mountsim.models.lockbench;

import io.mountsim.models.workload.WorkloadSpec;

/**
 * One lock microbenchmark run: T threads, each doing {@code iterationsPerThread}
 * critical sections of {@code criticalSectionNs} under one global spinlock.
 *
 * @param thinkNsMean        mean exponential time a thread spends outside the lock between
 *                           critical sections; 0 = none (global-lock-bench retries at once)
 * @param grantOrder         test-and-set (the benchmark) or ticket (the paper's lock)
 */
public record LockBenchConfig(int threads, double criticalSectionNs, long iterationsPerThread,
                              double thinkNsMean, GrantOrder grantOrder) {
    public LockBenchConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(criticalSectionNs >= 0)) {
            throw new IllegalArgumentException("criticalSectionNs must be >= 0, got " + criticalSectionNs);
        }
        if (iterationsPerThread < 1) {
            throw new IllegalArgumentException("iterationsPerThread must be at least 1, got " + iterationsPerThread);
        }
        if (!(thinkNsMean >= 0)) {
            throw new IllegalArgumentException("thinkNsMean must be >= 0, got " + thinkNsMean);
        }
    }

    /** Netflix's benchmark as the scenario gives it: no think time, test-and-set. */
    public static LockBenchConfig of(WorkloadSpec.LockBench spec) {
        return new LockBenchConfig(spec.threads(), spec.criticalSectionNs(), spec.iterationsPerThread(), 0,
                GrantOrder.TEST_AND_SET);
    }

    public long criticalSections() {
        return threads * iterationsPerThread;
    }
}
