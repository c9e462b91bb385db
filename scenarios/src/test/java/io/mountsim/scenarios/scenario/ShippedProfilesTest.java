package io.mountsim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.calibration.CalibrationFit;
import io.mountsim.models.calibration.HostCalibration;
import io.mountsim.models.calibration.HostProfile;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.calibration.ProfileFields;
import io.mountsim.models.calibration.Provenance;
import io.mountsim.models.calibration.ShippedProfiles;
import io.mountsim.models.kernel.KernelProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.diag.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped profile files (scenarios/profiles/) against the one declaration of each
 * number, KernelProfiles' constants: a file that drifts from the constants fails here.
 * Regenerate them with {@code -Dmountsim.regenerateProfiles=true}.
 */
class ShippedProfilesTest {
    static final Path DIR = Path.of("profiles");
    static final List<String> COMMENTS = List.of(
            "shipped with mountsim: every number is KernelProfiles' constant (models/.../calibration/KernelProfiles.java),",
            "checked by ShippedProfilesTest; its provenance says where it comes from");

    @Test
    void everyShippedProfileFileHoldsTheConstantsWithTheirProvenance() throws IOException {
        boolean regenerate = Boolean.getBoolean("mountsim.regenerateProfiles");
        for (Map.Entry<String, HostProfile> e : ShippedProfiles.all().entrySet()) {
            Path file = DIR.resolve(e.getKey() + ".yaml");
            String expected = ProfileYaml.write(e.getValue(), COMMENTS);
            if (regenerate) {
                Files.writeString(file, expected, StandardCharsets.UTF_8);
            }
            assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), file + " differs from the constants");
            HostProfile read = ProfileYaml.read(file);
            assertEquals(e.getValue().kernel(), read.kernel(), file + " read back");
            assertEquals(e.getValue().machine().hardwareThreads(), read.machine().hardwareThreads());
        }
    }

    @Test
    void theStudyMachinesReadBackAsTheProfileTheirPresetGets() {
        for (String name : ShippedProfiles.STUDY_MACHINES) {
            HostProfile read = ProfileYaml.read(DIR.resolve(name + ".yaml"));
            assertEquals(KernelProfiles.NITRO, read.kernel(), name);
            assertEquals(name, read.machine().name());
        }
    }

    /**
     * The constants' stated rules, run by calibrate on the calibration host's own data,
     * give the constants back: every measured or derived number within 0.5% (the constants
     * are rounded), so the rules written beside them are the rules in use.
     */
    @Test
    void calibratingTheCalibrationHostsDataGivesBackItsMeasuredAndDerivedNumbers() {
        HostProfile shipped = ShippedProfiles.epyc2core();
        KernelProfile calibrated = HostCalibration.calibrate(ShippedProfiles.epyc2coreResults(),
                CalibrationFit.epyc2coreMachine(), "x").profile().kernel();
        Map<String, Object> want = ProfileFields.values(shipped.kernel());
        Map<String, Object> got = ProfileFields.values(calibrated);
        int checked = 0;
        for (String key : want.keySet()) {
            Provenance.Method m = shipped.provenance().get(key).method();
            if (m != Provenance.Method.MEASURED && m != Provenance.Method.DERIVED || !(want.get(key) instanceof Double w)) {
                continue;
            }
            double g = ((Number) got.get(key)).doubleValue();
            assertEquals(w, g, 0.005 * Math.abs(w), key);
            checked++;
        }
        assertTrue(checked >= 14, "measured or derived numbers checked: " + checked);
    }

    /** Each file of scenarios/profiles/ is a built-in profile, and the jar holds it unchanged. */
    @Test
    void theJarShipsEveryProfileFileUnchangedUnderItsName() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(DIR)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .forEach(n -> files.add(n.substring(0, n.length() - ".yaml".length())));
        }
        assertEquals(files, new TreeSet<>(BuiltinProfiles.NAMES), "BuiltinProfiles.NAMES against " + DIR);
        for (String name : BuiltinProfiles.NAMES) {
            assertEquals(Files.readString(DIR.resolve(name + ".yaml"), StandardCharsets.UTF_8),
                    BuiltinProfiles.text(name).orElseThrow(), name + ": the jar's copy");
            assertEquals(ProfileYaml.read(DIR.resolve(name + ".yaml")).kernel(),
                    BuiltinProfiles.read(name).orElseThrow().kernel(), name);
        }
    }

    @TempDir
    Path tmp;

    @Test
    void aScenarioNamesABuiltinProfileWithNoFileBesideIt() {
        Path f = TestFiles.write(tmp, "builtin.yaml", String.join("\n",
                "# a study machine by name",
                "name: builtin",
                "kernel: {profile: 'builtin:r5.metal'}",
                "workload: {containers: 4, layers: 5}",
                "run: {replications: 1}", ""));
        var spec = ScenarioLoader.load(f, Overrides.none()).points().get(0).spec();
        HostProfile r5 = ProfileYaml.read(DIR.resolve("r5.metal.yaml"));
        assertEquals(r5.kernel(), spec.kernel(), "the built-in profile's costs");
        assertEquals(r5.machine(), spec.machine(), "and its machine");

        Path bad = TestFiles.write(tmp, "typo.yaml", String.join("\n",
                "# a typo",
                "name: typo",
                "kernel: {profile: 'builtin:r5.metl'}",
                "workload: {containers: 4, layers: 5}",
                "run: {replications: 1}", ""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ScenarioLoader.load(bad, Overrides.none()));
        String msg = e.problems().toString();
        assertTrue(msg.contains("typo.yaml") && msg.contains("kernel.profile")
                && msg.contains("no built-in profile named 'r5.metl'") && msg.contains("builtin:r5.metal"), msg);
    }
}
