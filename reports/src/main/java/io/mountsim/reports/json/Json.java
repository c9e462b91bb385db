package io.mountsim.reports.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mountsim.reports.text.Numbers;

import java.util.Collection;
import java.util.Map;

/**
 * summary.json and points/*.json through Jackson: strict reading (RFC 8259, no duplicate
 * keys, no trailing text, bounded nesting) into plain Java values, and writing with a fixed
 * layout so identical inputs give identical bytes.
 *
 * <p>Reading gives {@link java.util.LinkedHashMap} (document order kept),
 * {@link java.util.ArrayList}, {@link String}, {@link Boolean}, null, {@link Long} for integer
 * literals and {@link Double} for the others. Writing takes the same kinds plus
 * {@code double[]}, {@code long[]}, any {@link Collection} and, as its {@code toString()},
 * anything else (a resolved scenario may hold an enum). Doubles go through
 * {@link Numbers#json}: whole values below 2^53 as integers, the rest in the shortest form
 * that parses back to the same double, NaN and infinities as null.
 */
public final class Json {

    /** Malformed JSON, with the line and column where parsing stopped. */
    public static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Deep enough for any summary.json; stops a hostile file from exhausting the stack. */
    static final int MAX_DEPTH = 200;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    /** Two-space indent, LF line ends, {@code "key": value}; arrays on one line (latency samples stay compact). */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static Object parse(String text) throws MalformedJsonException {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new MalformedJsonException(where + e.getOriginalMessage(), e);
        }
    }

    /** The value as a JSON document ending in a newline. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(node(value)) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise a tree of plain values", e);
        }
    }

    private static JsonNode node(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), node(x)));
            return o;
        }
        ArrayNode a = NODES.arrayNode();
        if (v instanceof Collection<?> c) {
            c.forEach(x -> a.add(node(x)));
        } else if (v instanceof double[] d) {
            for (double x : d) {
                a.add(number(x));
            }
        } else if (v instanceof long[] l) {
            for (long x : l) {
                a.add(x);
            }
        } else {
            return NODES.textNode(v.toString());
        }
        return a;
    }

    /** One spelling of a double (Numbers.json), so whole numbers read back as integers. */
    private static JsonNode number(double d) {
        String text = Numbers.json(d);
        if (text.equals("null")) {
            return NODES.nullNode();
        }
        return text.contains(".") || text.contains("E") ? NODES.numberNode(d) : NODES.numberNode(Long.parseLong(text));
    }
}
