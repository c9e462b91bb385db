package io.mountsim.reports.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one place numbers become text in output files, locale-independent so a German or
 * Turkish default locale cannot turn {@code 0.5} into {@code 0,5} and break scripts.
 */
public final class Numbers {

    /** Significant digits kept after the integer part in CSV cells (integer digits are never rounded). */
    public static final int CSV_SIGNIFICANT_DIGITS = 6;

    private static final double LARGEST_EXACT_INTEGER = 9_007_199_254_740_992.0; // 2^53

    private Numbers() {
    }

    /**
     * JSON number: integral values below 2^53 as plain integers ({@code 42}), everything else
     * as {@link Double#toString} (shortest form that parses back to the same double, so a
     * summary.json read back by {@code merge} loses nothing). NaN and infinities have no JSON
     * spelling and become {@code null}.
     */
    public static String json(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == 0) {
            return "0"; // also folds -0.0, which would otherwise print as "-0"
        }
        if (v == Math.rint(v) && Math.abs(v) < LARGEST_EXACT_INTEGER) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * CSV cell: plain decimal notation (never {@code 1.0E-5}), every integer digit kept and
     * {@value #CSV_SIGNIFICANT_DIGITS} significant digits otherwise, trailing zeros dropped.
     * NaN and infinities become an empty cell (the usual "no value" in spreadsheets and pandas).
     */
    public static String csv(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v);
        int integerDigits = Math.max(0, exact.precision() - exact.scale());
        int digits = Math.max(CSV_SIGNIFICANT_DIGITS, integerDigits);
        String text = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros()
                .toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /**
     * For people (HTML tables, chart labels): 3 significant digits, whole numbers from 1000
     * up, no thousands separator (so it reads the same in every locale).
     */
    public static String human(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1000) {
            return Long.toString(Math.round(v));
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN));
        String text = rounded.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /**
     * A number as a person wrote it: at most 10 significant digits, trailing zeros dropped, so
     * the binary noise of a computed value (3.1164000000000005) reads 3.1164.
     */
    public static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return human(v);
        }
        if (v == 0) {
            return "0";
        }
        String text = new BigDecimal(v).round(new MathContext(10, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /** A duration given in milliseconds, in the unit people read best: "850 ms", "41 s", "3.2 min". */
    public static String durationMs(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        double abs = Math.abs(ms);
        if (abs < 1) {
            return human(ms * 1000) + " µs";
        }
        if (abs < 1000) {
            return human(ms) + " ms";
        }
        if (abs < 120_000) {
            return human(ms / 1000) + " s";
        }
        return human(ms / 60_000) + " min";
    }

    /** A fraction (0.09) as a percentage for people ("9%", "3.8%", "0.4%", {@code "<0.1%"}). */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        double pct = fraction * 100;
        if (pct > 0 && pct < 0.1) {
            return "<0.1%";
        }
        if (Math.abs(pct) >= 10) {
            return Math.round(pct) + "%";
        }
        // one decimal below 10%: "3.8%", "4%"; more digits than that claims a precision the run lacks
        String text = new BigDecimal(pct).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return text + "%";
    }

    /** A relative change against a baseline, signed: "-87%", "+12%", "±0%". NaN when the baseline is 0. */
    public static String change(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline)) {
            return "n/a";
        }
        if (baseline == 0) {
            return value == 0 ? "±0%" : "n/a";
        }
        double pct = (value - baseline) / Math.abs(baseline) * 100;
        long rounded = Math.round(pct);
        if (rounded == 0) {
            return "±0%";
        }
        return (rounded > 0 ? "+" : "") + rounded + "%";
    }
}
