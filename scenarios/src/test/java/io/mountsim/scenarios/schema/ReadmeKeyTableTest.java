package io.mountsim.scenarios.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README.md's key table is the key table's: the test fails when they differ, and with
 * {@code -Dmountsim.regenerateReadme=true} it rewrites README.md's copy instead.
 */
class ReadmeKeyTableTest {
    /** The build runs in the module directory; the README is the repository's. */
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeKeyTableIsTheKeyTable() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String expected = ReadmeKeyTable.regenerated(readme);
        if (Boolean.getBoolean("mountsim.regenerateReadme") && !expected.equals(readme)) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            readme = expected;
        }
        assertEquals(expected, readme, "README.md's key table differs from ScenarioKeys; regenerate it with"
                + " mvn -B -o -q -pl scenarios -am test -Dtest=ReadmeKeyTableTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dmountsim.regenerateReadme=true");
    }

    @Test
    void everyKeyHasOneRowAndParentsComeFirst() {
        String table = ReadmeKeyTable.markdown();
        for (ScenarioKey k : ScenarioKeys.ALL) {
            assertEquals(1, table.split("\\| `" + java.util.regex.Pattern.quote(k.path()) + "` \\|", -1).length - 1, k.path());
            if (!k.parent().isEmpty()) {
                assertTrue(ScenarioKeys.ALL.indexOf(ScenarioKeys.find(k.parent()).orElseThrow()) < ScenarioKeys.ALL.indexOf(k),
                        k.path() + " comes after its parent");
            }
        }
        assertEquals(ScenarioKeys.ALL.size(), ScenarioKeys.ALL.stream().map(ScenarioKey::path).distinct().count(),
                "each key is declared once");
    }
}
