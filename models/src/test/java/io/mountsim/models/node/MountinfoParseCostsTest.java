package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** PID 1's parse costs are the fits through the probe's raw rows (calibration/epyc-2core/mountinfo-parse.txt). */
class MountinfoParseCostsTest {
    private static final Pattern ROW = Pattern.compile(
            "mountinfo-parse kind=(\\S+) mounts=(\\d+) lines=(\\d+) .*? user_us=(-?[\\d.]+)");

    private static Map<String, SimpleRegression> fits() throws IOException {
        String text;
        try (InputStream in = MountinfoParseCostsTest.class.getResourceAsStream("/calibration/epyc-2core/mountinfo-parse.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, SimpleRegression> byKind = new HashMap<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            String kind = m.group(1);
            int mounts = Integer.parseInt(m.group(2));
            // the large tables: small ones are dominated by libmount's fixed costs (utab, setup)
            if (mounts >= (kind.equals("bind") ? 1000 : 100)) {
                byKind.computeIfAbsent(kind, k -> new SimpleRegression())
                        .addData(Integer.parseInt(m.group(3)), Double.parseDouble(m.group(4)) * 1000);
            }
        }
        return byKind;
    }

    @Test
    void perLineCostIsTheSlopeOfTheBindRows() throws IOException {
        SimpleRegression bind = fits().get("bind");
        assertEquals(5, bind.getN());
        assertTrue(bind.getRSquare() > 0.99, "a line fits: r^2 " + bind.getRSquare());
        assertEquals(bind.getSlope(), Pid1Config.MEASURED_PARSE_NS_PER_LINE, 0.03 * bind.getSlope());
    }

    @Test
    void perLowerdirCostIsTheDifferenceOfTheOverlaySlopes() throws IOException {
        Map<String, SimpleRegression> fits = fits();
        double perLowerdir = (fits.get("overlay:50").getSlope() - fits.get("overlay:1").getSlope()) / 49;
        assertEquals(perLowerdir, Pid1Config.MEASURED_PARSE_NS_PER_LOWERDIR, 0.03 * perLowerdir);
    }
}
