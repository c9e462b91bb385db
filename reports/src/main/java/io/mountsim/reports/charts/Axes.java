package io.mountsim.reports.charts;

import io.mountsim.reports.text.MetricLabels;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Value axes and unit choices shared by the charts. */
final class Axes {

    /** A range wider than this ratio (two decades) is unreadable on a linear axis. */
    static final double LOG_RATIO = 100;

    private Axes() {
    }

    /** Log axis when every value is positive and they span more than two decades, else a linear one. */
    static ValueAxis value(String label, double[] values) {
        double minPositive = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean allPositive = true;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v <= 0) {
                allPositive = false;
            } else {
                minPositive = Math.min(minPositive, v);
            }
            max = Math.max(max, v);
        }
        if (allPositive && minPositive < Double.POSITIVE_INFINITY && max / minPositive > LOG_RATIO) {
            LogAxis log = new LogAxis(label);
            log.setBase(10);
            log.setSmallestValue(minPositive / 2);
            log.setNumberFormatOverride(plainFormat());
            // ticks only at powers of ten: 0.01, 0.1, 1, 10 read at a glance, 3.162 does not
            log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            return log;
        }
        return linear(label);
    }

    /** A linear axis from zero with locale-independent tick labels. */
    static NumberAxis linear(String label) {
        NumberAxis linear = new NumberAxis(label);
        linear.setAutoRangeIncludesZero(true);
        linear.setStandardTickUnits(new NumberTickUnitSource(false, plainFormat()));
        return linear;
    }

    static boolean isLog(ValueAxis axis) {
        return axis instanceof LogAxis;
    }

    /** Tick labels without exponents or locale-specific separators. */
    static DecimalFormat plainFormat() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /**
     * A display unit for a metric: millisecond metrics switch to seconds once values reach
     * ten seconds, so a 41 s p99 reads as 41, not 41000.
     */
    record Unit(double factor, String label) {
        double apply(double v) {
            return v * factor;
        }
    }

    static Unit unit(String metric, double maxAbs) {
        if (MetricLabels.isMilliseconds(metric) && maxAbs >= 10_000) {
            return new Unit(1e-3, "s");
        }
        return new Unit(1, MetricLabels.of(metric).unit());
    }

    static String axisLabel(String metric, Unit unit) {
        String d = MetricLabels.of(metric).description();
        return unit.label().isEmpty() ? d : d + " (" + unit.label() + ")";
    }

    /** Milliseconds axis unit for latencies drawn directly (CDF). */
    static Unit latencyUnit(double maxMs) {
        return maxMs >= 10_000 ? new Unit(1e-3, "s") : new Unit(1, "ms");
    }
}
