package io.mountsim.scenarios.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code mountsim schema}'s JSON Schema, checked by an independent validator
 * (networknt json-schema-validator, draft 2020-12): every shipped scenario and every
 * resolved copy (summary.json's) passes, and the mistakes the loader refuses by form
 * (an unknown key, a value out of range, a misspelt option) fail.
 */
public class JsonSchemaExportTest {
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(JsonSchemaExport.json(), InputFormat.JSON);

    /** Every scenario file shipped in the module (profiles are another format; target/ and src/ are not shipped). */
    public static List<Path> shippedScenarios() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.startsWith("./target") && !f.startsWith("./src") && !f.startsWith("./profiles"))
                    .sorted().toList();
        }
    }

    /** The YAML as a reader of the YAML 1.1 core schema sees it (anchors and merge keys resolved), as JSON. */
    private static List<Error> validate(String yaml) throws IOException {
        Object tree = new Yaml().load(yaml);
        return SCHEMA.validate(new ObjectMapper().writeValueAsString(tree), InputFormat.JSON);
    }

    @Test
    void everyShippedScenarioValidates() throws IOException {
        List<Path> files = shippedScenarios();
        assertTrue(files.size() >= 20, "found " + files);
        assertTrue(files.contains(Path.of("./netflix/two-sockets-worse.yaml")), files.toString());
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            List<Error> errors = validate(Files.readString(f, StandardCharsets.UTF_8));
            errors.forEach(e -> failures.add(f + ": " + e));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyResolvedCopyValidates() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path f : shippedScenarios()) {
            Scenario s = ScenarioLoader.load(f, Overrides.none());
            for (Map<String, Object> resolved : List.of(s.resolved(), s.points().get(s.points().size() - 1).resolved())) {
                String json = new ObjectMapper().writeValueAsString(resolved);
                SCHEMA.validate(json, InputFormat.JSON).forEach(e -> failures.add(f + " resolved: " + e));
                // every leaf of the resolved copy is a key of the table
                Resolved.flat(resolved).keySet().stream()
                        .filter(path -> ScenarioKeys.find(path).isEmpty())
                        .forEach(path -> failures.add(f + " resolved: " + path + " is not a key"));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void mistakesOfFormFail() throws IOException {
        String ok = "machine: r5.metal\nworkload: {kind: container-starts, containers: 10}\n";
        assertEquals(List.of(), validate(ok));
        assertFalse(validate(ok.replace("containers: 10", "containrs: 10")).isEmpty(), "misspelt key");
        assertFalse(validate(ok.replace("containers: 10", "containers: 0")).isEmpty(), "below the range");
        assertFalse(validate(ok.replace("kind: container-starts", "kind: container-start")).isEmpty(), "misspelt option");
        assertFalse(validate(ok.replace("r5.metal", "r5.metl")).isEmpty(), "unknown preset");
        assertFalse(validate(ok + "sweep: {run.seed: [1, 2]}\n").isEmpty(), "run settings are not sweepable");
        assertFalse(validate(ok + "sweep: {workload.containers: [10, 0]}\n").isEmpty(), "a swept value out of range");
        assertFalse(validate(ok + "sweep: {runtime.idmap: [per-layer, common-parnt]}\n").isEmpty(), "a misspelt swept option");
        assertEquals(List.of(), validate(ok + "sweep: {machine: [r5.metal, {preset: m7a.24xlarge, threadsPerCore: 1}],"
                + " workload.layers: [20, {uniform: [20, 80]}]}\n"), "swept values of several forms");
        assertFalse(validate(ok + "kernel: {lockHeldShares: {openTree: 1.5}}\n").isEmpty(), "a share above 1");
        assertEquals(List.of(), validate(ok + "x-image: &i {layers: 50}\nmitigations: {smt: off, cpuset: \"0-3\"}\n"),
                "x- keys and on/off switches");
    }

    @Test
    void defaultsInTheSchemaAreTheModelConstants() {
        @SuppressWarnings("unchecked")
        Map<String, Object> kernel = (Map<String, Object>) ((Map<String, Object>) JsonSchemaExport.schema().get("properties")).get("kernel");
        String json = kernel.toString();
        assertTrue(json.contains("default=" + io.mountsim.models.calibration.KernelProfiles.SOURCE_SHARES.openTree()), json);
    }
}
