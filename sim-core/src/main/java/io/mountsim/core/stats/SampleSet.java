package io.mountsim.core.stats;

import java.util.Arrays;

/**
 * Keeps every observation so percentiles are exact (nearest-rank on the sorted
 * sample), up to {@value #EXACT_LIMIT} observations: 8 bytes each, a run of 20,000 starts
 * costs 160 kB. Past that (a storm of millions of starts) the observations move into a
 * {@link QuantileSketch} with relative error {@value #SKETCH_RELATIVE_ERROR}, whose memory
 * no longer grows with the count; the mean and maximum stay exact. Below the limit nothing
 * changes, so results of ordinary runs are identical to before.
 */
public final class SampleSet {
    /** Observations kept exactly (8 MiB); beyond, quantiles come from the sketch. */
    public static final int EXACT_LIMIT = 1 << 20;
    /** The sketch's relative error: p99 of 2,000 ms is reported within 10 ms. */
    public static final double SKETCH_RELATIVE_ERROR = 0.005;

    private double[] values = new double[16];
    private int size;
    private boolean sorted = true;
    private QuantileSketch sketch;
    private long sketchCount;
    private double sketchSum;
    private double sketchMax = Double.NEGATIVE_INFINITY;

    /** Whether percentiles are exact (false once more than {@value #EXACT_LIMIT} observations came). */
    public boolean exact() {
        return sketch == null;
    }

    public void add(double x) {
        if (sketch != null) {
            addToSketch(x);
            return;
        }
        if (size == EXACT_LIMIT) {
            sketch = new QuantileSketch(SKETCH_RELATIVE_ERROR);
            for (int i = 0; i < size; i++) {
                addToSketch(values[i]);
            }
            values = new double[0];
            size = 0;
            addToSketch(x);
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && x < values[size - 1]) {
            sorted = false;
        }
        values[size++] = x;
    }

    private void addToSketch(double x) {
        sketch.add(x);
        sketchCount++;
        sketchSum += x;
        sketchMax = Math.max(sketchMax, x);
    }

    public int size() {
        return sketch != null ? (int) Math.min(Integer.MAX_VALUE, sketchCount) : size;
    }

    /**
     * The p-th percentile ({@code 0 < p <= 100}) by the nearest-rank definition: the smallest
     * observation such that at least p% of observations are at or below it. Exact.
     */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sketch != null) {
            return sketch.percentile(p);
        }
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        return values[nearestRank(p, size) - 1];
    }

    /**
     * ceil(p / 100 * n), computed so that rounding cannot push an exact product past an
     * integer: in doubles 28 / 100.0 * 25 is 7.000000000000001, whose ceiling (8) would
     * pick the wrong observation. Products within a relative 1e-9 of an integer are
     * taken as that integer (p is given in decimal, so that is what it meant).
     */
    static int nearestRank(double p, int n) {
        return (int) nearestRank(p, (long) n);
    }

    static long nearestRank(double p, long n) {
        double x = p / 100.0 * n;
        double nearest = Math.rint(x);
        double rank = Math.abs(x - nearest) <= 1e-9 * Math.max(1, x) ? nearest : Math.ceil(x);
        return (long) Math.max(1, Math.min(n, rank));
    }

    public double max() {
        if (sketch != null) {
            return sketchMax;
        }
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        return values[size - 1];
    }

    public double mean() {
        if (sketch != null) {
            return sketchSum / sketchCount;
        }
        if (size == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += values[i];
        }
        return s / size;
    }

    /**
     * Number of observations strictly greater than {@code threshold}; past the exact limit,
     * observations within the sketch's relative error of the threshold may be miscounted.
     */
    public long countAbove(double threshold) {
        if (sketch != null) {
            return sketch.countAbove(threshold);
        }
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (values[i] > threshold) {
                n++;
            }
        }
        return n;
    }

    /** A copy of the observations in ascending order. */
    public double[] sortedValues() {
        if (sketch != null) {
            throw new IllegalStateException("more than " + EXACT_LIMIT + " observations: only quantiles are kept");
        }
        sort();
        return Arrays.copyOf(values, size);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
