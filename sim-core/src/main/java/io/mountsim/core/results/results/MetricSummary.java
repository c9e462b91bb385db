package io.mountsim.core.results;

import io.mountsim.core.stats.ConfidenceInterval;

/**
 * One metric of one sweep point across replications: the mean, the half-width of its
 * confidence interval (Student t), and the extremes. {@code ci95} is named after the
 * output contract's column suffix; it holds the half-width at the run's confidence level
 * (0.95 unless the scenario says otherwise).
 */
public record MetricSummary(double mean, double ci95, double min, double max, int n) {

    /** Summarises replication values; a single value has a zero half-width. */
    public static MetricSummary of(double[] values, double confidence) {
        if (values.length == 0) {
            return new MetricSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        ConfidenceInterval ci = ConfidenceInterval.ofMean(values, confidence);
        return new MetricSummary(ci.mean(), ci.halfWidth(), min, max, values.length);
    }

    public double lower() {
        return mean - ci95;
    }

    public double upper() {
        return mean + ci95;
    }
}
