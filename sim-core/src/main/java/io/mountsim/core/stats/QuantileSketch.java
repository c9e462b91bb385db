package io.mountsim.core.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * Quantiles of a stream in bounded memory, with a stated relative error: the
 * logarithmic-bucket sketch of DDSketch (Masson, Rim and Lee, "DDSketch: a fast and
 * fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019, section 2).
 * A value x > 0 goes to bucket ceil(log_g(x)) with g = (1 + a) / (1 - a); a quantile is
 * answered with its bucket's centre 2 g^i / (g + 1), which is within a relative error a
 * of every value in the bucket, so within a x q of the exact nearest-rank quantile q.
 * Negative values are mirrored, zeros counted apart.
 *
 * <p>Memory: one counter per occupied bucket, about ln(max / min) / (2a) of them; start
 * latencies from 1 microsecond to 1 hour at a = 0.5% take at most 2,202. Deterministic:
 * the answer depends only on the values, not their order.
 */
public final class QuantileSketch {
    private final double relativeError;
    private final double logGamma;
    private final TreeMap<Integer, Long> positive = new TreeMap<>();
    private final TreeMap<Integer, Long> negative = new TreeMap<>();
    private long zeros;
    private long count;

    /** @param relativeError a in (0, 1): every quantile is within a relative a of the exact one */
    public QuantileSketch(double relativeError) {
        if (!(relativeError > 0 && relativeError < 1)) {
            throw new IllegalArgumentException("relative error must be in (0, 1): " + relativeError);
        }
        this.relativeError = relativeError;
        this.logGamma = Math.log((1 + relativeError) / (1 - relativeError));
    }

    public double relativeError() {
        return relativeError;
    }

    public void add(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a finite value: " + x);
        }
        count++;
        if (x == 0 || Math.abs(x) < Double.MIN_NORMAL) {
            zeros++;
        } else if (x > 0) {
            positive.merge(index(x), 1L, Long::sum);
        } else {
            negative.merge(index(-x), 1L, Long::sum);
        }
    }

    public long count() {
        return count;
    }

    /** Occupied buckets: the sketch's memory, in counters. */
    public int buckets() {
        return positive.size() + negative.size() + (zeros > 0 ? 1 : 0);
    }

    /**
     * The p-th percentile ({@code 0 < p <= 100}) by nearest rank, within the relative error: the
     * value of the bucket holding the ceil(p / 100 * n)-th smallest observation.
     */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = SampleSet.nearestRank(p, count);
        long seen = 0;
        for (Map.Entry<Integer, Long> e : negative.descendingMap().entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return -value(e.getKey());
            }
        }
        seen += zeros;
        if (seen >= rank) {
            return 0;
        }
        for (Map.Entry<Integer, Long> e : positive.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return value(e.getKey());
            }
        }
        return value(positive.lastKey()); // not reached: the counts add up to count
    }

    /**
     * Observations above {@code threshold}, counting a bucket whole when its value is above:
     * exact except for observations within the relative error of the threshold.
     */
    public long countAbove(double threshold) {
        long n = 0;
        for (Map.Entry<Integer, Long> e : positive.entrySet()) {
            if (value(e.getKey()) > threshold) {
                n += e.getValue();
            }
        }
        if (0 > threshold) {
            n += zeros;
        }
        for (Map.Entry<Integer, Long> e : negative.entrySet()) {
            if (-value(e.getKey()) > threshold) {
                n += e.getValue();
            }
        }
        return n;
    }

    private int index(double magnitude) {
        return (int) Math.ceil(Math.log(magnitude) / logGamma);
    }

    /** The bucket's centre 2 g^i / (g + 1): within the relative error of all of (g^(i-1), g^i]. */
    private double value(int index) {
        double gamma = Math.exp(logGamma);
        return 2 * Math.exp(index * logGamma) / (gamma + 1);
    }
}
