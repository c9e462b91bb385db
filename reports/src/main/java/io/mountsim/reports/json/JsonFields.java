package io.mountsim.reports.json;

import io.mountsim.reports.ReportInputException;

import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON with errors people can act on: each failure names the
 * file and the JSON path ({@code points[3].metrics.startsPerSecond.mean}) and what was
 * expected there.
 */
final class JsonFields {

    private final String file;

    JsonFields(String file) {
        this.file = file;
    }

    ReportInputException error(String path, String expected) {
        return new ReportInputException(file + ": " + path + ": expected " + expected);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object v, String path) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw error(path, "an object");
    }

    List<?> array(Object v, String path) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw error(path, "an array");
    }

    Object required(Map<String, Object> m, String key, String path) {
        if (!m.containsKey(key)) {
            throw new ReportInputException(file + ": " + path + ": missing key \"" + key + "\"");
        }
        return m.get(key);
    }

    String string(Map<String, Object> m, String key, String path) {
        Object v = required(m, key, path);
        if (v instanceof String s) {
            return s;
        }
        throw error(join(path, key), "a string");
    }

    /** A number; JSON null reads as NaN (how {@link Json} writes NaN). */
    double number(Map<String, Object> m, String key, String path) {
        return number(required(m, key, path), join(path, key));
    }

    double number(Object v, String path) {
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(path, "a number or null");
    }

    long integer(Map<String, Object> m, String key, String path) {
        Object v = required(m, key, path);
        if (v instanceof Long l) {
            return l;
        }
        throw error(join(path, key), "an integer");
    }

    boolean bool(Map<String, Object> m, String key, String path) {
        Object v = required(m, key, path);
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(join(path, key), "true or false");
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
