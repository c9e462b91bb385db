package io.mountsim.models.lockbench;

/**
 * The analytic model of a ticket (or any non-scalable, all-poll-one-line) spinlock from
 * "Non-scalable locks are dangerous" (Boyd-Wickizer, Kaashoek, Morris, Zeldovich, Linux
 * Symposium 2012, section 3).
 *
 * <p>A birth-death Markov chain over k = the number of cores holding or waiting for the
 * lock, k = 0..n. A core outside the lock tries to acquire it after an exponential time
 * of mean {@code 1/a} (its non-critical work), so arrivals in state k come at rate
 * {@code a_k = (n - k) a}. A lock period in state k takes the serial section s plus the
 * handoff: the home directory answers the k waiters' requests one at a time and the next
 * holder is on average half way through them, so {@code s_k = 1 / (s + c k / 2)}.
 * Balance {@code P_k a_k = P_{k+1} s_{k+1}} gives
 * {@code P_k = P_0 prod_{i=0}^{k-1} a_i / s_{i+1}}, normalized to sum 1.
 *
 * <p>Throughput is the release rate {@code sum_k P_k s_k} (equal to the arrival rate
 * {@code a sum_k P_k (n - k)}); the paper's "speedup" is the expected number of cores
 * doing non-serial work, {@code sum_k P_k (n - k)}. The products are kept in logarithms,
 * so hundreds of cores do not overflow.
 *
 * @param thinkNs            mean time a core spends outside the lock between acquisitions (1/a)
 * @param serialNs           time inside the critical section (s)
 * @param perRequestNs       time the home takes to answer one cache-line request (c)
 */
public record TicketLockMarkovModel(double thinkNs, double serialNs, double perRequestNs) {

    public TicketLockMarkovModel {
        if (!(thinkNs > 0 && serialNs >= 0 && perRequestNs >= 0)) {
            throw new IllegalArgumentException("thinkNs must be > 0, serialNs and perRequestNs >= 0");
        }
    }

    /** Mean duration of a lock period with k cores holding or waiting (1 / s_k). */
    public double servicePeriodNs(int k) {
        return serialNs + perRequestNs * k / 2.0;
    }

    /** Stationary distribution P_0..P_n for n cores. */
    public double[] stationary(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        double a = 1.0 / thinkNs;
        double[] logWeight = new double[cores + 1];
        double max = 0;
        for (int k = 1; k <= cores; k++) {
            // P_k / P_{k-1} = a_{k-1} / s_k = (n - k + 1) a (s + c k / 2)
            logWeight[k] = logWeight[k - 1] + Math.log((cores - k + 1) * a * servicePeriodNs(k));
            max = Math.max(max, logWeight[k]);
        }
        double sum = 0;
        double[] p = new double[cores + 1];
        for (int k = 0; k <= cores; k++) {
            p[k] = Math.exp(logWeight[k] - max);
            sum += p[k];
        }
        for (int k = 0; k <= cores; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** Lock acquisitions per second with n cores. */
    public double acquisitionsPerSecond(int cores) {
        double[] p = stationary(cores);
        double perNs = 0;
        for (int k = 1; k <= cores; k++) {
            perNs += p[k] / servicePeriodNs(k);
        }
        return perNs * 1e9;
    }

    /** Expected number of cores outside the lock (the paper's speedup over one core). */
    public double speedup(int cores) {
        double[] p = stationary(cores);
        double s = 0;
        for (int k = 0; k <= cores; k++) {
            s += p[k] * (cores - k);
        }
        return s;
    }

    /** Expected number of cores holding or waiting. */
    public double meanContenders(int cores) {
        double[] p = stationary(cores);
        double s = 0;
        for (int k = 0; k <= cores; k++) {
            s += p[k] * k;
        }
        return s;
    }
}
