package io.mountsim.models.calibration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * PID 1's user-space parse of mountinfo (systemd's libmount_parse(): libmount's
 * mnt_table_parse_mtab()) from the probe kit's mountinfo-parse rows, by the rules behind
 * {@code Pid1Config.MEASURED_PARSE_NS_PER_LINE} and {@code ..._PER_LOWERDIR} (the test
 * MountinfoParseCostsTest recomputes those from calibration/epyc-2core/mountinfo-parse.txt):
 * <ul>
 * <li>per line: least-squares slope of {@code user_us} in {@code lines}, kind=bind rows with at
 *     least {@link #BIND_FROM} mounts (smaller tables are dominated by libmount's fixed costs);</li>
 * <li>per lowerdir: the same slope for the overlay:L rows with at least {@link #OVERLAY_FROM}
 *     mounts, at the largest and the smallest L; their difference / the difference of L.</li>
 * </ul>
 * The profile file has no watcher section (a profile is a machine and a kernel), so these are
 * reported, not written: a scenario takes them as watchers.systemd.parseNsPerLine and
 * parseNsPerLowerdir.
 */
public final class MountinfoParseCosts {
    public static final int BIND_FROM = 1000;
    public static final int OVERLAY_FROM = 100;

    /** One measured cost and where it comes from. */
    public record Cost(String key, double ns, String provenance) {
        public String describe() {
            return String.format(Locale.ROOT, "watchers.systemd.%s = %.0f ns (measured: %s)", key, ns, provenance);
        }
    }

    private MountinfoParseCosts() {
    }

    /** The costs the rows hold, per line first; empty without mountinfo-parse rows enough for a slope. */
    public static List<Cost> read(ProbeResults results) {
        List<ProbeResults.Row> rows = results.rows("mountinfo-parse", "mountinfo-parse");
        String src = shortName(results.source()) + " mountinfo-parse";
        TreeMap<Integer, SimpleRegression> overlays = new TreeMap<>();
        SimpleRegression bind = new SimpleRegression();
        for (ProbeResults.Row r : rows) {
            String kind = r.values().getOrDefault("kind", "");
            Optional<Double> mounts = r.number("mounts");
            Optional<Double> lines = r.number("lines");
            Optional<Double> us = r.number("user_us");
            if (mounts.isEmpty() || lines.isEmpty() || us.isEmpty()) {
                continue;
            }
            if (kind.equals("bind") && mounts.get() >= BIND_FROM) {
                bind.addData(lines.get(), us.get() * 1000);
            } else if (kind.matches("overlay:[1-9][0-9]*") && mounts.get() >= OVERLAY_FROM) {
                overlays.computeIfAbsent(Integer.parseInt(kind.substring("overlay:".length())), k -> new SimpleRegression())
                        .addData(lines.get(), us.get() * 1000);
            }
        }
        List<Cost> out = new java.util.ArrayList<>();
        if (bind.getN() >= 2) {
            out.add(new Cost("parseNsPerLine", bind.getSlope(), String.format(Locale.ROOT, "%s kind=bind rows with >= %d"
                    + " mounts: least-squares slope of user_us in lines, %d rows", src, BIND_FROM, bind.getN())));
        }
        overlays.values().removeIf(f -> f.getN() < 2);
        if (overlays.size() >= 2) {
            int low = overlays.firstKey();
            int high = overlays.lastKey();
            double perLowerdir = (overlays.get(high).getSlope() - overlays.get(low).getSlope()) / (high - low);
            out.add(new Cost("parseNsPerLowerdir", perLowerdir, String.format(Locale.ROOT, "%s kind=overlay:%d and"
                    + " overlay:%d rows with >= %d mounts: (slope of user_us in lines at %d lowerdirs - at %d) / %d",
                    src, high, low, OVERLAY_FROM, high, low, high - low)));
        }
        return List.copyOf(out);
    }

    private static String shortName(String source) {
        int slash = source.lastIndexOf('/');
        return slash < 0 ? source : source.substring(slash + 1);
    }
}
