package io.mountsim.scenarios.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The one command that regenerates scenarios/VALIDATION.md's numbers and the calibration
 * charts in scenarios/validation/ against the installed model (skipped in normal builds):
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -q -o install -DskipTests \
 *   &amp;&amp; mvn -B -q -o -pl scenarios test -Dtest=RegenerateValidation -Dmountsim.validation.regenerate=true
 * </pre>
 */
class RegenerateValidation {
    @Test
    @EnabledIfSystemProperty(named = "mountsim.validation.regenerate", matches = "true")
    void regenerateValidationDocument() throws IOException {
        Path module = ValidationRuns.MODULE_DIR.toAbsolutePath();
        ValidationReport.regenerate(module);
        String doc = Files.readString(module.resolve("VALIDATION.md"));
        assertTrue(doc.contains("| 9 |") && doc.contains("| C |"), "every finding and the calibration are in the table");
    }
}
