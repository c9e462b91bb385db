package io.mountsim.scenarios.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.topology.EstimatedParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 15's sensitivity table: every verdict of VALIDATION.md re-run with each estimated
 * hardware or busy-node parameter ({@link EstimatedParameter}) at x0.5 and at x2, one at a time, and the
 * verdicts that flip listed in VALIDATION.md between the sensitivity markers. A finding
 * that flips under a factor of two of an estimate is reported as fragile. Slow (seventeen
 * full validations, about 15 minutes on 2 CPUs), so skipped in normal builds:
 * <pre>
 * mvn -B -q -o -pl scenarios -am test -Dtest=Sensitivity -Dmountsim.validation.sensitivity=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class Sensitivity {
    static final String BEGIN = "<!-- sensitivity:begin - the Sensitivity tool rewrites everything down to sensitivity:end -->";
    static final String END = "<!-- sensitivity:end -->";
    private static final double[] FACTORS = {0.5, 2};

    @Test
    @EnabledIfSystemProperty(named = "mountsim.validation.sensitivity", matches = "true")
    void writeTheSensitivityTable() throws IOException {
        Map<String, Verdict> baseline = verdicts();
        StringBuilder table = new StringBuilder();
        table.append("| estimated parameter | x0.5 | x2 |\n|---|---|---|\n");
        Map<String, List<String>> fragile = new LinkedHashMap<>();
        for (EstimatedParameter p : EstimatedParameter.values()) {
            table.append("| ").append(p.description());
            for (double f : FACTORS) {
                Map<String, Verdict> scaled = p.withScaled(f, Sensitivity::verdicts);
                List<String> flips = new ArrayList<>();
                baseline.forEach((finding, v) -> {
                    Verdict now = scaled.get(finding);
                    if (now != v) {
                        flips.add(finding + ": " + v.label() + " -> " + now.label());
                        fragile.computeIfAbsent(finding, k -> new ArrayList<>()).add(p.name() + " x" + f);
                    }
                });
                table.append(" | ").append(flips.isEmpty() ? "no verdict flips" : String.join("; ", flips));
            }
            table.append(" |\n");
        }
        StringBuilder section = new StringBuilder(BEGIN).append("\n\n");
        section.append("Verdicts of the model as shipped: ");
        List<String> base = new ArrayList<>();
        baseline.forEach((f, v) -> base.add(f + " " + v.label()));
        section.append(String.join(", ", base)).append(".\n\n").append(table).append('\n');
        if (fragile.isEmpty()) {
            section.append("No verdict flips under any estimate at x0.5 or x2.\n");
        } else {
            section.append("Fragile (the verdict holds only within a factor of two of an estimate):\n");
            fragile.forEach((f, ps) -> section.append("- ").append(f).append(": flips under ")
                    .append(String.join(", ", ps)).append('\n'));
        }
        section.append('\n').append(END);
        Path doc = ValidationRuns.MODULE_DIR.toAbsolutePath().resolve("VALIDATION.md");
        String text = Files.readString(doc);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertTrue(b >= 0 && e > b, "VALIDATION.md has the sensitivity markers");
        Files.writeString(doc, text.substring(0, b) + section + text.substring(e + END.length()));
    }

    /** Every finding's verdict and the calibration's, against a fresh run cache. */
    private static Map<String, Verdict> verdicts() {
        ValidationRuns runs = new ValidationRuns();
        Map<String, Verdict> v = new LinkedHashMap<>();
        for (NetflixFinding f : NetflixFinding.values()) {
            v.put("finding " + f.id(), f.evaluate(runs).verdict());
        }
        v.put("calibration", CalibrationComparison.run(runs).evaluate().verdict());
        return v;
    }
}
