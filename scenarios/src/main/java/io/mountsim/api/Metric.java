package io.mountsim.api;

import io.mountsim.core.results.MetricSummary;

/**
 * One metric of one point across its replications: the mean and the half-width of its
 * Student-t confidence interval, as in the {@code <metric>} and {@code <metric>_ci95}
 * columns of results.csv.
 *
 * @param name       the metric's column name, e.g. {@code startLatencyMsP99}
 * @param mean       the mean over replications
 * @param halfWidth  the half-width of the confidence interval of the mean (0 with one
 *                   replication)
 * @param confidence the interval's confidence level, e.g. 0.95
 * @param min        the smallest replication value
 * @param max        the largest replication value
 * @param n          the number of replications that produced the metric
 */
public record Metric(String name, double mean, double halfWidth, double confidence, double min, double max, int n) {

    static Metric of(String name, MetricSummary s, double confidence) {
        return new Metric(name, s.mean(), s.ci95(), confidence, s.min(), s.max(), s.n());
    }

    /**
     * The interval's lower end.
     *
     * @return {@code mean - halfWidth}
     */
    public double lower() {
        return mean - halfWidth;
    }

    /**
     * The interval's upper end.
     *
     * @return {@code mean + halfWidth}
     */
    public double upper() {
        return mean + halfWidth;
    }
}
