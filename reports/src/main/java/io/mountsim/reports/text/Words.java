package io.mountsim.reports.text;

/** Small helpers for sentences built from names. */
public final class Words {

    private Words() {
    }

    /** "p95 start latency" -> "P95 start latency", for titles and sentence starts. */
    public static String capitalise(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
