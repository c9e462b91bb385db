package io.mountsim.core.stats;

/**
 * Time-weighted average of a piecewise-constant quantity (a queue length, busy units),
 * over simulated nanoseconds. Call {@link #update} whenever the value changes.
 */
public final class TimeWeighted {
    private long startNs;
    private long lastNs;
    private double value;
    private double area;
    private double max;

    public TimeWeighted(long startNs, double initial) {
        this.startNs = startNs;
        this.lastNs = startNs;
        this.value = initial;
        this.max = initial;
    }

    public void update(long nowNs, double newValue) {
        if (nowNs < lastNs) {
            throw new IllegalArgumentException("time went backwards: " + nowNs + " < " + lastNs);
        }
        area += value * (nowNs - lastNs);
        lastNs = nowNs;
        value = newValue;
        if (newValue > max) {
            max = newValue;
        }
    }

    /**
     * Forgets everything before {@code nowNs} (warm-up deletion): the average and the
     * maximum restart from the current value, which is kept.
     */
    public void restart(long nowNs) {
        if (nowNs < lastNs) {
            throw new IllegalArgumentException("time went backwards: " + nowNs + " < " + lastNs);
        }
        startNs = nowNs;
        lastNs = nowNs;
        area = 0;
        max = value;
    }

    public void add(long nowNs, double delta) {
        update(nowNs, value + delta);
    }

    public double current() {
        return value;
    }

    public double max() {
        return max;
    }

    /** Integral of the value from the start up to {@code nowNs} (value x ns). */
    public double area(long nowNs) {
        return area + value * Math.max(0, nowNs - lastNs);
    }

    /** Average over [start, nowNs]; the current value when no time has passed. */
    public double average(long nowNs) {
        long span = nowNs - startNs;
        return span <= 0 ? value : area(nowNs) / span;
    }
}
