package io.mountsim.reports.json;

import io.mountsim.reports.text.Numbers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer with a fixed layout (two-space indent, keys in insertion order,
 * numbers via {@link Numbers#json}) so identical inputs give identical bytes. Values may be
 * {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link Map} with string
 * keys, {@link Collection} (a list, or a set in its iteration order), {@code double[]} and {@code long[]}; anything else is written as its
 * {@code toString()} string, so a resolved scenario holding an enum still serialises.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {
    }

    /** The value as a JSON document ending in a newline. */
    public static String write(Object value) {
        JsonWriter w = new JsonWriter();
        w.value(value, 0);
        w.out.append('\n');
        return w.out.toString();
    }

    private void value(Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.append(((Number) v).longValue());
        } else if (v instanceof Number n) {
            out.append(Numbers.json(n.doubleValue()));
        } else if (v instanceof Map<?, ?> m) {
            object(m, depth);
        } else if (v instanceof Collection<?> c) {
            array(new ArrayList<>(c), depth); // not List.copyOf: JSON arrays may hold null
        } else if (v instanceof double[] d) {
            numbers(d);
        } else if (v instanceof long[] l) {
            out.append('[');
            for (int i = 0; i < l.length; i++) {
                out.append(i == 0 ? "" : ",").append(l[i]);
            }
            out.append(']');
        } else {
            string(v.toString());
        }
    }

    private void object(Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(depth + 1);
            string(String.valueOf(e.getKey()));
            out.append(": ");
            value(e.getValue(), depth + 1);
        }
        out.append('\n');
        indent(depth);
        out.append('}');
    }

    private void array(List<?> l, int depth) {
        if (l.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean scalars = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
        if (scalars) { // short lists of scalars stay on one line: parameters, swept keys
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(l.get(i), depth + 1);
            }
            out.append(']');
            return;
        }
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(depth + 1);
            value(l.get(i), depth + 1);
        }
        out.append('\n');
        indent(depth);
        out.append(']');
    }

    /** Long numeric arrays (latency samples) on one line: compact and still diffable per file. */
    private void numbers(double[] d) {
        out.append('[');
        for (int i = 0; i < d.length; i++) {
            out.append(i == 0 ? "" : ",").append(Numbers.json(d[i]));
        }
        out.append(']');
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are legal JSON but break JavaScript embedding; escape them too
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
