package io.mountsim.core.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent replications, in parallel when asked. Each replication draws only
 * from its own random substreams (see {@link io.mountsim.core.random.RandomStreams}), so
 * the results, returned in replication order, are identical to a sequential run.
 */
public final class Replications {

    private Replications() {
    }

    /** Number of worker threads to use by default: every core. */
    public static int defaultParallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code replication.apply(k)} for k = 0..count-1 on up to {@code parallelism}
     * threads and returns the results in index order. An exception in any replication is
     * rethrown (unwrapped when it is unchecked).
     */
    public static <R> List<R> run(int count, IntFunction<R> replication, int parallelism) {
        if (count < 0) {
            throw new IllegalArgumentException("negative replication count: " + count);
        }
        int threads = Math.max(1, Math.min(parallelism, count));
        if (threads == 1) {
            List<R> out = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                out.add(replication.apply(k));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "replication");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                final int index = k;
                futures.add(pool.submit(() -> replication.apply(index)));
            }
            List<R> out = new ArrayList<>(count);
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running replications", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
