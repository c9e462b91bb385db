package io.mountsim.reports.charts;

import io.mountsim.reports.text.DisplayUnit;
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

    /** The unit a metric's values are drawn in (see {@link MetricLabels#displayUnit}). */
    static DisplayUnit unit(String metric, double maxAbs) {
        return MetricLabels.displayUnit(metric, maxAbs);
    }

    static String axisLabel(String metric, DisplayUnit unit) {
        String d = MetricLabels.of(metric).description();
        return unit.label().isEmpty() ? d : d + " (" + unit.label() + ")";
    }

    /** Milliseconds axis unit for latencies drawn directly (CDF). */
    static DisplayUnit latencyUnit(double maxMs) {
        return DisplayUnit.forTime("ms", maxMs);
    }
}
