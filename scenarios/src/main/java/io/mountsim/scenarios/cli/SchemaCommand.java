package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.schema.JsonSchemaExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print (or write) the JSON Schema of scenario files, for editors: the YAML language server then"
                + " completes keys, shows their meaning and default, and marks unknown keys and out-of-range values.",
        footer = {"", "Put '# yaml-language-server: $schema=mountsim-scenario.schema.json' on a scenario's first line,",
                "or map the schema to scenario files in the editor's yaml.schemas setting (README.md, \"Scenario files\").",
                "", "Examples:", "  mountsim schema -o mountsim-scenario.schema.json", "  mountsim schema > scenario.schema.json"})
final class SchemaCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the schema to FILE instead of standard output")
    Path output;

    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        String json = JsonSchemaExport.json();
        if (output == null) {
            context.out().print(json);
            context.out().flush();
            return MountsimCommand.EXIT_OK;
        }
        if (Files.isDirectory(output)) {
            throw invalid(output + " is a directory; give a file name such as mountsim-scenario.schema.json");
        }
        if (Files.exists(output) && !writtenBySchema(output)) {
            throw invalid(output + " exists and was not written by mountsim schema; choose another file or remove it yourself");
        }
        OutputFile.writeAtomically(output, json, ".mountsim-schema-");
        context.out().println("wrote " + output);
        return MountsimCommand.EXIT_OK;
    }

    /** An earlier schema of ours carries its $comment in the first lines. */
    private static boolean writtenBySchema(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.limit(5).anyMatch(l -> l.contains(JsonSchemaExport.COMMENT));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static InvalidInputException invalid(String message) {
        return InvalidInputException.of(Location.of("-o"), "", message);
    }
}
