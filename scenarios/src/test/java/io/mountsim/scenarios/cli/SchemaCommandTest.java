package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mountsim.scenarios.run.ReplicationModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mountsim schema}: prints or writes the schema, and never replaces a file it did not write. */
class SchemaCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int mountsim(String... args) {
        CliContext context = new CliContext(ReplicationModel.simulation(), new ReportsSink(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), 1);
        return MountsimCommand.execute(context, args);
    }

    @Test
    void printsADraft202012SchemaOfTheScenarioKeys() throws IOException {
        assertEquals(0, mountsim("schema"));
        JsonNode schema = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        JsonNode containers = schema.at("/properties/workload/properties/containers");
        assertEquals("integer", containers.get("type").asText());
        assertEquals(1, containers.get("minimum").asInt());
        assertEquals(100, containers.get("default").asInt());
        assertTrue(containers.get("description").asText().contains("starts"), containers.toString());
    }

    @Test
    void writesAFileAndReplacesOnlyItsOwn() throws IOException {
        Path file = dir.resolve("scenario.schema.json");
        assertEquals(0, mountsim("schema", "-o", file.toString()));
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.startsWith("{"), written);
        assertEquals(0, mountsim("schema", "-o", file.toString()), "its own earlier output is replaced");

        Path mine = dir.resolve("notes.json");
        Files.writeString(mine, "{\"my\": \"notes\"}\n", StandardCharsets.UTF_8);
        assertEquals(2, mountsim("schema", "-o", mine.toString()));
        assertEquals("{\"my\": \"notes\"}\n", Files.readString(mine, StandardCharsets.UTF_8), "a foreign file is left as it was");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("was not written by mountsim schema"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, mountsim("schema", "-o", dir.toString()), "a directory is refused");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }
}
