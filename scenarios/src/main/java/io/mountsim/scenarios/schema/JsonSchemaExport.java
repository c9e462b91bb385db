package io.mountsim.scenarios.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key table as a JSON Schema (draft 2020-12) for scenario files, so that editors
 * (the YAML language server) complete keys, show their meaning and default, and mark
 * unknown keys and out-of-range values. It checks each value's form and range; the
 * rules across keys (a kind's keys, llcDomainsPerSocket dividing coresPerSocket, trace
 * files) stay with {@code mountsim validate}.
 */
public final class JsonSchemaExport {
    /** Says who wrote the file, so {@code mountsim schema -o} only replaces its own output. */
    public static final String COMMENT = "written by `mountsim schema` from the key table (ScenarioKeys); do not edit";
    /** Top-level keys starting with x- are ignored (YAML anchors), as Section.EXTENSION_PREFIX says. */
    static final String EXTENSION_PATTERN = "^x-";

    private JsonSchemaExport() {
    }

    /** The schema as nested maps. */
    public static Map<String, Object> schema() {
        LinkedHashMap<String, Object> s = new LinkedHashMap<>();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("$comment", COMMENT);
        s.put("title", "mountsim scenario");
        s.put("description", "A mountsim scenario file: machine, kernel, runtime, watchers, node, workload, mitigations,"
                + " run, sweep (README.md, \"Scenario files\")");
        Map<String, Object> top = object("");
        top.put("patternProperties", Map.of(EXTENSION_PATTERN, Map.of("description", "ignored: a place for YAML anchors")));
        s.putAll(top);
        return s;
    }

    /** The schema as indented JSON text, ending in a newline. */
    public static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the schema is plain maps, lists, strings and numbers", e);
        }
    }

    /** sweep: each sweepable key's path -> a non-empty list of values of that key's schema. */
    private static Map<String, Object> sweepable() {
        LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        for (ScenarioKey k : ScenarioKeys.ALL) {
            if (k.sweepable()) {
                properties.put(k.path(), Map.of("type", "array", "minItems", 1, "items", k.jsonSchema(object(k.path()))));
            }
        }
        return properties;
    }

    /** The object schema of the keys directly under {@code parent} (null when there are none). */
    private static Map<String, Object> object(String parent) {
        List<ScenarioKey> children = ScenarioKeys.ALL.stream().filter(k -> k.parent().equals(parent)).toList();
        if (children.isEmpty()) {
            return null;
        }
        LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        for (ScenarioKey k : children) {
            Map<String, Object> value = k.jsonSchema(object(k.path()));
            if (k == ScenarioKeys.SWEEP_KEYS) {
                value.put("properties", sweepable());
                value.put("additionalProperties", false);
            }
            properties.put(k.name(), value);
        }
        LinkedHashMap<String, Object> o = new LinkedHashMap<>();
        o.put("type", "object");
        o.put("properties", properties);
        o.put("additionalProperties", false);
        return o;
    }
}
