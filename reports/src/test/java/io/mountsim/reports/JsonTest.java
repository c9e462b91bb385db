package io.mountsim.reports;

import io.mountsim.reports.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void writerOutputParsesBackToTheSameValues() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 unicode µ \u2028");
        doc.put("long", Long.MAX_VALUE);
        doc.put("double", 0.1);
        doc.put("bool", true);
        doc.put("null", null);
        doc.put("empty", Map.of());
        List<Object> withNull = new ArrayList<>(List.of(1L, "a", List.of(2L)));
        withNull.add(null);
        doc.put("list", withNull);
        Object back = Json.parse(Json.write(doc));
        assertEquals(doc, back);
    }

    @Test
    void rejectsInvalidJsonWithLineAndColumn() {
        for (String bad : List.of("{\"a\": 1,}", "[1 2]", "{\"a\" 1}", "\"unterminated", "01", "1.", "{\"a\":1}{",
                "{\"a\": 1, \"a\": 2}", "[\"\u0001\"]", "tru")) {
            Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class,
                    () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().matches("line \\d+, column \\d+: (.|\n)*"), e.getMessage());
        }
        Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class,
                () -> Json.parse("{\n  \"a\": [1,\n   ?]}"));
        assertTrue(e.getMessage().startsWith("line 3, column 4: "), e.getMessage());
    }

    @Test
    void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThrows(Json.MalformedJsonException.class, () -> Json.parse(deep));
    }
}
