package io.mountsim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.schema.ScenarioKey;
import io.mountsim.scenarios.schema.KeySuggester;
import io.mountsim.scenarios.schema.ScenarioSchema;
import io.mountsim.scenarios.yaml.YamlReader;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlAndKeysTest {

    @Test
    void valuesKeepTheirLineAndColumn() {
        YamlValue.Mapping root = (YamlValue.Mapping) YamlReader.read("a: 1\nb:\n  c: [x, {d: 2}]\n", "f.yaml");
        YamlValue.Mapping b = (YamlValue.Mapping) root.get("b");
        YamlValue.Sequence c = (YamlValue.Sequence) b.get("c");
        assertEquals(3, c.location().line());
        assertEquals(6, c.location().column());
        assertEquals(3, b.entries().get("c").keyLocation().line());
        assertEquals("[x, {d: 2}]", c.render());
    }

    @Test
    void aliasCyclesSecondDocumentsAndEmptyFilesAreProblemsNotCrashes() {
        for (String text : List.of("a: &x [*x]\n", "a: 1\n---\nb: 2\n", "", "# only a comment\n", "? [a]\n: b\n")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> YamlReader.read(text, "f.yaml"), text);
            assertTrue(e.problems().get(0).toString().startsWith("f.yaml"), e.getMessage());
        }
    }

    @Test
    void mergeKeysApplyAndExplicitKeysWin() {
        YamlValue.Mapping root = (YamlValue.Mapping) YamlReader.read("x: &b {p: 1, q: 2}\ny:\n  <<: *b\n  q: 3\n", "f.yaml");
        YamlValue.Mapping y = (YamlValue.Mapping) root.get("y");
        assertEquals("1", ((YamlValue.Scalar) y.get("p")).text());
        assertEquals("3", ((YamlValue.Scalar) y.get("q")).text());
    }

    @Test
    void suggestionsUseDamerauDistance() {
        assertEquals(1, KeySuggester.distance("containrs", "containers"));
        assertEquals(1, KeySuggester.distance("lyaers", "layers"), "a transposition is one edit");
        assertEquals(Optional.of("layers"), KeySuggester.nearest("lyaers", List.of("layers", "kind")));
        assertEquals(Optional.empty(), KeySuggester.nearest("zzz", List.of("layers", "kind")));
    }

    @Test
    void everySchemaPathHasAParentInTheSchema() {
        for (ScenarioKey k : ScenarioSchema.KEYS) {
            int dot = k.path().lastIndexOf('.');
            if (dot > 0) {
                String parent = k.path().substring(0, dot);
                assertTrue(ScenarioSchema.find(parent).isPresent(), "parent of " + k.path());
            }
        }
        assertEquals("unknown key; did you mean workload.healthCheckTimeoutSeconds?",
                ScenarioSchema.unknownPathMessage("workload.healthCheckTimeoutSecs"));
    }
}
