package io.mountsim.reports.data;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What a confidence half-width is called in the output files: after its level, so a run at
 * {@code run.confidence: 0.8} writes {@code startsPerSecond_ci80} and {@code "ci80"}, never a
 * {@code ci95} that is not one. At the default 0.95 the names are the contract's
 * ({@code _ci95}, {@code ci95}). The level is written as a percentage without trailing
 * zeros: 0.975 gives {@code ci97.5}.
 */
public final class ConfidenceName {

    /** The level's prefix, shared by the CSV suffix and the JSON key. */
    public static final String PREFIX = "ci";

    private ConfidenceName() {
    }

    /** "ci95" for 0.95, "ci80" for 0.8, "ci97.5" for 0.975. */
    public static String of(double confidence) {
        // 7 significant digits: 0.95 * 100 is 95.00000000000001 in binary floating point
        BigDecimal pct = new BigDecimal(confidence * 100).round(new MathContext(7)).stripTrailingZeros();
        return PREFIX + pct.toPlainString();
    }

    /** The results.csv column suffix: "_ci95". */
    public static String csvSuffix(double confidence) {
        return "_" + of(confidence);
    }

    /** "95%" for people. */
    public static String percent(double confidence) {
        return of(confidence).substring(PREFIX.length()) + "%";
    }
}
