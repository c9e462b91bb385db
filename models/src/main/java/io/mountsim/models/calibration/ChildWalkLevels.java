package io.mountsim.models.calibration;

import io.mountsim.models.topology.MemoryHierarchy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A machine's memory hierarchy ({@link MemoryHierarchy}: all-core clock, L3 latency) from the
 * probe kit's child-walk-levels rows, by the rules {@link MemoryHierarchy} states for the
 * calibration host:
 * <ul>
 * <li>allCoreGhz: the {@code core-clock ghz=} row (a chain of dependent adds), measured;</li>
 * <li>the walk per child in L2: least-squares slope of {@code open_tree_us} over the rows with
 *     at most {@link #L2_KNEE} children; in L3: over {@link #L2_KNEE} to {@link #L3_TOP};</li>
 * <li>l3Ns: the calibration host's L3 latency x (this host's L3 slope - L2 slope) / the
 *     host's 3.6 ns: the model's own assumption read backwards (the exposed part of a child's
 *     walk is a fixed share of an L3 miss, {@link MemoryHierarchy#childWalkScale()}), derived.
 *     [est: the knee at 4,000 children assumes a 1 MiB L2 as on the calibration host.]
 *     A difference of two slopes is noisy: outside {@link #L3_MIN_NS}-{@link #L3_MAX_NS} ns
 *     the result is refused and l3Ns is the calibration host's 50 cycles at this host's clock
 *     [est], with a note saying so.</li>
 * </ul>
 */
public final class ChildWalkLevels {
    /** The last step whose children fit a 1 MiB L2 (about 230 bytes each; MemoryHierarchy). */
    public static final int L2_KNEE = 4000;
    /** The last step inside the calibration host's share of its L3 (MemoryHierarchy). */
    public static final int L3_TOP = 16000;
    /**
     * Plausible L3 load-to-use latencies [est]: published server L3s lie between about 10 ns
     * (Zen 3/4, about 50 cycles at 3.5-4 GHz) and about 35 ns (Intel's mesh L3s); a value
     * outside 5-60 ns is noise in the slope difference, not an L3.
     */
    public static final double L3_MIN_NS = 5;
    public static final double L3_MAX_NS = 60;
    /** The calibration host's L3 in cycles (MemoryHierarchy.CALIBRATION_HOST, Chips and Cheese). */
    private static final double CALIBRATION_L3_CYCLES = MemoryHierarchy.CALIBRATION_HOST.l3Ns()
            * MemoryHierarchy.CALIBRATION_HOST.allCoreGhz();

    /**
     * What the rows gave.
     *
     * @param memory        the clock and the L3 latency
     * @param l2NsPerChild  the walk per child in L2 (empty without two rows up to the knee)
     * @param l3NsPerChild  the walk per child in L3 (empty without two rows from the knee to 16,000)
     * @param provenance    where each number comes from, for the machine's source
     * @param note          set when l3Ns fell back to the estimate, and why
     */
    public record Result(MemoryHierarchy memory, Optional<Double> l2NsPerChild, Optional<Double> l3NsPerChild,
                         String provenance, Optional<String> note) {
    }

    private ChildWalkLevels() {
    }

    /** Empty when the results have no child-walk-levels section with a core-clock row. */
    public static Optional<Result> read(ProbeResults results) {
        Optional<Double> ghz = results.rows("child-walk-levels", "core-clock").stream()
                .map(r -> r.number("ghz")).flatMap(Optional::stream).filter(g -> g > 0).findFirst();
        if (ghz.isEmpty()) {
            return Optional.empty();
        }
        List<ProbeResults.Row> walk = results.rows("child-walk-levels", "child-walk");
        Optional<Double> l2 = slopeNs(walk, 0, L2_KNEE);
        Optional<Double> l3 = slopeNs(walk, L2_KNEE, L3_TOP);
        String src = shortName(results.source()) + " child-walk-levels";
        String clock = String.format(Locale.ROOT, "allCoreGhz %.3f measured (%s core-clock row)", ghz.get(), src);
        double fallback = CALIBRATION_L3_CYCLES / ghz.get();
        String estimate = String.format(Locale.ROOT, "l3Ns %.1f = the calibration host's %.0f cycles at this clock [est]",
                fallback, CALIBRATION_L3_CYCLES);
        if (l2.isEmpty() || l3.isEmpty()) {
            String note = "no child-walk rows in both the L2 (0-" + L2_KNEE + ") and the L3 (" + L2_KNEE + "-" + L3_TOP
                    + " children) regime; " + estimate;
            return Optional.of(new Result(new MemoryHierarchy(ghz.get(), fallback, clock + "; " + estimate), l2, l3,
                    clock + "; " + estimate, Optional.of(note)));
        }
        double exposed = l3.get() - l2.get();
        double derived = MemoryHierarchy.CALIBRATION_HOST.l3Ns() * exposed / MemoryHierarchy.HOST_L3_EXPOSED_NS_PER_CHILD;
        String slopes = String.format(Locale.ROOT, "walk per child %.1f ns in L2 (0-%d children), %.1f ns in L3 (%d-%d)",
                l2.get(), L2_KNEE, l3.get(), L2_KNEE, L3_TOP);
        if (derived >= L3_MIN_NS && derived <= L3_MAX_NS) {
            String prov = String.format(Locale.ROOT, "%s; l3Ns %.1f derived (%s: %s; the calibration host's %.1f ns x"
                    + " (L3 - L2 slope) / its %.1f ns, MemoryHierarchy's rule read backwards)", clock, derived, src, slopes,
                    MemoryHierarchy.CALIBRATION_HOST.l3Ns(), MemoryHierarchy.HOST_L3_EXPOSED_NS_PER_CHILD);
            return Optional.of(new Result(new MemoryHierarchy(ghz.get(), derived, prov), l2, l3, prov, Optional.empty()));
        }
        String note = String.format(Locale.ROOT, "%s: %s gives an L3 of %.1f ns, outside the plausible %.0f-%.0f ns"
                + " (the guest's share of the L3 or a noisy neighbour moved the slopes); %s", src, slopes, derived,
                L3_MIN_NS, L3_MAX_NS, estimate);
        String prov = clock + "; " + estimate + " (" + slopes + ": refused)";
        return Optional.of(new Result(new MemoryHierarchy(ghz.get(), fallback, prov), l2, l3, prov, Optional.of(note)));
    }

    /** ns per child: the least-squares slope of open_tree_us over the rows with from..to children. */
    private static Optional<Double> slopeNs(List<ProbeResults.Row> rows, int from, int to) {
        SimpleRegression line = new SimpleRegression();
        for (ProbeResults.Row r : rows) {
            Optional<Double> n = r.number("children");
            Optional<Double> us = r.number("open_tree_us");
            if (n.isPresent() && us.isPresent() && n.get() >= from && n.get() <= to) {
                line.addData(n.get(), us.get() * 1000);
            }
        }
        return line.getN() >= 2 ? Optional.of(line.getSlope()) : Optional.empty();
    }

    private static String shortName(String source) {
        int slash = source.lastIndexOf('/');
        return slash < 0 ? source : source.substring(slash + 1);
    }
}
